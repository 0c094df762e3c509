/**
 * Cards in hand: which customers each agent holds right now, and the lead's two remedies — give
 * them back to the queue (an agent gone home without "End shift", or stuck), or hand a customer
 * to another agent (it is that agent's next card).
 *
 * Nothing here acts by accident: choosing an agent in the hand-to list only names them (a select
 * acts on every arrow key), the button beside it hands the customer over and says to whom; "give
 * all back" asks in place, with the count and the agent's name (Esc or Cancel keeps them). After an action the rows
 * re-sort (a handed customer moves to another agent), so the focus goes to the panel's status line,
 * which says what happened — never to whatever customer now sits where the pressed button was.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldCards, HeldCustomer } from '../../../../shared/contracts/flows';
import { agentLabels } from '../../../../shared/reports/sheet';
import { api, ApiError } from '../../api';
import { formatClock } from '../../format';
import { useApp } from '../../store';

type Holder = HeldCards['holders'][number];

export function HeldCardsPanel({
  timeZone,
  onOpenOrder,
}: {
  timeZone: string;
  /** Opens a held customer's order on the Orders screen (not given: the session may not open Orders). */
  onOpenOrder?: (agentId: string, orderNo: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { fail } = useApp();
  const [held, setHeld] = useState<HeldCards | null>(null);
  // What the last action did, said in the panel (the page's notice is far above, out of view).
  const [done, setDone] = useState<{ text: string; error: boolean } | null>(null);
  // The agent chosen for each customer (by order number): chosen only, not handed yet.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  // The agent whose "give all back" is being asked about.
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = useRef<HTMLParagraphElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const releaseAllRefs = useRef(new Map<string, HTMLButtonElement>());
  /** Where the focus goes once the panel has drawn the result of an action. */
  const focusNext = useRef<(() => void) | null>(null);

  const load = useCallback(() => api.heldCards({}).then(setHeld, fail), [fail]);
  useEffect(() => {
    void load();
  }, [load]);
  useLayoutEffect(() => {
    const f = focusNext.current;
    focusNext.current = null;
    f?.();
  });
  const labels = useMemo(
    () => agentLabels(held?.agents ?? [], (name, tag) => t('reports.filters.agentSameName', { name, tag })),
    [held, t],
  );
  const label = (id: string, fallback: string) => labels.get(id) ?? fallback;
  const nameOf = (id: string) => label(id, held?.agents.find((a) => a.id === id)?.name ?? id);

  async function act(run: () => Promise<unknown>, message: () => string) {
    setBusy(true);
    try {
      await run();
      setDone({ text: message(), error: false });
    } catch (e) {
      if (e instanceof ApiError) setDone({ text: t(`errors.${e.code}`, e.params), error: true });
      else {
        setDone(null);
        fail(e);
      }
    }
    setAsking(null);
    setChosen({});
    await load();
    setBusy(false);
    focusNext.current = () => status.current?.focus();
  }

  function ask(agentId: string) {
    setAsking(agentId);
    focusNext.current = () => askRef.current?.focus();
  }

  function cancelAsk(agentId: string) {
    setAsking(null);
    focusNext.current = () => releaseAllRefs.current.get(agentId)?.focus();
  }

  function releaseAll(h: Holder) {
    const agent = label(h.agentId, h.agentName);
    const count = h.customers.length;
    void act(() => api.releaseHeld({ agentId: h.agentId }), () => t('reports.held.releasedAll', { agent, count }));
  }

  function handOver(h: Holder, c: HeldCustomer, to: string) {
    const params = { from: label(h.agentId, h.agentName), customer: c.customerName, orderNo: c.orderNo, agent: nameOf(to) };
    void act(() => api.handOver({ orderNo: c.orderNo, toAgentId: to }), () => t('reports.held.handed', params));
  }

  return (
    <section className="panel held-cards" data-testid="held-cards" aria-labelledby="held-cards-title">
      <header className="row">
        <h3 id="held-cards-title">{t('reports.held.title')}</h3>
        {held && <span className="muted small">{t('reports.held.note', { minutes: held.claimTimeoutMinutes })}</span>}
        <span className="spacer" />
        <button type="button" onClick={() => void load()}>
          {t('reports.held.refresh')}
        </button>
      </header>
      {/* Always there (a live region must exist before it speaks); focusable so an action can land here. */}
      <p
        ref={status}
        className={`small held-status${done?.error ? ' error' : ''}`}
        role="status"
        aria-label={t('reports.held.statusLabel')}
        tabIndex={-1}
        data-testid="held-done"
      >
        {done?.text ?? ''}
      </p>
      {held && held.holders.length === 0 && <p className="muted">{t('reports.held.none')}</p>}
      {held && held.holders.length > 0 && (
        <table className="held-table" aria-busy={busy}>
          <thead>
            <tr>
              <th>{t('reports.held.agent')}</th>
              <th>{t('reports.held.customer')}</th>
              <th>{t('reports.held.since')}</th>
              <th>{t('reports.held.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {held.holders.flatMap((h) =>
              h.customers.map((c, i) => {
                const others = held.agents.filter((a) => a.id !== h.agentId);
                const to = chosen[c.orderNo] ?? '';
                const from = label(h.agentId, h.agentName);
                return (
                  <tr key={`${h.agentId}-${c.orderNo}`} data-agent={h.agentId} data-order-no={c.orderNo}>
                    {i === 0 && (
                      <td rowSpan={h.customers.length}>
                        <strong>{from}</strong>
                        <br />
                        {asking === h.agentId ? (
                          <span
                            className="held-ask"
                            role="group"
                            aria-labelledby={`held-ask-${h.agentId}`}
                            data-testid="release-agent-ask"
                            onKeyDown={(e) => {
                              if (e.key === 'Escape') {
                                // The dashboard's own Esc (closing the calls list) must not see it.
                                e.stopPropagation();
                                cancelAsk(h.agentId);
                              }
                            }}
                          >
                            <span id={`held-ask-${h.agentId}`} className="small">
                              {t('reports.held.releaseAllAsk', { agent: from, count: h.customers.length })}
                            </span>
                            <span className="row">
                              <button ref={askRef} type="button" className="danger small" disabled={busy} data-testid="release-agent-yes" onClick={() => releaseAll(h)}>
                                {t('reports.held.releaseAllYes')}
                              </button>
                              <button type="button" className="small" data-testid="release-agent-no" onClick={() => cancelAsk(h.agentId)} aria-keyshortcuts="Escape">
                                {t('reports.held.releaseAllNo')} <kbd>Esc</kbd>
                              </button>
                            </span>
                          </span>
                        ) : (
                          <button
                            ref={(el) => {
                              if (el) releaseAllRefs.current.set(h.agentId, el);
                              else releaseAllRefs.current.delete(h.agentId);
                            }}
                            type="button"
                            className="link small"
                            data-testid="release-agent"
                            disabled={busy}
                            onClick={() => ask(h.agentId)}
                          >
                            {t('reports.held.releaseAll')}
                          </button>
                        )}
                      </td>
                    )}
                    <td>
                      <span className={`flow-badge small flow-${c.flow}`}>{t(`flows.${c.flow}`)}</span>{' '}
                      {onOpenOrder ? (
                        <button
                          type="button"
                          className="link mono"
                          data-testid="held-open-order"
                          title={t('reports.behind.openOrderNo', { orderNo: c.orderNo })}
                          aria-label={t('reports.behind.openOrderNo', { orderNo: c.orderNo })}
                          onClick={() => onOpenOrder(h.agentId, c.orderNo)}
                        >
                          {c.orderNo}
                        </button>
                      ) : (
                        <span className="mono">{c.orderNo}</span>
                      )}{' '}
                      {c.customerName}
                      {c.matters > 1 && <span className="muted small"> {t('reports.held.matters', { count: c.matters })}</span>}
                    </td>
                    <td>
                      {formatClock(c.claimedAt, i18n.language, timeZone)}
                      {c.expired && <span className="badge"> {t('reports.held.expired')}</span>}
                    </td>
                    <td>
                      <div className="row">
                        <button
                          type="button"
                          data-testid="release-customer"
                          disabled={busy}
                          onClick={() => void act(() => api.releaseHeld({ agentId: h.agentId, orderNo: c.orderNo }), () => t('reports.held.released', { orderNo: c.orderNo }))}
                        >
                          {t('reports.held.release')}
                        </button>
                        {/* Choosing only names the agent: the button beside it hands over. */}
                        <select
                          aria-label={t('reports.held.handToLabel', { customer: c.customerName, orderNo: c.orderNo })}
                          data-testid="hand-over"
                          // With nobody else to take them, handing over is not offered (an empty list looked usable).
                          disabled={others.length === 0 || busy}
                          title={others.length === 0 ? t('reports.held.noOther') : undefined}
                          value={to}
                          onChange={(e) => setChosen((m) => ({ ...m, [c.orderNo]: e.target.value }))}
                        >
                          <option value="">{t('reports.held.handTo')}</option>
                          {others.map((a) => (
                            <option key={a.id} value={a.id}>
                              {label(a.id, a.name)}
                            </option>
                          ))}
                        </select>
                        <button
                          type="button"
                          data-testid="hand-over-go"
                          disabled={!to || busy}
                          title={to ? t('reports.held.handButtonTitle', { from, customer: c.customerName, orderNo: c.orderNo, agent: nameOf(to) }) : undefined}
                          aria-label={to ? t('reports.held.handButtonTitle', { from, customer: c.customerName, orderNo: c.orderNo, agent: nameOf(to) }) : undefined}
                          onClick={() => to && handOver(h, c, to)}
                        >
                          {to ? t('reports.held.handButtonTo', { agent: nameOf(to) }) : t('reports.held.handButton')}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
