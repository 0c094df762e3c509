/** Calls as a table: the calls behind a dashboard number, or an agent's own calls today. */
import { Fragment, useState, type KeyboardEvent } from 'react';
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
  initialOpen = null,
  onOpenOrder,
  testId,
}: {
  calls: CallBehind[];
  showAgent?: boolean;
  /** How an agent is named (two agents of one name are told apart as in the dashboard's filter). */
  agentLabel?: (a: { id: string; name: string }) => string;
  /** Each order number opens the call's order under its row (Enter on it, or a click). */
  openable?: boolean;
  /** The call whose order is shown under its row from the start (the list as the lead left it). */
  initialOpen?: string | null;
  /**
   * Opens a call's order on the Orders screen: each row gets a button for it, and Enter on a
   * focused row does the same (↑ / ↓ move between rows). Not given: the order is not linked.
   */
  onOpenOrder?: (call: CallBehind, shown: string | null) => void;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const session = useApp((s) => s.session)!;
  const outcomeLabel = useOutcomeLabel(session);
  const reasonLabel = useReasonLabel();
  const tz = session.settings.businessTimeZone;
  const [open, setOpen] = useState<string | null>(initialOpen);
  const [copied, setCopied] = useState<string | null>(null);
  const columns = (showAgent ? 11 : 10) + (onOpenOrder ? 1 : 0);

  /** Enter on a row opens its order; ↑ / ↓ go to the next call's row (over an order shown under one). */
  function rowKey(e: KeyboardEvent<HTMLTableRowElement>, c: CallBehind) {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      onOpenOrder?.(c, open);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      let to = e.currentTarget as Element | null;
      do to = e.key === 'ArrowDown' ? to!.nextElementSibling : to!.previousElementSibling;
      while (to && !(to instanceof HTMLTableRowElement && to.dataset.callId));
      if (to instanceof HTMLElement) to.focus();
    }
  }

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
          {onOpenOrder && (
            <th>
              <span className="visually-hidden">{t('reports.behind.openOrder')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {calls.map((c) => {
          const isOpen = openable && open === c.id;
          return (
            <Fragment key={c.id}>
              <tr
                data-order-no={c.orderNo}
                data-call-id={c.id}
                className={isOpen ? 'call-open' : undefined}
                tabIndex={onOpenOrder ? 0 : undefined}
                aria-keyshortcuts={onOpenOrder ? 'Enter' : undefined}
                onKeyDown={onOpenOrder ? (e) => rowKey(e, c) : undefined}
              >
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
                {onOpenOrder && (
                  <td>
                    <button
                      type="button"
                      className="link small"
                      aria-label={t('reports.behind.openOrderNo', { orderNo: c.orderNo })}
                      onClick={() => onOpenOrder(c, open)}
                    >
                      {t('reports.behind.openOrder')}
                    </button>
                  </td>
                )}
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
                      {onOpenOrder && (
                        <button type="button" className="small primary" onClick={() => onOpenOrder(c, open)}>
                          {t('reports.behind.openOrder')}
                        </button>
                      )}
                      <button type="button" className="small" onClick={() => void copy(c.orderNo)}>
                        {t('reports.behind.copy')}
                      </button>
                      <span className="small muted" role="status">
                        {copied === c.orderNo ? t('reports.behind.copied', { orderNo: c.orderNo }) : onOpenOrder ? '' : t('reports.behind.orderFind')}
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
