/**
 * How a running script looks, on the call card and in the trainer's preview alike: the step in
 * the agent's words (values the call does not know stand out), the customer's answers with their
 * keys, objection answers, the offer in play, the checklist, and the steps behind.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../shared/contract';
import type { Locale } from '../../../shared/domain';
import { CONTINUE, type RenderedText, type ScriptEvent, type ScriptView } from '../../../shared/scriptpack';
import { formatMoney } from '../format';
import { isTyping } from '../keys';
import { useOutcomeLabel, useReasonLabel } from '../outcomes';
import '../packs.css';

/**
 * Words with the call's values filled in; a value the call does not know is a visible placeholder.
 * `hint` is the placeholder's tooltip (in the script's language; the UI's by default).
 */
export function Words({ text, className, hint }: { text: RenderedText | null; className?: string; hint?: string }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <p className={className}>
      {text.parts.map((p, i) =>
        'variable' in p ? (
          p.missing ? (
            <mark key={i} className="placeholder" title={hint ?? t('packs.panel.missingHint')} data-variable={p.variable}>
              {p.text}
            </mark>
          ) : (
            <span key={i} className="value" data-variable={p.variable}>
              {p.text}
            </span>
          )
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The key label of the n-th answer (Shift + digit: digits alone are outcome keys). */
export const answerKey = (i: number) => (i < DIGITS.length ? `⇧${DIGITS[i]}` : '');

export interface ScriptControls {
  answer(id: string): void;
  objection(id: string): void;
  back(): void;
  /** Steps forward again over what back() took back; false when there is nothing to redo. */
  forward?(): boolean;
}

/**
 * The script's keys, taken before the card's own (capture phase), so an objection's digit never
 * also picks an outcome: Shift+1…9 answer, O then 1…9 an objection, Esc leaves objection mode.
 * With `nav`, J continues and K goes back (on the card, the card's own J/K call the panel).
 */
export function useScriptKeys(view: ScriptView | null, controls: ScriptControls, opts: { nav?: boolean; loading?: boolean } = {}) {
  const [objectionMode, setObjectionMode] = useState(false);
  const latest = useRef({ view, controls, objectionMode, loading: !!opts.loading });
  latest.current = { view, controls, objectionMode, loading: !!opts.loading };
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const { view: v, controls: c, objectionMode: mode, loading } = latest.current;
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      // While the script is still loading O is the script's all the same: O then a digit picks no
      // objection yet, rather than falling through to the outcome keys.
      if (!v && !loading && !mode) return;
      // At the script's end only O is still the script's (see below); the rest is the card's.
      if (v && !v.step && !mode && e.key.toLowerCase() !== 'o') return;
      const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
      const take = () => {
        e.preventDefault();
        e.stopPropagation();
      };
      if (mode) {
        if (digit && !e.shiftKey) {
          const o = v?.objections[Number(digit) - 1];
          if (o) c.objection(o.id);
          setObjectionMode(false);
          take();
        } else if (e.key === 'Escape' || e.key.toLowerCase() === 'o') {
          setObjectionMode(false);
          take();
        }
        return;
      }
      if (digit && e.shiftKey) {
        const a = v?.answers[Number(digit) - 1];
        if (a) {
          c.answer(a.id);
          take();
        }
      } else if (!e.shiftKey && e.key.toLowerCase() === 'o') {
        // Armed even where the step offers no objection answers: the digit after O then picks
        // nothing, instead of falling through to the outcome keys (O, 1 recorded "won back" at the
        // end of a lost win-back, the opposite of what the script said).
        setObjectionMode(true);
        take();
      } else if (v && opts.nav && !e.shiftKey && (e.key.toLowerCase() === 'j' || e.key === 'ArrowDown')) {
        const only = v.answers.length === 1 ? v.answers[0] : undefined;
        if (only?.id === CONTINUE) c.answer(only.id);
        else c.forward?.();
        take();
      } else if (v && opts.nav && !e.shiftKey && (e.key.toLowerCase() === 'k' || e.key === 'ArrowUp')) {
        c.back();
        take();
      }
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [opts.nav]);
  return { objectionMode, setObjectionMode };
}

/** Appends an event stamped now. */
export function stamp(events: ScriptEvent[], e: { answer: string } | { objection: string }): ScriptEvent[] {
  return [...events, { ...e, at: new Date().toISOString() }];
}

export function ScriptBody({
  view,
  session,
  controls,
  objectionMode,
  onObjectionMode,
  canBack,
  locale,
}: {
  view: ScriptView;
  session: SessionView;
  controls: ScriptControls;
  objectionMode: boolean;
  onObjectionMode(on: boolean): void;
  canBack: boolean;
  /**
   * The language of everything shown, not only the pack's words: the trainer's preview in English
   * shows the checklist, "Back" and "Objections" in English too. The UI's language by default (the
   * card: the agent's own).
   */
  locale?: Locale;
}) {
  const { t: uiT, i18n } = useTranslation();
  const t = useMemo(() => (locale ? i18n.getFixedT(locale) : uiT), [locale, i18n, uiT]);
  const outcomeLabel = useOutcomeLabel(session, locale);
  const reasonLabel = useReasonLabel(locale);
  const lang = locale ?? i18n.language;
  const hint = t('packs.panel.missingHint');
  if (view.error) {
    return <p className="muted" data-testid="script-error">{view.error === 'loop' ? t('packs.panel.loop') : t('packs.panel.noFlow', { pack: view.packId, version: view.version })}</p>;
  }
  const step = view.step!;
  return (
    <div className="script-body" data-step={step.id} data-pack={`${view.packId}@${view.version}`} lang={locale}>
      {view.trail.length > 0 && (
        <details className="trail">
          <summary className="muted small">
            {t('packs.panel.trail')} ({view.trail.length})
          </summary>
          <ol className="mini-list">
            {view.trail.map((s, i) => (
              <li key={i}>
                {s.title} → <strong>{s.answer}</strong>
              </li>
            ))}
          </ol>
        </details>
      )}
      <div className={`step-card ${step.end ? 'end' : ''}`} data-testid="script-step">
        {step.title && <Words text={step.title} className="step-title" hint={hint} />}
        <Words text={step.say} className="say" hint={hint} />
        {step.hint && <Words text={step.hint} className="hint small" hint={hint} />}
      </div>

      {view.offer && (
        <div className="offer-box" data-testid="script-offer">
          <strong>{t('packs.panel.offer')}: {view.offer.name}</strong>
          <div className="small">
            {t('packs.panel.offerLines')}: {view.offer.lines.map((l) => `${l.product} ${l.package}${l.quantity > 1 ? ` ×${l.quantity}` : ''}`).join(' + ')}
          </div>
          {view.offer.totalFen !== null && (
            <div className="small">{t('packs.panel.offerTotal', { total: formatMoney(view.offer.totalFen, lang), add: formatMoney(view.offer.addFen, lang) })}</div>
          )}
          {view.offer.savingFen ? <div className="small ok">{t('packs.panel.offerSaving', { saving: formatMoney(view.offer.savingFen, lang) })}</div> : null}
          {view.offer.points.length > 0 && (
            <ul className="points small">
              {view.offer.points.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      {view.finished && view.outcome ? (
        <p className="finished" data-testid="script-finished">
          {t('packs.panel.finished', { outcome: outcomeLabel(view.outcome.code) })}
          {view.outcome.reasonCode && <span className="muted"> {t('packs.panel.reason', { reason: reasonLabel(view.outcome.reasonCode) })}</span>}
        </p>
      ) : (
        <div className="answers" aria-label={t('packs.panel.answers')}>
          {view.answers.map((a, i) => (
            <button key={a.id} onClick={() => controls.answer(a.id)} data-answer={a.id} aria-keyshortcuts={`Shift+${i + 1}`}>
              {answerKey(i) && <kbd>{answerKey(i)}</kbd>} {a.label}
            </button>
          ))}
        </div>
      )}
      <div className="script-nav">
        <button className="link small" onClick={() => controls.back()} disabled={!canBack} aria-keyshortcuts="K">
          {t('packs.panel.back')} <kbd>K</kbd>
        </button>
      </div>

      {view.objections.length > 0 && (
        <div className={`objections ${objectionMode ? 'armed' : ''}`} aria-label={t('packs.panel.objections')}>
          <div className="muted small">
            {/* The O key sits by the word it opens: after "press O, then the number" it read as the number. */}
            {objectionMode ? (
              t('packs.panel.objectionMode')
            ) : (
              <>
                {/* The letter O, not the digit 0 (the reason keys' "other"): a letter badge, see packs.css. */}
                {t('packs.panel.objections')} <kbd className="key-letter" title={t('packs.panel.objectionKey')}>O</kbd> · {t('packs.panel.objectionsHint')}
              </>
            )}
          </div>
          <div className="objection-buttons">
            {view.objections.map((o, i) => (
              <button
                key={o.id}
                className={view.objection?.id === o.id ? 'selected' : ''}
                onClick={() => {
                  controls.objection(o.id);
                  onObjectionMode(false);
                }}
                data-objection={o.id}
              >
                {objectionMode && <kbd>{i + 1}</kbd>} {o.label}
              </button>
            ))}
          </div>
          {view.objection && (
            <div className="objection-answer" data-testid="objection-answer">
              <Words text={view.objection.say} className="say" hint={hint} />
            </div>
          )}
        </div>
      )}

      {view.checklist.length > 0 && (
        <ul className="checklist" aria-label={t('packs.panel.checklist')}>
          {view.checklist.map((c) => (
            <li key={c.item} className={c.done ? 'done' : ''} data-check={c.item}>
              {c.done ? '☑' : '☐'} {t(`packs.checks.${c.item}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
