import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_COUNT_CAP, type AcceptedOffer, type CallCard, type NextCardResult, type QueueStatus } from '../../../shared/contract';
import type { AgentDay } from '../../../shared/contracts/flows';
import { FLOWS, type Flow, type Locale } from '../../../shared/domain';
import { offersForOrder } from '../../../shared/scriptpack/offers';
import type { OutcomeCode } from '../../../shared/outcomes';
import { nextCallingTime } from '../../../shared/calling';
import { isDialUri } from '../../../shared/settings';
import { api } from '../api';
import { CardDetails } from '../components/CardDetails';
import { InboundCall } from '../components/InboundCall';
import { PhoneOrderForm } from '../components/PhoneOrderForm';
import { RiskBanner } from '../components/RiskBanner';
import { OutcomeForm, type OutcomeExtra } from '../components/OutcomeForm';
import { dropDraft, pruneDrafts, readDraft, writeDraft, type FormDraft } from '../drafts';
import { ScriptPanel, scriptOutcomeFields, type ScriptPanelHandle } from '../components/ScriptPanel';
import { formatClock, formatDuration, formatMoney, formatTime } from '../format';
import { isTyping } from '../keys';
import { CARD_GONE_ERRORS, useOutcomeChoices } from '../outcomes';
import { ApiError } from '../apiError';
import { useApp } from '../store';
import { emptyQueueRecheckMs } from '../queueWatch';
import { useLatestAnswer } from '../latest';

const FLOW_FILTERS: (Flow | 'all')[] = ['all', ...FLOWS];

/** Opens a dial URI the door did not open itself (browser mode): the OS hands it to the softphone. */
function openUri(uri: string) {
  // Telephony schemes only: never a web page or another app's protocol.
  if (!isDialUri(uri)) return;
  const a = document.createElement('a');
  a.href = uri;
  a.rel = 'noopener';
  a.click();
}

/** The agent's workspace: one call card at a time, every action on a key. */
export function Work() {
  const { t, i18n } = useTranslation();
  const { session, fail, notify, go } = useApp();
  const s = session!;
  const tz = s.settings.businessTimeZone;
  const lang = i18n.language;
  const filter = useApp((st) => st.workFilter);
  const setFilter = useApp((st) => st.setWorkFilter);
  const [card, setCard] = useState<CallCard | null>(null);
  const [queue, setQueue] = useState<QueueStatus | null>(null);
  const [day, setDay] = useState<AgentDay | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [selected, setSelected] = useState<{ code: OutcomeCode; reason?: string; byScript?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [openedAt, setOpenedAt] = useState(() => Date.now());
  const [dialedAt, setDialedAt] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  // A customer calling in: the number box (I), and the task taken for them (its card says so).
  const [inboundOpen, setInboundOpen] = useState(false);
  /** Where the agent was (the note, a reason) when the caller box opened: back there when it closes unused. */
  const beforeInbound = useRef<HTMLElement | null>(null);
  const openInbound = () => {
    beforeInbound.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    setInboundOpen(true);
  };
  /** Set when the box closed unused: the focus goes back once the box is gone and nothing is busy. */
  const refocus = useRef(false);
  const closeInbound = () => {
    setInboundOpen(false);
    setPhoneOrder(null);
    refocus.current = true;
  };
  // Customers who rang in, while their calls last: a caller interrupted by a second caller is still
  // one when their card comes back.
  const [callers, setCallers] = useState<ReadonlySet<string>>(new Set());
  const addCaller = useCallback((phone: string | undefined) => phone && setCallers((c) => new Set(c).add(phone)), []);
  // An order taken on the phone: the form, with the number the caller gave.
  const [phoneOrder, setPhoneOrder] = useState<string | null>(null);
  const [misses, setMisses] = useState(0);
  // The card put aside for a caller keeps its draft and its timer (the agent was on it).
  const keepLeft = useRef(false);
  const scriptRef = useRef<ScriptPanelHandle>(null);
  const choices = useOutcomeChoices(s, card?.flow ?? 'verify');
  const flowArg = filter === 'all' ? undefined : filter;
  // The offer the script presents, for the card whose script presented it (a card put aside and
  // brought back must not offer the bundle of the card worked in between).
  const [presented, setScriptOffer] = useState<{ taskId: string; offer: AcceptedOffer | null } | null>(null);
  const scriptOffer = presented && presented.taskId === card?.taskId ? presented.offer : null;
  const [packOffers, setPackOffers] = useState<{ taskId: string; offers: AcceptedOffer[] } | null>(null);
  // The offer the script is presenting first, then the pack's other bundles that fit this order
  // (fetched for this very card: another card's offers are never shown).
  const fitting = packOffers && packOffers.taskId === card?.taskId ? packOffers.offers : [];
  const offers: AcceptedOffer[] = [...(scriptOffer ? [scriptOffer] : []), ...fitting.filter((o) => o.id !== scriptOffer?.id)];

  // Upsell offers come from the active upsell script of the order's product: on an upsell card,
  // and on a verify card for the upsell made on the same call.
  const offerTaskId = card && (card.flow === 'verify' || card.flow === 'upsell') ? card.taskId : null;
  const orderShape = card ? JSON.stringify([card.order.amountFen, card.order.paymentMethod, card.order.lines]) : '';
  useEffect(() => {
    if (!offerTaskId || !card) return;
    let live = true;
    const taskId = offerTaskId;
    api.getCardScript({ product: card.order.lines[0]?.product, flow: 'upsell' }).then(
      (r) => live && setPackOffers({ taskId, offers: r.script ? offersForOrder(r.script.pack, card.order, i18n.language as Locale) : [] }),
      () => live && setPackOffers(null),
    );
    return () => {
      live = false;
    };
    // A new card (task), or its order changed under it (an import, a correction): the bundles are
    // priced against the order as it is now. The card object is read at that moment.
  }, [offerTaskId, i18n.language, orderShape]);

  // The task on screen: a refresh that hands back the same card (a flow filter switched while it
  // was open, a reload) keeps the agent's pick, call timer and dial time.
  const shownTask = useRef<string | null>(null);
  /** The card that follows one of another flow for the same customer, and that flow. */
  const [flowSwitch, setFlowSwitch] = useState<{ taskId: string; from: Flow } | null>(null);
  /**
   * The note typed on this card's last outcome form: picking another outcome (Q, then the customer
   * answers: Esc, 1) keeps it — "call after 3 pm" was lost with the form it was typed in.
   */
  const carriedNote = useRef<{ taskId: string; note: string; also?: string[] } | null>(null);
  // Details changed on this card in a form put away (Esc was the reflex for dismissing an error): kept like the note.
  const carriedDetails = useRef<{ taskId: string; details: Pick<FormDraft, 'fields' | 'quantity' | 'amount' | 'base'> } | null>(null);
  // What the agent left on a card shown again after a reload or a restart (drafts.ts).
  const restored = useRef<{ taskId: string; outcome?: OutcomeCode; form?: FormDraft } | null>(null);
  const show = useCallback((r: NextCardResult) => {
    setCard(r.card);
    setQueue(r.queue);
    setLoaded(true);
    const taskId = r.card?.taskId ?? null;
    if (taskId !== null && taskId === shownTask.current) return;
    // A card left with nothing on it (a tab passed on the way to another flow) starts afresh when it
    // comes back: its call timer ran on from the first glance ("05:36" on a card just opened).
    const left = shownTask.current ? readDraft(shownTask.current) : null;
    if (shownTask.current && left && !left.outcome && !left.dialedAt && !keepLeft.current) dropDraft(shownTask.current);
    keepLeft.current = false;
    shownTask.current = taskId;
    const draft = taskId ? readDraft(taskId) : null;
    restored.current = taskId && draft ? { taskId, outcome: draft.outcome, form: draft.form } : null;
    setSelected(draft?.outcome ? { code: draft.outcome, reason: draft.presetReason } : null);
    setOpenedAt(draft?.openedAt ?? Date.now());
    setDialedAt(draft?.dialedAt ?? null);
  }, []);

  // Back where the agent was once the caller box is gone and the lookup has ended: a button of the
  // outcome form is disabled while a lookup runs, and a focus given then was lost (seen under load).
  useEffect(() => {
    if (!refocus.current || inboundOpen || phoneOrder !== null || busy) return;
    refocus.current = false;
    const back = beforeInbound.current;
    if (back?.isConnected) back.focus();
  }, [inboundOpen, phoneOrder, busy]);

  useEffect(() => pruneDrafts(), []);
  // The card's draft follows the pick and the timers; a form's contents belong to its outcome.
  const draftTaskId = card?.taskId;
  useEffect(() => {
    if (!draftTaskId) return;
    // A form put away (Esc, another outcome) is not brought back from before the reload.
    if (restored.current && restored.current.outcome !== selected?.code) restored.current = null;
    const before = readDraft(draftTaskId);
    writeDraft(draftTaskId, {
      openedAt,
      dialedAt,
      outcome: selected?.code,
      presetReason: selected?.reason,
      form: before?.outcome === selected?.code ? before?.form : undefined,
    });
  }, [draftTaskId, selected, openedAt, dialedAt]);

  const latestDay = useLatestAnswer();
  const refreshDay = useCallback(() => {
    void latestDay(api.myDay({}), setDay, fail);
  }, [fail, latestDay]);

  // Only the latest answer is shown: switching the flow filter quickly (F, F) sent two requests,
  // and the one answered last — not always the last asked — put its card on screen under the other tab.
  const latest = useRef(0);
  const refresh = useCallback(async () => {
    const asked = ++latest.current;
    try {
      const r = await api.nextCard({ flow: flowArg });
      if (asked === latest.current) show(r);
    } catch (e) {
      if (asked === latest.current) fail(e);
    }
  }, [show, fail, flowArg]);

  /**
   * The card in hand read again (its order changed: an export, a lead, a conversion on the card). The
   * form opens again on the order as it is now with what was typed laid over it (drafts.ts).
   */
  const reloadCard = useCallback(() => {
    const taskId = shownTask.current;
    const d = taskId ? readDraft(taskId) : null;
    if (taskId) restored.current = { taskId, outcome: d?.outcome, form: d?.form };
    void refresh();
  }, [refresh]);

  useEffect(() => {
    // A card taken for a caller on another screen (Orders) is shown as it was handed out.
    const handoff = useApp.getState().handoff;
    if (handoff) {
      useApp.setState({ handoff: null });
      latest.current++;
      show(handoff);
      addCaller(handoff.card?.order.phone);
    } else {
      void refresh();
    }
    refreshDay();
  }, [refresh, refreshDay, show]);

  // Nothing due: look again when the next card falls due, and every half minute for cards others
  // import or hand back (the screen said "next card at 05:42" and stayed empty past it).
  useEffect(() => {
    if (!loaded || card) return;
    const id = setTimeout(() => void refresh(), emptyQueueRecheckMs(queue, tz, Date.now()));
    return () => clearTimeout(id);
  }, [loaded, card, queue, tz, refresh]);

  /**
   * The card on screen is put aside for a caller: it keeps its note and pick, but the call dialled on
   * it is over — its talk timer ran on through the caller's call and was recorded as talk time.
   */
  const putAside = useCallback((nextTaskId: string | undefined) => {
    const left = shownTask.current;
    if (!left || left === nextTaskId) return;
    keepLeft.current = true;
    const d = readDraft(left);
    if (d?.dialedAt) writeDraft(left, { openedAt: d.openedAt, dialedAt: null }, d);
  }, []);

  const createPhoneOrder = useCallback(
    async (o: Parameters<typeof api.createPhoneOrder>[0]) => {
      setBusy(true);
      try {
        const r = await api.createPhoneOrder(o);
        latest.current++;
        setPhoneOrder(null);
        if (r.card) {
          putAside(r.card.taskId);
          show(r);
          addCaller(r.card.order.phone);
        } else {
          setQueue(r.queue);
        }
        notify({ kind: 'success', key: r.card ? 'phoneOrder.created' : 'phoneOrder.createdNoCall', params: { orderNo: r.orderNo } });
      } finally {
        setBusy(false);
      }
    },
    [show, fail, notify, putAside],
  );

  const takeCall = useCallback(
    async (query: string) => {
      setBusy(true);
      try {
        const r = await api.takeCall({ query });
        // Whatever nextCard answer is still on its way is older than this call.
        latest.current++;
        putAside(r.card?.taskId);
        show(r);
        // A "not found" from a lookup before this one no longer stands.
        notify(null);
        addCaller(r.card?.order.phone);
        setInboundOpen(false);
      } catch (e) {
        fail(e);
        setMisses((n) => n + 1);
      } finally {
        setBusy(false);
      }
    },
    [show, fail, notify, putAside],
  );

  // A new card starts at the top of the page (an outcome form may have scrolled the last one).
  const cardTaskId = card?.taskId;
  useEffect(() => {
    if (cardTaskId) window.scrollTo?.(0, 0);
  }, [cardTaskId]);

  // The call timer ticks once a second; it is stored as handling (and talk) time.
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);

  const record = useCallback(
    async (outcome: OutcomeCode, extra: OutcomeExtra) => {
      if (!card || busy) return;
      setBusy(true);
      try {
        const r = await api.recordOutcome({
          taskId: card.taskId,
          outcome,
          attempts: card.attempts,
          orderUpdatedAt: card.order.updatedAt,
          startedAt: new Date(openedAt).toISOString(),
          ...scriptOutcomeFields(scriptRef.current),
          ...(dialedAt ? { dialedAt } : {}),
          ...(flowArg ? { nextFlow: flowArg } : {}),
          ...(callers.has(card.order.phone) ? { inbound: true } : {}),
          ...extra,
        });
        // The result, and what else the call recorded with it (an upsell, a revisit tick).
        const beside = [...(extra.inCallUpsell ? [extra.inCallUpsell.outcome] : []), ...(extra.alsoOutcomes ?? [])].map((c) => t(`outcomes.${c}`));
        const said = { orderNo: card.order.orderNo, outcome: [choices.find((c) => c.def.code === outcome)?.label ?? outcome, ...beside].join(' + ') };
        // Not settled: say when the card comes back.
        if (r.nextAttemptAt) notify({ kind: 'success', key: 'card.recordedUntil', params: { ...said, time: formatTime(r.nextAttemptAt, lang, tz) } });
        else notify({ kind: 'success', key: 'card.recorded', params: said });
        // Whatever comes next is a new call, even if it is this task again (a callback due now).
        dropDraft(card.taskId);
        carriedNote.current = null;
        carriedDetails.current = null;
        shownTask.current = null;
        latest.current++;
        show(r);
        // The same customer's next matter is of another flow: the same keys now mean other outcomes
        // (a revisit's 3 is a verify's "did not order"). Said on the card until it is recorded.
        setFlowSwitch(r.card && r.card.order.phone === card.order.phone && r.card.flow !== card.flow ? { taskId: r.card.taskId, from: card.flow } : null);
        // The caller's call is over once the next card is someone else's.
        if (r.card?.order.phone !== card.order.phone && callers.has(card.order.phone)) {
          setCallers((c) => {
            const left = new Set(c);
            left.delete(card.order.phone);
            return left;
          });
        }
        refreshDay();
      } catch (e) {
        if (e instanceof ApiError && e.code === 'order_changed') {
          // The order changed under the call: the card shows it as it is now, the form as typed.
          fail(e);
          reloadCard();
        } else if (e instanceof ApiError && CARD_GONE_ERRORS.has(e.code)) {
          // Said (with the note typed, which was not saved), and the next card comes.
          const why = t(`errors.${e.code}`, e.params);
          if (extra.note) notify({ kind: 'error', key: 'card.goneWithNote', params: { why, note: extra.note } });
          else fail(e);
          dropDraft(card.taskId);
          carriedNote.current = null;
          carriedDetails.current = null;
          shownTask.current = null;
          void refresh();
          refreshDay();
        } else fail(e);
      } finally {
        setBusy(false);
      }
    },
    [card, busy, openedAt, dialedAt, flowArg, notify, show, fail, choices, refreshDay, refresh, reloadCard, lang, tz, callers, t],
  );

  const dial = useCallback(async () => {
    if (!card) return;
    try {
      const r = await api.dial({ taskId: card.taskId });
      // The softphone can take a moment to open: by then the agent may be on another card, which
      // this call's time must not mark as dialled.
      // Nor is the customer of the card left behind dialled now (in the desktop app the softphone
      // was opened before the answer came).
      if (shownTask.current !== card.taskId) return;
      setDialedAt(r.dialedAt);
      if (!r.opened) openUri(r.uri);
    } catch (e) {
      fail(e);
    }
  }, [card, fail]);

  // Registered as the card is put on screen (a layout effect), not a moment after: a key pressed
  // the instant a card appears belongs to that card, and was lost (or went to the card before).
  useLayoutEffect(() => {
    function onKey(e: KeyboardEvent) {
      // A key the outcome form (a reason digit) or the script panel already used is not a shortcut.
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'i' && !inboundOpen && phoneOrder === null) {
        e.preventDefault();
        openInbound();
        return;
      }
      if (key === 'f' && !selected) {
        e.preventDefault();
        setFilter((f) => FLOW_FILTERS[(FLOW_FILTERS.indexOf(f) + 1) % FLOW_FILTERS.length]);
        return;
      }
      if (key === 'f' && selected) {
        // An outcome is being recorded: the tab does not change under it, and the agent is told why.
        e.preventDefault();
        notify({ kind: 'info', key: 'work.flowKeyBusy' });
        return;
      }
      if (!card) return;
      const choice = choices.find((c) => c.key === key);
      if (choice) {
        e.preventDefault();
        // The outcome already open stays as it is (with what the script chose in it).
        setSelected((cur) => (cur?.code === choice.def.code ? cur : { code: choice.def.code }));
      } else if (key === 'd') {
        e.preventDefault();
        void dial();
      } else if (key === 'j' || key === 'arrowdown') {
        e.preventDefault();
        scriptRef.current?.move(1);
      } else if (key === 'k' || key === 'arrowup') {
        e.preventDefault();
        scriptRef.current?.move(-1);
      } else if (key === 'escape') {
        setSelected(null);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [card, choices, selected, dial, inboundOpen, phoneOrder]);

  async function endShift() {
    try {
      const r = await api.releaseCards({});
      notify({ kind: 'success', key: 'work.released', params: { count: r.released } });
      setCard(null);
      shownTask.current = null;
      setLoaded(false);
      await refresh();
    } catch (e) {
      fail(e);
    }
  }

  const header = (
    <header className="work-head">
      <div className="flow-filter" role="tablist" aria-label={t('work.flowFilter')}>
        {FLOW_FILTERS.map((f) => (
          <button key={f} role="tab" aria-selected={filter === f} className={filter === f ? 'active' : ''} onClick={() => setFilter(f)} data-flow-filter={f}>
            {f === 'all' ? t('work.allFlows') : t(`flows.${f}`)}
          </button>
        ))}
        <kbd title={t('work.flowKey')}>F</kbd>
      </div>
      {day && (
        <div className="my-day" data-testid="my-day" aria-label={t('work.myDay')}>
          <span>{t('work.calls')} <strong data-counter="calls">{day.calls}</strong></span>
          <span>{t('work.reached')} <strong data-counter="reached">{day.reached}</strong></span>
          <span>{t('work.verified')} <strong data-counter="verified">{day.verified}</strong></span>
          <span>{t('work.upsold')} <strong data-counter="upsold">{day.upsold}</strong></span>
          <span>{t('work.recovered')} <strong data-counter="recovered">{day.recovered}</strong></span>
          <span>{t('work.saved')} <strong data-counter="saved">{day.saved}</strong></span>
          {/* The amount the agent's upsells added today, labelled (a bare "+¥49.00" read as a mystery). */}
          {day.upsellRevenueFen > 0 && (
            <span className="muted">
              {t('work.upsellRevenue')} <strong data-counter="upsellRevenue">+{formatMoney(day.upsellRevenueFen, lang)}</strong>
            </span>
          )}
        </div>
      )}
      <button onClick={openInbound} aria-keyshortcuts="i" data-testid="inbound-open">
        {t('inbound.button')} <kbd>I</kbd>
      </button>
      <button className="link small" onClick={() => void endShift()}>
        {t('work.endShift')}
      </button>
    </header>
  );
  const inboundBox =
    phoneOrder !== null ? (
      <PhoneOrderForm phone={phoneOrder} busy={busy} onCreate={createPhoneOrder} onClose={closeInbound} />
    ) : (
      inboundOpen && (
        <InboundCall
          busy={busy}
          onTake={(q) => void takeCall(q)}
          misses={misses}
          onNewOrder={(phone) => {
            setInboundOpen(false);
            setPhoneOrder(phone);
            notify(null);
          }}
          onClose={closeInbound}
        />
      )
    );

  if (!loaded) return <main className="work loading">{header}{inboundBox}{t('common.loading')}</main>;

  if (!card) {
    const q = queue;
    const byFlow = q ? Object.entries(q.dueByFlow) : [];
    return (
      <main className="work empty" data-testid="queue-empty">
        {header}
        {inboundBox}
        <section className="panel empty-panel">
          <h2>{t('queue.emptyTitle')}</h2>
          {q?.outsideCallingHours && q.dueNow > 0 && (
            <p data-testid="outside-hours">
              {t(q.dueNowCapped ? 'queue.outsideHoursMore' : 'queue.outsideHours', { start: q.callingHours.start, end: q.callingHours.end, count: q.dueNow })}
              {/* Chinese sentences follow each other without a space. */}
              {lang.startsWith('zh') ? '' : ' '}
              {t('queue.resumesAt', { time: formatTime(nextCallingTime(new Date(now), tz, q.callingHours).toISOString(), lang, tz) })}
            </p>
          )}
          {/* Nothing waiting: "0 cards are waiting" said nothing; the hours are a hint where to change them. */}
          {q?.outsideCallingHours && q.dueNow === 0 && (
            <p className="muted" data-testid="outside-hours">
              {t('queue.outsideHoursNone', { start: q.callingHours.start, end: q.callingHours.end })}
            </p>
          )}
          {q && !q.outsideCallingHours && filter !== 'all' && byFlow.length > 0 && (
            <p>{t('queue.otherFlows', { flows: byFlow.map(([f, n]) => `${t(`flows.${f}`)} ${n > QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP}+` : n}`).join(t('common.listSeparator')) })}</p>
          )}
          {q && q.heldByOthers > 0 && <p className="muted">{t('queue.heldByOthers', { count: q.heldByOthers })}</p>}
          {/* A card due after calls end comes at the next calling start; outside calling hours with
              cards waiting, when calls resume is what matters (a callback at 23:30 read as the next card). */}
          {/* "Nothing is scheduled, import orders" read wrong beside "other calls are due". */}
          {!(q?.outsideCallingHours && q.dueNow > 0) && !(q && !q.nextDueAt && byFlow.length > 0) && (
            <p>
              {q && q.nextDueAt
                ? t('queue.nextDue', { time: formatTime(nextCallingTime(new Date(q.nextDueAt), tz, q.callingHours).toISOString(), lang, tz) })
                : filter !== 'all'
                  ? t('queue.nothingScheduledInFlow', { flow: t(`flows.${filter}`) })
                  : t('queue.nothingScheduled')}
            </p>
          )}
          {q && q.callbacksLaterToday > 0 && <p className="muted">{t('queue.callbacksLater', { count: q.callbacksLaterToday })}</p>}
          {q && q.later > 0 && <p className="muted">{t('queue.later', { count: q.later })}</p>}
          <div className="row">
            {/* Enter or Space looks again at once. */}
            <button onClick={() => void refresh()} className="primary" autoFocus>
              {t('queue.refresh')}
            </button>
            <button onClick={() => go('orders')}>{t('queue.goOrders')}</button>
          </div>
        </section>
      </main>
    );
  }

  const selectedChoice = selected ? choices.find((c) => c.def.code === selected.code) : undefined;
  const otherMatters = card.matters.filter((m) => m.taskId !== card.taskId);
  const overdue = card.isCallback && Date.parse(card.dueAt) < now - 60_000;

  return (
    <main className="work" data-testid="call-card" data-order-no={card.order.orderNo} data-flow={card.flow}>
      {header}
      {inboundBox}
      <section className="card-head panel">
        <div>
          <span className={`flow-badge flow-${card.flow}`}>{t(`flows.${card.flow}`)}</span>
          <strong className="order-no">{card.order.orderNo}</strong>
          <span className={`status status-${card.order.status}`}>{t(`status.${card.order.status}`)}</span>
          {callers.has(card.order.phone) && (
            <span className="badge inbound-badge" data-testid="inbound-badge">
              {t('inbound.badge')}
            </span>
          )}
          {card.isCallback && (
            <span className={`badge ${overdue ? 'overdue' : ''}`} data-testid="callback-badge">
              {overdue ? t('card.callbackOverdue', { time: formatClock(card.dueAt, lang, tz) }) : t('card.callbackDue', { time: formatClock(card.dueAt, lang, tz) })}
            </span>
          )}
          {card.unanswered > 0 && <span className="badge">{t('card.unanswered', { count: card.unanswered })}</span>}
        </div>
        <div className="head-right">
          <span className="muted">{queue?.dueNowCapped ? t('queue.dueNowMore', { count: queue.dueNow }) : t('queue.dueNow', { count: queue?.dueNow ?? 0 })}</span>
          <button onClick={() => void dial()} aria-keyshortcuts="d" data-testid="dial">
            {dialedAt ? t('card.dialed') : t('card.dial')} <kbd>D</kbd>
          </button>
          {dialedAt && (
            // Once dialled, the time on the phone is what the agent watches.
            <span className="timer" title={t('card.talkTimer')} data-testid="talk-timer">
              {t('card.timerLabel')} {formatDuration(now - Date.parse(dialedAt))}
            </span>
          )}
          <span className={dialedAt ? 'timer muted' : 'timer'} title={t('card.timer')} data-testid="card-timer">
            {dialedAt ? t('card.timer') : t('card.timerLabel')} {formatDuration(now - openedAt)}
          </span>
        </div>
      </section>
      {flowSwitch?.taskId === card.taskId && (
        <p className="panel flow-switch" role="alert" data-testid="flow-switch">
          {t('card.flowSwitched', { flow: t(`flows.${card.flow}`), from: t(`flows.${flowSwitch.from}`) })}
        </p>
      )}
      <RiskBanner risk={card.risk} orderNo={card.order.orderNo} status={card.order.status} onChange={reloadCard} />
      {otherMatters.length > 0 && (
        <section className="panel matters" data-testid="matters">
          <strong>{t('card.sameCustomer', { count: otherMatters.length })}</strong>
          {otherMatters.map((m) => (
            <span key={m.taskId} className="matter">
              <span className={`flow-badge small flow-${m.flow}`}>{t(`flows.${m.flow}`)}</span> <span className="mono">{m.orderNo}</span> {m.packageText}
            </span>
          ))}
        </section>
      )}
      <div className="card-grid">
        <CardDetails card={card} timeZone={tz} session={s} />
        <ScriptPanel
          key={card.taskId}
          ref={scriptRef}
          card={card}
          session={s}
          inbound={callers.has(card.order.phone)}
          onOffer={(offer) => setScriptOffer({ taskId: card.taskId, offer })}
          onOutcome={(code, hint) => choices.some((c) => c.def.code === code) && setSelected({ code, reason: hint.reasonCode, byScript: true })}
        />
        <section className="panel outcomes" aria-label={t('card.outcomes')}>
          <h3>{t('card.outcomes')}</h3>
          <div className="outcome-buttons">
            {choices.map((c) => (
              <button
                key={c.def.code}
                className={`outcome ${c.def.reached ? 'reached' : 'unreached'} ${selected?.code === c.def.code ? 'selected' : ''}`}
                onClick={() => setSelected((cur) => (cur?.code === c.def.code ? cur : { code: c.def.code }))}
                aria-keyshortcuts={c.key}
                data-outcome={c.def.code}
              >
                <kbd>{c.key.toUpperCase()}</kbd> {c.label}
              </button>
            ))}
          </div>
          {selectedChoice && (
            <OutcomeForm
              // The script ending on this outcome with its reason opens the form afresh on that
              // reason (the note and details typed are carried over), even if it was open already.
              key={`${card.taskId}-${selectedChoice.def.code}-${card.order.updatedAt}${selected?.byScript ? `-script-${selected.reason ?? ''}` : ''}`}
              choice={selectedChoice}
              card={card}
              session={s}
              busy={busy}
              timeZone={tz}
              offers={offers}
              presetReason={selected?.reason}
              byScript={selected?.byScript}
              draft={restored.current?.taskId === card.taskId && restored.current.outcome === selectedChoice.def.code ? restored.current.form : undefined}
              carriedNote={carriedNote.current?.taskId === card.taskId ? carriedNote.current.note : undefined}
              carriedAlso={carriedNote.current?.taskId === card.taskId ? carriedNote.current.also : undefined}
              carriedDetails={carriedDetails.current?.taskId === card.taskId ? carriedDetails.current.details : undefined}
              onDraft={(form, editsDetails) => {
                carriedNote.current = { taskId: card.taskId, note: form.note, also: form.also };
                if (editsDetails) carriedDetails.current = { taskId: card.taskId, details: { fields: form.fields, quantity: form.quantity, amount: form.amount, base: form.base } };
                writeDraft(card.taskId, { openedAt, outcome: selectedChoice.def.code, form });
              }}
              onCancel={() => setSelected(null)}
              onSubmit={(extra) => void record(selectedChoice.def.code, extra)}
            />
          )}
          {!selectedChoice && <p className="muted small">{t('card.pickOutcome')}</p>}
        </section>
      </div>
    </main>
  );
}
