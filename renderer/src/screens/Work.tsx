import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallCard, Corrections, NextCardResult, QueueStatus } from '../../../shared/contract';
import { VERIFY_OUTCOMES, VERIFY_OUTCOME_RULES, type VerifyOutcome } from '../../../shared/domain';
import { zonedParts, zonedTimeToUtc } from '../../../shared/time';
import { api } from '../api';
import { CardDetails } from '../components/CardDetails';
import { OutcomeForm } from '../components/OutcomeForm';
import { ScriptPanel } from '../components/ScriptPanel';
import { formatClock, formatDuration, formatTime } from '../format';
import { isTyping } from '../keys';
import { useApp } from '../store';

const KEY_TO_OUTCOME = new Map(VERIFY_OUTCOMES.map((o) => [VERIFY_OUTCOME_RULES[o].key, o]));

/** The agent's workspace: one call card at a time, every action on a key. */
export function Work() {
  const { t, i18n } = useTranslation();
  const { session, fail, notify, go } = useApp();
  const tz = session!.settings.businessTimeZone;
  const [card, setCard] = useState<CallCard | null>(null);
  const [queue, setQueue] = useState<QueueStatus | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [selected, setSelected] = useState<VerifyOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [openedAt, setOpenedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const scriptRef = useRef<{ move(delta: number): void }>(null);

  const show = useCallback((r: NextCardResult) => {
    setCard(r.card);
    setQueue(r.queue);
    setSelected(null);
    setOpenedAt(Date.now());
    setLoaded(true);
  }, []);

  const refresh = useCallback(async () => {
    try {
      show(await api.nextCard({}));
    } catch (e) {
      fail(e);
    }
  }, [show, fail]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The call timer ticks once a second; it is what gets stored as handling time.
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);

  const record = useCallback(
    async (outcome: VerifyOutcome, extra: { note?: string; corrections?: Corrections; callbackAt?: string }) => {
      if (!card || busy) return;
      setBusy(true);
      try {
        const r = await api.recordOutcome({
          taskId: card.taskId,
          outcome,
          startedAt: new Date(openedAt).toISOString(),
          ...extra,
        });
        notify({ kind: 'info', key: 'card.recorded', params: { orderNo: card.order.orderNo, outcome: t(`outcomes.${outcome}`) } });
        show(r);
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
      }
    },
    [card, busy, openedAt, notify, show, fail, t],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (!card) return;
      const key = e.key.toLowerCase();
      const outcome = KEY_TO_OUTCOME.get(key);
      if (outcome) {
        e.preventDefault();
        setSelected(outcome);
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
  }, [card]);

  if (!loaded) return <main className="work loading">{t('common.loading')}</main>;

  if (!card) {
    return (
      <main className="work empty" data-testid="queue-empty">
        <section className="panel empty-panel">
          <h2>{t('queue.emptyTitle')}</h2>
          <p>{queue && queue.nextDueAt ? t('queue.nextDue', { time: formatTime(queue.nextDueAt, i18n.language, tz) }) : t('queue.nothingScheduled')}</p>
          {queue && queue.later > 0 && <p className="muted">{t('queue.later', { count: queue.later })}</p>}
          <div className="row">
            <button onClick={() => void refresh()} className="primary">
              {t('queue.refresh')}
            </button>
            <button onClick={() => go('orders')}>{t('queue.goOrders')}</button>
          </div>
        </section>
      </main>
    );
  }

  const defaultCallback = () => {
    // One hour from now on the business clock, rounded to a quarter hour.
    const p = zonedParts(new Date(Date.now() + 60 * 60_000), tz);
    const minute = Math.ceil(p.minute / 15) * 15;
    return zonedTimeToUtc(p.year, p.month, p.day, p.hour, minute, tz);
  };

  return (
    <main className="work" data-testid="call-card" data-order-no={card.order.orderNo}>
      <header className="card-head panel">
        <div>
          <span className="flow-badge">{t(`flows.${card.flow}`)}</span>
          <strong className="order-no">{card.order.orderNo}</strong>
          <span className={`status status-${card.order.status}`}>{t(`status.${card.order.status}`)}</span>
          {card.isCallback && (
            <span className={`badge ${Date.parse(card.dueAt) < now ? 'overdue' : ''}`}>
              {t('card.callbackDue', { time: formatClock(card.dueAt, i18n.language, tz) })}
            </span>
          )}
          {card.unanswered > 0 && <span className="badge">{t('card.unanswered', { count: card.unanswered })}</span>}
        </div>
        <div className="head-right">
          <span className="muted">{t('queue.dueNow', { count: queue?.dueNow ?? 0 })}</span>
          <span className="timer" title={t('card.timer')}>
            {t('card.timerLabel')} {formatDuration(now - openedAt)}
          </span>
        </div>
      </header>
      <div className="card-grid">
        <CardDetails card={card} timeZone={tz} />
        <ScriptPanel key={card.taskId} ref={scriptRef} card={card} session={session!} />
        <section className="panel outcomes" aria-label={t('card.outcomes')}>
          <h3>{t('card.outcomes')}</h3>
          <div className="outcome-buttons">
            {VERIFY_OUTCOMES.map((o) => (
              <button
                key={o}
                className={`outcome ${VERIFY_OUTCOME_RULES[o].reached ? 'reached' : 'unreached'} ${selected === o ? 'selected' : ''}`}
                onClick={() => setSelected(o)}
                aria-keyshortcuts={VERIFY_OUTCOME_RULES[o].key}
                data-outcome={o}
              >
                <kbd>{VERIFY_OUTCOME_RULES[o].key.toUpperCase()}</kbd> {t(`outcomes.${o}`)}
              </button>
            ))}
          </div>
          {selected && (
            <OutcomeForm
              key={`${card.taskId}-${selected}`}
              outcome={selected}
              order={card.order}
              busy={busy}
              timeZone={tz}
              defaultCallbackAt={defaultCallback()}
              onCancel={() => setSelected(null)}
              onSubmit={(extra) => void record(selected, extra)}
            />
          )}
          {!selected && <p className="muted small">{t('card.pickOutcome')}</p>}
        </section>
      </div>
    </main>
  );
}

