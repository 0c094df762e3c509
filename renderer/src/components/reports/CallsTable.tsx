/** Calls as a table: the calls behind a dashboard number, or an agent's own calls today. */
import { Fragment, useState } from 'react';
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
  openable = false,
  testId,
}: {
  calls: CallBehind[];
  showAgent?: boolean;
  /** How an agent is named (two agents of one name are told apart as in the dashboard's filter). */
  agentLabel?: (a: { id: string; name: string }) => string;
  /** Each order number opens the call's order under its row (Enter on it, or a click). */
  openable?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const session = useApp((s) => s.session)!;
  const outcomeLabel = useOutcomeLabel(session);
  const reasonLabel = useReasonLabel();
  const tz = session.settings.businessTimeZone;
  const [open, setOpen] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const columns = showAgent ? 11 : 10;

  async function copy(orderNo: string) {
    try {
      await navigator.clipboard.writeText(orderNo);
      setCopied(orderNo);
    } catch {
      // No clipboard (an insecure origin, or refused): the number is on screen to copy by hand.
    }
  }

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
        {calls.map((c) => {
          const isOpen = openable && open === c.id;
          return (
            <Fragment key={c.id}>
              <tr data-order-no={c.orderNo} className={isOpen ? 'call-open' : undefined}>
                <td className="mono">{formatTime(c.at, i18n.language, tz)}</td>
                {showAgent && <td>{agentLabel({ id: c.agentId, name: c.agentName })}</td>}
                <td>
                  {t(`flows.${c.flow}`)}
                  {c.inCallUpsell && <span className="muted small"> · {t('reports.cols.inCallUpsell')}</span>}
                </td>
                <td className="mono">
                  {openable ? (
                    <button
                      type="button"
                      className="link mono"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? `call-detail-${c.id}` : undefined}
                      data-testid="open-order"
                      onClick={() => setOpen(isOpen ? null : c.id)}
                    >
                      {c.orderNo}
                    </button>
                  ) : (
                    c.orderNo
                  )}
                </td>
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
              {isOpen && (
                <tr className="call-detail" id={`call-detail-${c.id}`} data-testid="call-detail">
                  <td colSpan={columns}>
                    <h4>{t('reports.behind.order', { orderNo: c.orderNo })}</h4>
                    <dl>
                      <dt>{t('reports.cols.customer')}</dt>
                      <dd>
                        {c.customerName} <span className="mono">{c.phone}</span>
                      </dd>
                      <dt>{t('reports.cols.product')}</dt>
                      <dd>{c.product}</dd>
                      <dt>{t('reports.cols.status')}</dt>
                      <dd>{t(`status.${c.orderStatus}`)}</dd>
                      <dt>{t('reports.cols.outcome')}</dt>
                      <dd>
                        {outcomeLabel(c.outcome)}
                        {c.reasonCode ? ` · ${reasonLabel(c.reasonCode)}` : ''}
                        {c.amountFen === null ? '' : ` · ${formatFen(c.amountFen, i18n.language)}`}
                      </dd>
                      <dt>{t('reports.cols.note')}</dt>
                      <dd>{c.note || <span className="muted">{t('reports.behind.noNote')}</span>}</dd>
                    </dl>
                    <div className="row">
                      <button type="button" className="small" onClick={() => void copy(c.orderNo)}>
                        {t('reports.behind.copy')}
                      </button>
                      <span className="small muted" role="status">
                        {copied === c.orderNo ? t('reports.behind.copied', { orderNo: c.orderNo }) : t('reports.behind.orderFind')}
                      </span>
                    </div>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
