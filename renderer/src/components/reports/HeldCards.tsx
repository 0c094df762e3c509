/**
 * Cards in hand: which customers each agent holds right now, and the lead's two remedies — give
 * them back to the queue (an agent gone home without "End shift", or stuck), or hand a customer
 * to another agent (it is that agent's next card).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldCards } from '../../../../shared/contracts/flows';
import { agentLabels } from '../../../../shared/reports/sheet';
import { api } from '../../api';
import { formatClock } from '../../format';
import { useApp } from '../../store';

export function HeldCardsPanel({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const { fail } = useApp();
  const [held, setHeld] = useState<HeldCards | null>(null);
  // What the last action did, said in the panel (the page's notice is far above, out of view).
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(() => {
    api.heldCards({}).then(setHeld, fail);
  }, [fail]);
  useEffect(load, [load]);
  const labels = useMemo(
    () => agentLabels(held?.agents ?? [], (name, tag) => t('reports.filters.agentSameName', { name, tag })),
    [held, t],
  );
  const label = (id: string, fallback: string) => labels.get(id) ?? fallback;

  async function act(run: () => Promise<unknown>, key: string, params: Record<string, string | number>) {
    try {
      await run();
      setDone(t(key, params));
    } catch (e) {
      setDone(null);
      fail(e);
    }
    load();
  }

  return (
    <section className="panel held-cards" data-testid="held-cards" aria-label={t('reports.held.title')}>
      <header className="row">
        <h3>{t('reports.held.title')}</h3>
        {held && <span className="muted small">{t('reports.held.note', { minutes: held.claimTimeoutMinutes })}</span>}
        <span className="spacer" />
        <button type="button" onClick={load}>
          {t('reports.held.refresh')}
        </button>
      </header>
      {done && (
        <p className="small" role="status" data-testid="held-done">
          {done}
        </p>
      )}
      {held && held.holders.length === 0 && <p className="muted">{t('reports.held.none')}</p>}
      {held && held.holders.length > 0 && (
        <table className="held-table">
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
              h.customers.map((c, i) => (
                <tr key={`${h.agentId}-${c.orderNo}`} data-agent={h.agentId} data-order-no={c.orderNo}>
                  {i === 0 && (
                    <td rowSpan={h.customers.length}>
                      <strong>{label(h.agentId, h.agentName)}</strong>
                      <br />
                      <button
                        type="button"
                        className="link small"
                        data-testid="release-agent"
                        onClick={() => void act(() => api.releaseHeld({ agentId: h.agentId }), 'reports.held.releasedAll', { agent: label(h.agentId, h.agentName) })}
                      >
                        {t('reports.held.releaseAll')}
                      </button>
                    </td>
                  )}
                  <td>
                    <span className={`flow-badge small flow-${c.flow}`}>{t(`flows.${c.flow}`)}</span> <span className="mono">{c.orderNo}</span> {c.customerName}
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
                      onClick={() => void act(() => api.releaseHeld({ agentId: h.agentId, orderNo: c.orderNo }), 'reports.held.released', { orderNo: c.orderNo })}
                    >
                      {t('reports.held.release')}
                    </button>
                    <select
                      aria-label={t('reports.held.handTo')}
                      data-testid="hand-over"
                      // With nobody else to take them, handing over is not offered (an empty list looked usable).
                      disabled={held.agents.length < 2}
                      title={held.agents.length < 2 ? t('reports.held.noOther') : undefined}
                      value=""
                      onChange={(e) => {
                        const to = e.target.value;
                        if (to) void act(() => api.handOver({ orderNo: c.orderNo, toAgentId: to }), 'reports.held.handed', { orderNo: c.orderNo, agent: label(to, to) });
                      }}
                    >
                      <option value="">{t('reports.held.handTo')}</option>
                      {held.agents
                        .filter((a) => a.id !== h.agentId)
                        .map((a) => (
                          <option key={a.id} value={a.id}>
                            {label(a.id, a.name)}
                          </option>
                        ))}
                    </select>
                    </div>
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
