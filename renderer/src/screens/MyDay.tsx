/**
 * The agent's own day: today's numbers, counted by the same formulas as the lead's sheet, and the
 * calls behind them, so an agent can check their own figures.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyCalls } from '../../../shared/contracts/reports';
import { formatKpiValue } from '../../../shared/kpi/format';
import { SUMMARY_LINES } from '../../../shared/reports/sheet';
import { api } from '../api';
import { CallsTable } from '../components/reports/CallsTable';
import { maySee, peekLeftView } from '../orderTrip';
import { restoreView, viewPlace, type ViewPlace } from '../restoreView';
import { useApp } from '../store';
import '../reports.css';

/** The summary lines an agent's own calls decide (orders and shipments are the team's). */
const MINE = new Set(['calls', 'reached', 'reachedRate', 'avgHandleTime', 'talkTime', 'verified', 'corrected', 'rejectedFake', 'accepted', 'addedRevenue', 'recovered', 'saved', 'refused', 'revisitCalls', 'exhausted', 'callbacks']);

export function MyDay() {
  const { t, i18n } = useTranslation();
  const { fail, session, openOrderFrom } = useApp();
  const [mine, setMine] = useState<MyCalls | null>(null);
  const refresh = useCallback(() => {
    api.myCalls({ limit: 200 }).then(setMine, fail);
  }, [fail]);
  useEffect(refresh, [refresh]);
  // Back from a call's order (orderTrip.ts): the list scrolled as it was, the focus on that call's row.
  const [left] = useState(() => peekLeftView<ViewPlace>(useApp.getState(), 'myday'));
  useEffect(() => {
    if (!left) return;
    useApp.getState().takeLeftView('myday');
    return restoreView(left);
  }, [left]);
  const linkOrders = maySee(session, 'orders');

  if (!mine) return <main className="my-day-screen">{t('common.loading')}</main>;
  return (
    <main className="my-day-screen" data-testid="my-day-screen">
      <header className="dash-head">
        <h2>{t('reports.myDay.title', { day: mine.day })}</h2>
        <span className="muted small">{t('reports.myDay.help')}</span>
        <span className="spacer" />
        <button type="button" onClick={refresh}>
          {t('reports.myDay.refresh')}
        </button>
      </header>
      <section className="headline">
        {SUMMARY_LINES.filter((l) => MINE.has(l.key)).map((l) => (
          <div key={l.key} className="panel kpi-card" data-testid={`my-${l.key}`}>
            <div className="small muted" title={t(`kpi.defs.${l.key}`)}>
              {t(`kpi.lines.${l.key}`)}
            </div>
            <span className="kpi-value">{formatKpiValue(l.get(mine.kpis), l.kind, i18n.language)}</span>
          </div>
        ))}
      </section>
      <section className="panel">
        <h3>{t('reports.myDay.recent')}</h3>
        {mine.calls.length === 0 ? (
          <p className="muted">{t('reports.myDay.empty')}</p>
        ) : (
          <>
            {mine.total > mine.calls.length && <p className="small muted">{t('reports.myDay.showing', { shown: mine.calls.length, total: mine.total })}</p>}
            {linkOrders && <p className="small muted">{t('reports.myDay.rowHint')}</p>}
            <CallsTable
              calls={mine.calls}
              showAgent={false}
              testId="my-calls-table"
              onOpenOrder={
                linkOrders
                  ? (c) => openOrderFrom(c.orderNo, 'myday', viewPlace(`[data-testid="my-calls-table"] tr[data-call-id="${CSS.escape(c.id)}"]`))
                  : undefined
              }
            />
          </>
        )}
      </section>
    </main>
  );
}
