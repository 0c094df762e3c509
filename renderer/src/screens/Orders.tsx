import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary, OrderDetail, OrderList, RiskFilter } from '../../../shared/contract';
import { DEMO_ORDER_COUNT, ORDER_STATUSES, type OrderStatus } from '../../../shared/domain';
import { sourceLabel } from '../../../shared/sources';
import { regionText } from '../../../shared/mask';
import { api } from '../api';
import { useLatestAnswer } from '../latest';
import { formatMoney, formatTime } from '../format';
import { hasRole, useApp } from '../store';
import { SCREEN_NAME } from '../orderTrip';
import { HistoryItems } from '../components/HistoryItems';
import { RiskBanner } from '../components/RiskBanner';
import { PastCallItems } from '../components/PastCallItems';
import { RiskCell, useOrderRisks } from '../components/RiskCell';
import { ImportFlow } from './ImportFlow';
import { escapeHere } from '../keys';

const PAGE = 50;

/** Orders: search and inspect; team leads import exports and load the demo data here. */
export function Orders() {
  const { t, i18n } = useTranslation();
  const { session, fail } = useApp();
  const tz = session!.settings.businessTimeZone;
  const [list, setList] = useState<OrderList | null>(null);
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [risk, setRisk] = useState<RiskFilter | ''>('');
  // An order opened from another screen (the dashboard's calls list): the list shows it, its drawer
  // opens, and "back" (or Esc on that drawer) returns to the screen it came from (orderTrip.ts).
  const [trip] = useState(() => useApp.getState().orderTrip);
  const [query, setQuery] = useState(trip?.orderNo ?? '');
  const backTo = trip?.from ?? null;
  /** The drawer shows the order the trip asked for (Esc goes back rather than closing it). */
  const [tripOpen, setTripOpen] = useState(false);
  const back = useRef<HTMLButtonElement>(null);
  const [offset, setOffset] = useState(0);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [detail, setDetail] = useState<OrderDetail | null>(null);
  /** Which drawer was asked for last: an answer to an earlier ask is dropped. */
  const detailAsked = useRef(0);
  const [importing, setImporting] = useState(false);
  /** Orders already in the store, when the lead asked for the demo data on top of them. */
  const [demoAsk, setDemoAsk] = useState<number | null>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const tableBody = useRef<HTMLTableSectionElement>(null);
  const demoYes = useRef<HTMLButtonElement>(null);
  /** The row an order was opened from: the focus goes back to it when the drawer closes. */
  const openedFrom = useRef<HTMLElement | null>(null);
  const filtered = !!(status || risk || query.trim());
  const canImport = hasRole(session, 'lead');
  const canCall = hasRole(session, 'agent');
  const handOff = useApp((st) => st.handOff);
  const risks = useOrderRisks(list?.orders.map((o) => o.orderNo));

  // The list reloads as the lead types: only the answer to the latest request may be shown.
  const latest = useLatestAnswer();
  // What the list on screen answers, and an Enter pressed in the search before the list for what
  // was typed came back (a pasted number, Enter at once): it opens the first row of that list,
  // never of the one before, which is another customer's.
  const shownFor = useRef<string | null>(null);
  const enterPending = useRef(false);
  const asked = `${status}|${risk}|${query.trim()}|${offset}`;
  const load = useCallback(
    () =>
      latest(
        api.listOrders({ status: status || undefined, risk: risk || undefined, query: query.trim() || undefined, limit: PAGE, offset }),
        (result) => {
          shownFor.current = asked;
          setList(result);
        },
        fail,
      ),
    [status, risk, query, offset, asked, fail, latest],
  );

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!enterPending.current || shownFor.current !== asked) return;
    enterPending.current = false;
    if (document.activeElement === searchBox.current) tableBody.current?.querySelector<HTMLElement>('tr')?.focus();
  }, [list, asked]);

  async function run(action: () => Promise<ImportSummary>) {
    setBusy(true);
    try {
      setSummary(await action());
      setOffset(0);
      await load();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  function openOrder(orderNo: string, row: HTMLElement) {
    openedFrom.current = row;
    setTripOpen(false);
    const mine = ++detailAsked.current;
    void api.getOrder({ orderNo }).then((d) => mine === detailAsked.current && setDetail(d), fail);
  }

  /** A decision taken in the drawer (released, held, rejected, converted): the drawer and its row show it at once. */
  function refreshDetail(orderNo: string) {
    const mine = ++detailAsked.current;
    void api.getOrder({ orderNo }).then((d) => mine === detailAsked.current && setDetail(d), fail);
    void load();
  }

  function closeDetail() {
    detailAsked.current++;
    const orderNo = detail?.order.orderNo;
    setDetail(null);
    setTripOpen(false);
    // An order opened from another screen came from no row here: the focus goes to its row in the list.
    const row = openedFrom.current ?? (orderNo ? tableBody.current?.querySelector<HTMLElement>(`tr[data-order-no="${CSS.escape(orderNo)}"]`) : null);
    requestAnimationFrame(() => row?.isConnected && row.focus());
  }

  const go = useApp((st) => st.go);
  const goBack = () => backTo && go(backTo);

  useEffect(() => {
    if (!trip) return;
    useApp.getState().takeOrderTrip();
    let live = true;
    const mine = ++detailAsked.current;
    api.getOrder({ orderNo: trip.orderNo }).then((d) => {
      // Another row opened (or the drawer closed) before it came: that stands.
      if (!live || mine !== detailAsked.current) return;
      openedFrom.current = null;
      setDetail(d);
      setTripOpen(true);
      // On the way back: Enter (or Esc) returns at once.
      requestAnimationFrame(() => back.current?.focus());
    }, fail);
    return () => {
      live = false;
    };
  }, [trip, fail]);

  function clearFilters() {
    setQuery('');
    setStatus('');
    setRisk('');
    setOffset(0);
  }

  // Esc closes the order drawer (a form inside it closes first, and keeps the drawer open). Listening
  // from the start, reading the latest state: a listener added once the drawer had rendered missed
  // an Esc pressed right as it appeared.
  const escCloses = useRef(false);
  escCloses.current = !!detail && !importing;
  const closeRef = useRef(closeDetail);
  closeRef.current = tripOpen && backTo ? goBack : closeDetail;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape' && !e.defaultPrevented && escCloses.current) {
        e.preventDefault();
        closeRef.current();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (demoAsk !== null) demoYes.current?.focus();
  }, [demoAsk]);

  const lang = i18n.language;
  return (
    <main className="orders">
      <section className="panel toolbar">
        {backTo && (
          // The way back while on this visit; Esc too while the drawer shows the order asked for.
          <button ref={back} type="button" onClick={goBack} data-testid="orders-back" aria-keyshortcuts={tripOpen ? 'Escape' : undefined}>
            ← {t('orders.backTo', { screen: t(SCREEN_NAME[backTo]) })}
            {tripOpen && (
              <>
                {' '}
                <kbd>Esc</kbd>
              </>
            )}
          </button>
        )}
        <input
          type="search"
          // Alt+2 lands here; ↓ goes down into the list, ↑ / ↓ move along it, Enter opens.
          autoFocus
          ref={searchBox}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.nativeEvent.isComposing)) {
              if (shownFor.current !== asked) {
                e.preventDefault();
                enterPending.current = true;
                return;
              }
              const first = tableBody.current?.querySelector<HTMLElement>('tr');
              if (first) {
                e.preventDefault();
                first.focus();
              }
            }
          }}
          placeholder={t('orders.search')}
          aria-label={t('orders.search')}
          value={query}
          onChange={(e) => {
            enterPending.current = false;
            setQuery(e.target.value);
            setOffset(0);
          }}
        />
        <select
          aria-label={t('orders.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as OrderStatus | '');
            setOffset(0);
          }}
        >
          <option value="">{t('orders.allStatuses')}</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('risk.filter.label')}
          value={risk}
          data-testid="risk-filter"
          onChange={(e) => {
            setRisk(e.target.value as RiskFilter | '');
            setOffset(0);
          }}
        >
          <option value="">{t('risk.filter.all')}</option>
          {(['held', 'high', 'medium', 'low'] as const).map((r) => (
            <option key={r} value={r}>
              {t(`risk.filter.${r}`)}
            </option>
          ))}
        </select>
        <span className="spacer" />
        {canImport && (
          <>
            <button
              ref={importButton}
              onClick={() => {
                // The import's mapping step needs the whole width: an open order drawer closes.
                setDetail(null);
                setImporting(true);
              }}
              disabled={busy || importing}
              data-testid="import-open"
            >
              {t('import.choose')}
            </button>
            <button
              onClick={() => {
                // Made-up orders beside real ones cannot be told apart later: asked first when the store holds orders.
                api.listOrders({ limit: 1, offset: 0 }).then(({ total }) => (total > 0 ? setDemoAsk(total) : void run(() => api.loadDemo({}))), fail);
              }}
              disabled={busy || demoAsk !== null}
              data-testid="load-demo"
            >
              {t('import.loadDemo')}
            </button>
          </>
        )}
      </section>

      {demoAsk !== null && (
        <section
          className="panel ask"
          role="alertdialog"
          aria-labelledby="demo-ask-text"
          data-testid="demo-confirm"
          onKeyDown={escapeHere(() => setDemoAsk(null))}
        >
          <p id="demo-ask-text">{t('orders.demoConfirm', { count: demoAsk, demo: DEMO_ORDER_COUNT })}</p>
          <div className="row">
            <button
              ref={demoYes}
              className="primary"
              data-testid="demo-confirm-yes"
              onClick={() => {
                setDemoAsk(null);
                void run(() => api.loadDemo({}));
              }}
            >
              {t('orders.demoConfirmYes')}
            </button>
            <button onClick={() => setDemoAsk(null)}>
              {t('common.cancel')} <kbd>Esc</kbd>
            </button>
          </div>
        </section>
      )}

      {importing && (
        <ImportFlow
          onClose={() => {
            setImporting(false);
            requestAnimationFrame(() => importButton.current?.focus());
          }}
          onImported={() => {
            setOffset(0);
            void load();
          }}
        />
      )}
      {busy && <p className="panel">{t('import.working')}</p>}
      {summary && (
        <section className="panel import-summary" data-testid="import-summary" role="status">
          <strong>{t('import.summaryTitle', { file: summary.fileName })}</strong>{' '}
          {t('import.summaryLine', { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected.length })}
          <button className="link" onClick={() => setSummary(null)}>
            {t('common.close')}
          </button>
        </section>
      )}

      <section className="panel">
        {list && list.total === 0 && filtered ? (
          <p className="muted" data-testid="orders-empty">
            {t('orders.noMatch')}{' '}
            <button className="link" onClick={clearFilters} data-testid="orders-clear-filters">
              {t('orders.clearFilters')}
            </button>
          </p>
        ) : list && list.total === 0 ? (
          <p className="muted" data-testid="orders-empty">
            {canImport ? t('orders.emptyLead') : t('orders.empty')}
          </p>
        ) : (
          <table className="order-table" data-testid="order-table">
            <thead>
              <tr>
                <th>{t('order.orderNo')}</th>
                <th>{t('order.status')}</th>
                <th>{t('risk.column')}</th>
                <th>{t('order.customer')}</th>
                <th>{t('order.phone')}</th>
                <th>{t('order.region')}</th>
                <th>{t('order.package')}</th>
                <th className="num">{t('order.amount')}</th>
                <th>{t('order.orderedAt')}</th>
              </tr>
            </thead>
            <tbody ref={tableBody}>
              {list?.orders.map((o) => (
                <tr
                  key={o.id}
                  data-order-no={o.orderNo}
                  tabIndex={0}
                  onClick={(e) => openOrder(o.orderNo, e.currentTarget)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') openOrder(o.orderNo, e.currentTarget);
                    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                      e.preventDefault();
                      const to = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
                      if (to instanceof HTMLElement) to.focus();
                      else if (e.key === 'ArrowUp') searchBox.current?.focus();
                    }
                  }}
                >
                  <td className="mono">{o.orderNo}</td>
                  <td>
                    <span className={`status status-${o.status}`}>{t(`status.${o.status}`)}</span>
                  </td>
                  <td><RiskCell risk={risks.get(o.orderNo)} /></td>
                  <td>{o.customerName}</td>
                  <td className="mono">{o.phone}</td>
                  <td>{regionText({ province: o.province, city: o.city, district: '' })}</td>
                  <td>{o.packageText}</td>
                  <td className="num">
                    {formatMoney(o.amountFen, lang)}
                    <br />
                    <span className="muted small">{t(`payment.${o.paymentMethod}`)}</span>
                  </td>
                  <td>{formatTime(o.orderedAt, lang, tz)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {list && list.total > PAGE && (
          <div className="row pager">
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              ‹
            </button>
            <span>{t('orders.page', { from: offset + 1, to: Math.min(offset + PAGE, list.total), total: list.total })}</span>
            <button disabled={offset + PAGE >= list.total} onClick={() => setOffset(offset + PAGE)}>
              ›
            </button>
          </div>
        )}
        {list && <p className="muted small">{t('orders.count', { count: list.total })}</p>}
      </section>

      {detail && (
        <aside className="panel drawer" data-testid="order-detail" aria-label={detail.order.orderNo}>
          <header className="row">
            <strong className="mono">{detail.order.orderNo}</strong>
            <span className={`status status-${detail.order.status}`}>{t(`status.${detail.order.status}`)}</span>
            <span className="spacer" />
            {tripOpen && backTo ? (
              // Esc goes back to where the order was opened from (the button at the top says so).
              <button onClick={closeDetail}>{t('common.close')}</button>
            ) : (
              <button onClick={closeDetail} aria-keyshortcuts="Escape">
                {t('common.close')} <kbd>Esc</kbd>
              </button>
            )}
          </header>
          <RiskBanner key={detail.order.orderNo} orderNo={detail.order.orderNo} status={detail.order.status} onChange={() => refreshDetail(detail.order.orderNo)} />
          {canCall && detail.tasks.some((x) => x.state === 'open') && (
            // The customer rang in: their card on the call cards screen, out of queue order.
            <button className="primary" data-testid="take-call" onClick={() => void api.takeCall({ query: detail.order.orderNo }).then(handOff, fail)}>
              {t('inbound.fromOrder')}
            </button>
          )}
          <p>
            {detail.order.customerName} · <span className="mono">{detail.order.phone}</span>
          </p>
          <p>
            {regionText(detail.order)} {detail.order.address}
          </p>
          <p>
            {detail.order.packageText} · {formatMoney(detail.order.amountFen, lang)} · {t(`payment.${detail.order.paymentMethod}`)}
          </p>
          <p className="muted small">
            {t('common.labelled', { label: t('order.source'), value: detail.order.source ? sourceLabel(detail.order.source, t) : '—' })} ·{' '}
            {t('common.labelled', { label: t('order.orderedAt'), value: formatTime(detail.order.orderedAt, lang, tz) })}
          </p>
          {detail.order.courier && (
            <p data-testid="order-courier">
              {detail.order.courier.company} <span className="mono">{detail.order.courier.waybillNo}</span>
              {detail.order.courier.status && <> · <strong>{detail.order.courier.status}</strong></>}
              {detail.order.courier.reason && <> · {detail.order.courier.reason}</>}
              {detail.order.courier.station && <> · {t('common.labelled', { label: t('card.station'), value: detail.order.courier.station })}</>}
            </p>
          )}
          <h4>{t('card.pastCalls')}</h4>
          <ul className="mini-list">
            <PastCallItems outcomes={detail.outcomes} session={session!} timeZone={tz} />
            {detail.outcomes.length === 0 && <li className="muted">{t('card.noPastCalls')}</li>}
          </ul>
          <h4>{t('card.tasks')}</h4>
          <ul className="mini-list">
            {detail.tasks.map((x) => (
              <li key={x.id}>
                {t(`flows.${x.flow}`)} · {t(`taskState.${x.state}`)} · {t('card.dueAt', { time: formatTime(x.dueAt, lang, tz) })} ·{' '}
                {t('card.attempts', { count: x.attempts })}
              </li>
            ))}
          </ul>
          <h4>{t('card.history')}</h4>
          <ul className="mini-list">
            <HistoryItems history={detail.history} timeZone={tz} />
            {detail.history.length === 0 && <li className="muted">{t('card.noHistory')}</li>}
          </ul>
        </aside>
      )}
    </main>
  );
}
