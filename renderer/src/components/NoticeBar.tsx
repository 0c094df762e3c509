import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FLOWS } from '../../../shared/domain';
import { OUTCOME_CODES } from '../../../shared/outcomes';
import { isTyping } from '../keys';
import { useApp } from '../store';

const ICON = { success: '✓', info: 'i', error: '!' } as const;

/**
 * The notice under the menu, in a strip of its own: a notice coming or going never moves the page
 * (an agent mid-call lost their place on the card when it was pushed down). Longer words than one
 * line spill over the top of the page rather than push it. How long each notice stays: notices.ts.
 */
export function NoticeBar() {
  const { t } = useTranslation();
  const notice = useApp((s) => s.notice);
  const dismiss = useApp((s) => s.dismissNotice);
  const hold = useApp((s) => s.holdNotice);
  const bar = useRef<HTMLDivElement>(null);

  // Core errors carry flow and outcome codes (a key clash "in the verify call"): said in words, in the
  // language on screen now (a notice is translated again when the language changes).
  const words = (params?: Record<string, string | number>) => {
    if (!params) return params;
    const out = { ...params };
    if (typeof out.flow === 'string' && (FLOWS as readonly string[]).includes(out.flow)) out.flow = t(`flows.${out.flow}`);
    if (typeof out.outcome === 'string' && (OUTCOME_CODES as readonly string[]).includes(out.outcome)) out.outcome = t(`outcomes.${out.outcome}`);
    return out;
  };

  // A notice that replaces one with the focus in it (its close button) waits for the focus to leave.
  // (A pointer merely resting where a notice appears does not hold it: only one moved onto it does.)
  const id = notice?.id;
  useEffect(() => {
    const el = bar.current;
    if (id !== undefined && el?.contains(document.activeElement)) hold(true);
  }, [id, hold]);

  // Esc closes an error, before anything else Esc would close (one key, one thing) — except in a
  // field being typed in, whose Esc it is (the caller box closes, the outcome form is put away).
  // Listening from the bar's first render, ahead of every screen's own keys (the script's
  // objections among them), whatever was on screen when the error came.
  const isError = notice?.kind === 'error';
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.isComposing || e.defaultPrevented || isTyping(e.target)) return;
      if (useApp.getState().notice?.kind !== 'error') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      dismiss();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [dismiss]);

  return (
    <div className="notice-slot">
      {notice && (
        <div
          ref={bar}
          className={`notice-bar ${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="notice"
          data-kind={notice.kind}
          onMouseMove={(e) => {
            if (e.movementX || e.movementY) hold(true);
          }}
          onMouseLeave={() => hold(false)}
          onFocus={() => hold(true)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) hold(false);
          }}
        >
          <span className="notice-icon" aria-hidden="true">
            {ICON[notice.kind]}
          </span>
          <span className="notice-text">{t(notice.key, words(notice.params))}</span>
          <button
            type="button"
            className="notice-close"
            onClick={dismiss}
            aria-label={t('notice.close')}
            title={isError ? t('notice.closeEsc') : t('notice.close')}
            aria-keyshortcuts={isError ? 'Escape' : undefined}
            data-testid="notice-close"
          >
            <span aria-hidden="true">×</span>
            {isError && <kbd>Esc</kbd>}
          </button>
        </div>
      )}
    </div>
  );
}
