import { useTranslation } from 'react-i18next';
import type { CallCard, SessionView } from '../../../shared/contract';
import { sourceLabel } from '../../../shared/sources';
import { regionText } from '../../../shared/mask';
import { formatMoney, formatTime } from '../format';
import { HistoryItems } from './HistoryItems';
import { PastCallItems } from './PastCallItems';

/** The order, this customer's other orders and past calls, and what changed on the order. */
export function CardDetails({ card, timeZone, session }: { card: CallCard; timeZone: string; session: SessionView }) {
  const { t, i18n } = useTranslation();
  const o = card.order;
  const lang = i18n.language;
  const rows: [string, React.ReactNode, string?][] = [
    [t('order.customer'), o.customerName, 'customer'],
    [t('order.phone'), <span className="mono">{o.phone}</span>, 'phone'],
    [t('order.address'), `${regionText(o)} ${o.address}`, 'address'],
    [t('order.package'), o.packageText || '—', 'package'],
    [t('order.amount'), <strong>{formatMoney(o.amountFen, lang)}</strong>, 'amount'],
    [t('order.payment'), t(`payment.${o.paymentMethod}`)],
    [t('order.orderedAt'), formatTime(o.orderedAt, lang, timeZone)],
    [t('order.source'), o.source ? sourceLabel(o.source, t) : '—', 'source'],
  ];
  if (o.buyerAccount) rows.push([t('order.buyerAccount'), o.buyerAccount]);
  if (o.ip) rows.push([t('order.ip'), <span className="mono">{o.ip}</span>]);
  return (
    <section className="panel details" aria-label={t('card.order')}>
      <h3>{t('card.order')}</h3>
      <dl className="facts">
        {rows.map(([label, value, id]) => (
          <div key={label} className="fact" data-field={id}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {o.courier && (
        <section className="courier" data-testid="courier">
          <h4>{t('card.courier')}</h4>
          <dl className="facts">
            <div className="fact">
              <dt>{t('card.courierCompany')}</dt>
              <dd>
                {o.courier.company ?? '—'} <span className="mono">{o.courier.waybillNo ?? ''}</span>
              </dd>
            </div>
            <div className="fact" data-field="courier-reason">
              <dt>{t('card.courierStatus')}</dt>
              <dd>
                <strong>{o.courier.status ?? '—'}</strong>
                {o.courier.reason && <> · {o.courier.reason}</>}
                {o.courier.statusAt && <span className="muted"> ({formatTime(o.courier.statusAt, lang, timeZone)})</span>}
              </dd>
            </div>
            {o.courier.station && (
              <div className="fact" data-field="courier-station">
                <dt>{t('card.station')}</dt>
                <dd>
                  <strong>{o.courier.station}</strong>
                </dd>
              </div>
            )}
          </dl>
          {o.courier.events.length > 0 && (
            <ul className="mini-list timeline">
              {o.courier.events.map((ev, i) => (
                <li key={i}>
                  {formatTime(ev.at, lang, timeZone)} · {ev.status}
                  {ev.reason && <span className="muted"> — {ev.reason}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <h4>{t('card.otherOrders')}</h4>
      {card.otherOrders.length === 0 ? (
        <p className="muted small">{t('card.noOtherOrders')}</p>
      ) : (
        <ul className="mini-list" data-testid="other-orders">
          {card.otherOrders.map((x) => (
            <li key={x.id}>
              <span className="mono">{x.orderNo}</span> {x.packageText} · {formatMoney(x.amountFen, lang)} ·{' '}
              <span className={`status status-${x.status}`}>{t(`status.${x.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>{t('card.pastCalls')}</h4>
      {card.pastOutcomes.length === 0 ? (
        <p className="muted small">{t('card.noPastCalls')}</p>
      ) : (
        <ul className="mini-list" data-testid="past-outcomes">
          <PastCallItems outcomes={card.pastOutcomes} session={session} timeZone={timeZone} />
        </ul>
      )}
      {card.history.length > 0 && (
        <>
          <h4>{t('card.history')}</h4>
          <ul className="mini-list" data-testid="history">
            <HistoryItems history={card.history} timeZone={timeZone} />
          </ul>
        </>
      )}
    </section>
  );
}
