import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { readDraft, writeScriptDraft } from '../drafts';
import { useTranslation } from 'react-i18next';
import type { CallCard, SessionView } from '../../../shared/contract';
import type { CardScript } from '../../../shared/contracts/packs';
import type { Locale } from '../../../shared/domain';
import type { OutcomeCode } from '../../../shared/outcomes';
import { cardScriptContext, CONTINUE, runScript, type AcceptedOfferChange, type PathEntry, type ScriptEvent } from '../../../shared/scriptpack';
import { api } from '../api';
import { useApp } from '../store';
import { ScriptBody, stamp, useScriptKeys } from './ScriptView';

/** What the card sends with its outcome: the pack and version it followed and the steps taken. */
export interface ScriptRecord {
  packId: string;
  version: string;
  path: PathEntry[];
  /** The offer the script ended on (an accepted upsell), as the outcome wants it. */
  offer?: AcceptedOfferChange;
}

export interface ScriptPanelHandle {
  /** J / K on the card: continue a step that has no answers to choose from, or go back one. */
  move(delta: number): void;
  /** Optional so a plain { move } ref (the card before script packs) still fits. */
  current?(): ScriptRecord | null;
}

/** recordOutcome's script fields from the panel (none when no pack was followed). */
export function scriptOutcomeFields(handle: ScriptPanelHandle | null): { scriptPackId?: string; scriptVersion?: string; scriptPath?: PathEntry[] } {
  const r = handle?.current?.();
  return r ? { scriptPackId: r.packId, scriptVersion: r.version, scriptPath: r.path.slice(-500) } : {};
}

export interface ScriptOutcomeHint {
  reasonCode?: string;
  offerId?: string;
  offer?: AcceptedOfferChange;
}

/** The last script in force per flow and product (see the panel's first render). */
const lastScripts = new Map<string, CardScript | null>();

/** The same pack version: the one on screen stays (and with it the memoised run of the script). */
function sameScript(a: CardScript | null | undefined, b: CardScript | null): boolean {
  return a === b || (!!a && !!b && a.packId === b.packId && a.version === b.version && a.scope === b.scope);
}

/**
 * The card's script: the pack in force for the order's product, run for the card's flow. The
 * agent keys the customer's answers (Shift+1…9), objections (O, then 1…9); when the script ends,
 * onOutcome proposes its outcome so the card can preselect it.
 */
export const ScriptPanel = forwardRef<
  ScriptPanelHandle,
  {
    card: CallCard;
    session: SessionView;
    /** The customer called in: the script greets them as the one who answers (call.inbound). */
    inbound?: boolean;
    onOutcome?: (code: OutcomeCode, hint: ScriptOutcomeHint) => void;
    /** The offer the script has presented (for the outcome form's offer choice), or null. */
    onOffer?: (offer: AcceptedOfferChange | null) => void;
  }
>(function ScriptPanel({ card, session, inbound = false, onOutcome, onOffer }, ref) {
  const { t, i18n } = useTranslation();
  const { fail } = useApp();
  const product = card.order.lines[0]?.product;
  const scriptKey = `${card.flow}|${product ?? ''}`;
  // The script this product and flow had on the last card, shown at once while the pack in force is
  // asked again: the panel no longer opens on "loading" and grows under the agent's eyes on every card.
  const [script, setScript] = useState<CardScript | null | undefined>(() => lastScripts.get(scriptKey));
  // A reload comes back to the step the agent had reached (the card's draft keeps the answers keyed).
  const [saved] = useState(() => readDraft(card.taskId)?.script);
  const [events, setEvents] = useState<ScriptEvent[]>(saved?.events ?? []);
  const [startedAt] = useState(saved?.startedAt ?? new Date().toISOString());
  useEffect(() => writeScriptDraft(card.taskId, { events, startedAt }), [card.taskId, events, startedAt]);

  useEffect(() => {
    let live = true;
    api.getCardScript({ product, flow: card.flow }).then(
      (r) => {
        lastScripts.set(scriptKey, r.script);
        if (live) setScript((shown) => (sameScript(shown, r.script) ? shown : r.script));
      },
      (e: unknown) => {
        if (!live) return;
        setScript(null);
        fail(e);
      },
    );
    return () => {
      live = false;
    };
  }, [product, card.flow, scriptKey, fail]);

  const locale = i18n.language as Locale;
  const view = useMemo(() => {
    if (!script) return null;
    const lt = i18n.getFixedT(locale);
    const tr = (key: string, params?: Record<string, string | number>) => String(lt(key, params ?? {}));
    const who = { agentName: session.agent?.name, shopName: session.settings.shopName || undefined, timeZone: session.settings.businessTimeZone };
    return runScript({ pack: script.pack, flow: card.flow, context: cardScriptContext({ ...card, inbound }, who, tr), locale, t: tr, events, startedAt });
  }, [script, card, session, inbound, locale, events, startedAt, i18n]);

  // What K took back, so that J can step forward again (it could not: J only continued a step
  // without answers). A new answer or objection forgets it.
  const eventsNow = useRef(events);
  eventsNow.current = events;
  const undone = useRef<ScriptEvent[]>([]);
  const controls = useMemo(
    () => ({
      answer: (id: string) => {
        undone.current = [];
        setEvents((ev) => stamp(ev, { answer: id }));
      },
      objection: (id: string) => {
        undone.current = [];
        setEvents((ev) => stamp(ev, { objection: id }));
      },
      back: () => {
        const ev = eventsNow.current;
        if (!ev.length) return;
        undone.current.push(ev[ev.length - 1]);
        setEvents(ev.slice(0, -1));
      },
      forward: () => {
        const e = undone.current.pop();
        if (!e) return false;
        setEvents((ev) => stamp(ev, 'answer' in e ? { answer: e.answer } : { objection: e.objection }));
        return true;
      },
    }),
    [],
  );
  const { objectionMode, setObjectionMode } = useScriptKeys(view, controls, { loading: script === undefined });

  useImperativeHandle(
    ref,
    () => ({
      move(delta: number) {
        if (delta < 0) controls.back();
        else if (view?.answers.length === 1 && view.answers[0].id === CONTINUE) controls.answer(CONTINUE);
        else controls.forward();
      },
      current() {
        if (!script || !view) return null;
        return { packId: script.packId, version: script.version, path: view.path, offer: view.outcome?.offer };
      },
    }),
    [controls, view, script],
  );

  // Propose the outcome once each time the script reaches an end.
  const proposed = useRef<string | null>(null);
  useEffect(() => {
    const o = view?.outcome;
    const key = o ? `${o.code}:${view.path.length}` : null;
    if (!o || key === proposed.current) {
      if (!o) proposed.current = null;
      return;
    }
    proposed.current = key;
    onOutcome?.(o.code, { reasonCode: o.reasonCode, offerId: o.offerId, offer: o.offer });
  }, [view, onOutcome]);

  // The offer in play, as the outcome wants it: the card can record an accepted upsell at any step.
  const offer = view?.offer;
  const offerKey = offer ? `${offer.id}:${offer.totalFen}` : null;
  const offerRef = useRef(offer);
  offerRef.current = offer;
  useEffect(() => {
    const o = offerRef.current;
    onOffer?.(o && o.totalFen !== null ? { id: o.id, title: o.name.slice(0, 120), addLines: o.lines, newTotalFen: o.totalFen } : null);
    // Only a different offer is news (not a new callback identity).
  }, [offerKey]);

  return (
    <section className="panel script" aria-label={t('packs.panel.title')} data-testid="script-panel">
      <h3>
        {t('packs.panel.title')} <span className="muted small">{t('packs.panel.keys')}</span>
        {script && <span className="pack-version muted small">{t('packs.panel.version', { pack: script.packId, version: script.version })}</span>}
      </h3>
      {script === undefined && <p className="muted">{t('packs.panel.loading')}</p>}
      {script === null && <p className="muted" data-testid="script-none">{t('packs.panel.noPack')}</p>}
      {view && (
        <ScriptBody
          view={view}
          session={session}
          controls={controls}
          objectionMode={objectionMode}
          onObjectionMode={setObjectionMode}
          canBack={events.length > 0}
        />
      )}
    </section>
  );
});
