/** Calls as a table: the calls behind a dashboard number, or an agent's own calls today. */
import { useTranslation } from 'react-i18next';
import type { CallBehind } from '../../../../shared/contracts/reports';
import { formatDuration, formatFen } from '../../../../shared/kpi/format';
import { formatTime } from '../../format';
import { useOutcomeLabel, useReasonLabel } from '../../outcomes';
import { useApp } from '../../store';

export function CallsTable({
  calls,
  showAgent = true,
  agentLabel = (a) => a.name,
  testId,
}: {
  calls: CallBehind[];
  showAgent?: boolean;
  /** How an agent is named (two agents of one name are told apart as in the dashboard's filter). */
  agentLabel?: (a: { id: string; name: string }) => string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const session = useApp((s) => s.session)!;
  const outcomeLabel = useOutcomeLabel(session);
  const reasonLabel = useReasonLabel();
  const tz = session.settings.businessTimeZone;
  return (
    <table className="calls-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('reports.cols.time')}</th>
          {showAgent && <th>{t('reports.cols.agent')}</th>}
          <th>{t('reports.cols.flow')}</th>
          <th>{t('reports.cols.orderNo')}</th>
          <th>{t('reports.cols.customer')}</th>
          <th>{t('reports.cols.phone')}</th>
          <th>{t('reports.cols.outcome')}</th>
          <th>{t('reports.cols.reason')}</th>
          <th className="num">{t('reports.cols.amount')}</th>
          <th className="num">{t('reports.cols.talkTime')}</th>
          <th>{t('reports.cols.status')}</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((c) => (
          <tr key={c.id} data-order-no={c.orderNo}>
            <td className="mono">{formatTime(c.at, i18n.language, tz)}</td>
            {showAgent && <td>{agentLabel({ id: c.agentId, name: c.agentName })}</td>}
            <td>
              {t(`flows.${c.flow}`)}
              {c.inCallUpsell && <span className="muted small"> · {t('reports.cols.inCallUpsell')}</span>}
            </td>
            <td className="mono">{c.orderNo}</td>
            <td>{c.customerName}</td>
            <td className="mono">{c.phone}</td>
            <td className={c.reached ? '' : 'muted'}>{outcomeLabel(c.outcome)}</td>
            <td>{reasonLabel(c.reasonCode)}</td>
            <td className="num">{c.amountFen === null ? '' : formatFen(c.amountFen, i18n.language)}</td>
            <td className="num">{c.talkMs === null ? '' : formatDuration(c.talkMs)}</td>
            <td>
              <span className={`status status-${c.orderStatus}`}>{t(`status.${c.orderStatus}`)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
