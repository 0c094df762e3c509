/**
 * The team lead's dashboard: a day or range, filters, the sheet's numbers beside the previous
 * period's, four charts, the calls behind any number, the daily sheet as Excel or CSV, and the
 * report settings. Every number comes from the core (shared/kpi); this screen only shows them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CallBehind,
  CallsBehindPage,
  DashboardView,
  ExportFile,
  ReportFilterOptions,
  ReportFiltersIn,
  ReportSettings,
} from '../../../shared/contracts/reports';
import { FLOWS, LOCALES, type Flow, type Locale } from '../../../shared/domain';
import type { CallKpi } from '../../../shared/kpi/definitions';
import { formatCount, formatKpiValue } from '../../../shared/kpi/format';
import { addDays } from '../../../shared/kpi/period';
import type { ReasonList, ReportCategory } from '../../../shared/outcomes';
import { agentLabels, sheetKeysFor, SUMMARY_LINES, SUMMARY_SECTIONS, type SheetKey, type SummaryLine } from '../../../shared/reports/sheet';
import { sourceLabel } from '../../../shared/sources';
import { api } from '../api';
import { downloadBase64 } from '../files';
import { CallsTable } from '../components/reports/CallsTable';
import { HeldCardsPanel } from '../components/reports/HeldCards';
import { Chart, type ChartOption } from '../components/reports/Chart';
import { maySee, peekLeftView } from '../orderTrip';
import { useReasonLabel } from '../outcomes';
import { positionSelector, restoreView, viewPlace, type ViewPlace } from '../restoreView';
import { useApp } from '../store';
import '../reports.css';

/** The calls of a reason list are those of the outcome that takes it. */
const KPI_OF_LIST: Record<ReasonList, CallKpi> = { loss: 'lost', refusal: 'refused', upsellDecline: 'upsellDeclined', complaint: 'complaints' };
const BEHIND_PAGE = 200;
/** What Tab can reach inside the calls list. */
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

interface Drill {
  kpi: CallKpi;
  reason?: string;
  hour?: number;
  category?: ReportCategory;
  flow?: Flow;
  title: string;
}

/**
 * The dashboard as the lead left it to open an order (orderTrip.ts), given back when they come
 * back: the period and filters, the calls list that was open with the order shown under its row,
 * the scroll and the row or button they left from.
 */
interface LeftDashboard {
  filters: ReportFiltersIn;
  drill: Drill | null;
  openCall: string | null;
  /** The number that opened the calls list (where the focus goes when the list closes). */
  drillOpener: string | null;
  place: ViewPlace;
}
const DASHBOARD = 'main.dashboard';
const BEHIND = '[data-testid="calls-behind"]';

export function Dashboard() {
  const { t, i18n } = useTranslation();
  const { session, fail, notify } = useApp();
  const lang = i18n.language;
  const reasonLabel = useReasonLabel();
  const openOrderFrom = useApp((s) => s.openOrderFrom);
  // Back from an order opened here: the dashboard as it was left (read now, taken in the effect below).
  const [left] = useState(() => peekLeftView<LeftDashboard>(useApp.getState(), 'dashboard'));
  const [options, setOptions] = useState<ReportFilterOptions | null>(null);
  const [filters, setFilters] = useState<ReportFiltersIn | null>(left?.filters ?? null);
  const [data, setData] = useState<DashboardView | null>(null);
  const [loading, setLoading] = useState(false);
  const [drill, setDrill] = useState<Drill | null>(left?.drill ?? null);
  const [behind, setBehind] = useState<CallsBehindPage | null>(null);
  /** The call whose order the calls list shows under its row when it opens (as it was left). */
  const [shownCall, setShownCall] = useState<string | null>(left?.openCall ?? null);
  const [settings, setSettings] = useState<ReportSettings | null>(null);
  const latest = useRef(0);
  /** What opened the calls list: the element, or its place on the page when the list was put back. */
  const drillOpener = useRef<HTMLElement | string | null>(left?.drillOpener ?? null);

  useEffect(() => {
    api.reportFilterOptions({}).then((o) => {
      setOptions(o);
      // As the lead left it today (from any screen), else today for everyone.
      const kept = useApp.getState().dashboardFilters;
      setFilters((f) => f ?? (kept && kept.today === o.today ? kept.filters : { from: o.today, to: o.today }));
    }, fail);
    api.getReportSettings({}).then(setSettings, fail);
  }, [fail]);

  const load = useCallback(
    async (f: ReportFiltersIn) => {
      const mine = ++latest.current;
      setLoading(true);
      try {
        const d = await api.dashboard(f);
        // A slower answer to an older choice of filters must not overwrite a newer one.
        if (mine === latest.current) setData(d);
      } catch (e) {
        if (mine === latest.current) fail(e);
      } finally {
        if (mine === latest.current) setLoading(false);
      }
    },
    [fail],
  );

  useEffect(() => {
    if (filters) void load(filters);
  }, [filters, load]);
  useEffect(() => {
    if (filters && options) useApp.setState({ dashboardFilters: { filters, today: options.today } });
  }, [filters, options]);

  // Only the list asked for last is shown (one asked for earlier can answer later).
  const latestBehind = useRef(0);
  const fetchBehind = useCallback(
    async (d: Drill, f: ReportFiltersIn) => {
      const mine = ++latestBehind.current;
      setBehind(null);
      try {
        const calls = await api.callsBehind({
          filters: d.flow ? { ...f, flow: d.flow } : f,
          kpi: d.kpi,
          reason: d.reason,
          hour: d.hour,
          category: d.category,
          limit: BEHIND_PAGE,
        });
        if (mine === latestBehind.current) setBehind(calls);
      } catch (e) {
        if (mine === latestBehind.current) fail(e);
      }
    },
    [fail],
  );

  const openDrill = useCallback(
    (d: Drill) => {
      if (!filters) return;
      drillOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setShownCall(null);
      setDrill(d);
      void fetchBehind(d, filters);
    },
    [filters, fetchBehind],
  );

  // Closing the calls list gives the focus back to the number (or reason) that opened it, so the
  // lead goes on with the next one by keyboard instead of starting again from the top of the page.
  const focusDrillOpener = useCallback(() => {
    const o = drillOpener.current;
    const el = typeof o === 'string' ? document.querySelector(DASHBOARD)?.querySelector<HTMLElement>(o) : o;
    if (el?.isConnected) el.focus();
  }, []);

  // Back from an order: the calls list reopened as it was, the page scrolled and the focus put back
  // on the row (or button) the lead left from, as they are drawn.
  useEffect(() => {
    if (!left) return;
    useApp.getState().takeLeftView('dashboard');
    if (left.drill) void fetchBehind(left.drill, left.filters);
    return restoreView(left.place);
  }, [left, fetchBehind]);

  /** Opens an order on the Orders screen, leaving the dashboard to come back to as it is now. */
  const leaveForOrder = (orderNo: string, focus: string, openCall: string | null = null) => {
    if (!filters) return;
    const o = drillOpener.current;
    const main = document.querySelector<HTMLElement>(DASHBOARD);
    const view: LeftDashboard = {
      filters,
      drill,
      openCall: drill ? openCall : null,
      drillOpener: !drill ? null : typeof o === 'string' ? o : main && positionSelector(main, o),
      place: viewPlace(focus, drill ? BEHIND : undefined),
    };
    openOrderFrom(orderNo, 'dashboard', view);
  };
  const linkOrders = maySee(session, 'orders');

  // Two agents of one name (common enough) read as one: this workstation's agent is marked, others get the end of their id.
  // The same rule as the exported sheets (agentLabels); here this workstation's own agent reads "you".
  const labels = useMemo(
    () => agentLabels(options?.agents ?? [], (name, tag) => t('reports.filters.agentSameName', { name, tag })),
    [options, t],
  );
  const agentLabel = (a: { id: string; name: string }) => {
    const label = labels.get(a.id) ?? a.name;
    return label !== a.name && a.id === session?.agent?.id ? t('reports.filters.agentYou', { name: a.name }) : label;
  };
  const set = (patch: Partial<ReportFiltersIn>) => setFilters((f) => (f ? clean({ ...f, ...patch }) : f));

  if (!options || !filters) return <main className="dashboard">{t('common.loading')}</main>;
  const today = options.today;
  const periods = [
    { key: 'today', from: today, to: today },
    { key: 'yesterday', from: addDays(today, -1), to: addDays(today, -1) },
    { key: 'last7', from: addDays(today, -6), to: today },
  ] as const;
  // What an export is cut by, named as the sheet's title row will name it.
  const filterNames = [
    filters.agentId && { label: t('reports.filters.agent'), value: agentLabel(options.agents.find((a) => a.id === filters.agentId) ?? { id: filters.agentId, name: filters.agentId }) },
    filters.flow && { label: t('reports.filters.flow'), value: t(`flows.${filters.flow}`) },
    filters.product && { label: t('reports.filters.product'), value: filters.product },
    filters.source && { label: t('reports.filters.source'), value: sourceLabel(filters.source, t) },
  ]
    .filter((x): x is { label: string; value: string } => !!x)
    .map((x) => t('reports.titleFilter', { name: x.label, value: x.value }));

  return (
    <main className="dashboard" data-testid="dashboard" aria-busy={loading}>
      <header className="dash-head">
        <h2>{t('reports.heading')}</h2>
        {data && (
          <span className="muted" data-testid="dash-period">
            {t('reports.period', { ...data.period })} · {options.timeZone} · {t('reports.previousPeriod', { ...data.previousPeriod })}
          </span>
        )}
        <span className="spacer" />
        {data && <span className="small muted">{data.masked ? t('reports.masked') : t('reports.unmasked')}</span>}
      </header>

      <form className="panel dash-filters" aria-label={t('reports.filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div className="dash-period-buttons" role="group" aria-label={t('reports.filters.periodLabel')} data-testid="period-buttons">
          {periods.map((p) => {
            // Chosen when the dates show exactly this period (typed dates may match one too).
            const pressed = filters.from === p.from && (filters.to ?? filters.from) === p.to;
            return (
              <button key={p.key} type="button" aria-pressed={pressed} data-period={p.key} onClick={() => set({ from: p.from, to: p.to })}>
                {t(`reports.filters.${p.key}`)}
              </button>
            );
          })}
        </div>
        <label>
          {t('reports.filters.from')}
          <input type="date" name="from" value={filters.from} max={today} onChange={(e) => e.target.value && set({ from: e.target.value, to: filters.to && filters.to < e.target.value ? e.target.value : filters.to })} />
        </label>
        <label>
          {t('reports.filters.to')}
          <input type="date" name="to" value={filters.to ?? filters.from} min={filters.from} onChange={(e) => e.target.value && set({ to: e.target.value })} />
        </label>
        <label>
          {t('reports.filters.agent')}
          <select name="agent" value={filters.agentId ?? ''} onChange={(e) => set({ agentId: e.target.value || undefined })}>
            <option value="">{t('reports.filters.all')}</option>
            {options.agents.map((a) => (
              <option key={a.id} value={a.id}>
                {agentLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.filters.flow')}
          <select name="flow" value={filters.flow ?? ''} onChange={(e) => set({ flow: (e.target.value || undefined) as Flow | undefined })}>
            <option value="">{t('reports.filters.all')}</option>
            {FLOWS.map((f) => (
              <option key={f} value={f}>
                {t(`flows.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.filters.product')}
          <select name="product" value={filters.product ?? ''} onChange={(e) => set({ product: e.target.value || undefined })}>
            <option value="">{t('reports.filters.all')}</option>
            {options.products.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.filters.source')}
          <select name="source" value={filters.source ?? ''} onChange={(e) => set({ source: e.target.value || undefined })}>
            <option value="">{t('reports.filters.all')}</option>
            {options.sources.map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s, t)}
              </option>
            ))}
          </select>
        </label>
      </form>

      {!data ? (
        <p className="muted">{t('reports.loading')}</p>
      ) : (
        <>
          <p className="small muted">{t('reports.clickHint')}</p>
          <Headline data={data} lang={lang} onDrill={openDrill} />
          <Charts data={data} lang={lang} onDrill={openDrill} reasonLabel={reasonLabel} />
          <KpiTable data={data} lang={lang} onDrill={openDrill} />
        </>
      )}

      <HeldCardsPanel
        timeZone={options.timeZone}
        onOpenOrder={
          linkOrders
            ? (agentId, orderNo) =>
                leaveForOrder(orderNo, `[data-testid="held-cards"] tr[data-agent="${CSS.escape(agentId)}"][data-order-no="${CSS.escape(orderNo)}"] [data-testid="held-open-order"]`)
            : undefined
        }
      />

      <div className="dash-bottom">
        <ExportPanel filters={filters} filterNames={filterNames} />
        {settings && (
          <SettingsPanel
            settings={settings}
            onSaved={(s) => {
              setSettings(s);
              notify({ kind: 'success', key: 'reports.settings.saved' });
              void load(filters);
            }}
          />
        )}
      </div>

      {drill && (
        <BehindDrawer
          drill={drill}
          page={behind}
          agentLabel={agentLabel}
          shownCall={shownCall}
          onOpenOrder={
            linkOrders
              ? (c, shown) => leaveForOrder(c.orderNo, `[data-testid="behind-table"] tr[data-call-id="${CSS.escape(c.id)}"]`, shown)
              : undefined
          }
          onClose={() => setDrill(null)}
          focusOpener={focusDrillOpener}
        />
      )}
    </main>
  );
}

/** Drops empty filters so the contract sees only what is set. */
function clean(f: ReportFiltersIn): ReportFiltersIn {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as unknown as ReportFiltersIn;
}

function KpiValue({ line, data, lang, onDrill }: { line: SummaryLine; data: DashboardView; lang: string; onDrill: (d: Drill) => void }) {
  const { t } = useTranslation();
  const text = formatKpiValue(line.get(data.current), line.kind, lang);
  if (!line.drill) return <span className="kpi-value">{text}</span>;
  const kpi = line.drill;
  return (
    <button type="button" className="link kpi-value" data-kpi={line.key} onClick={() => onDrill({ kpi, title: t(`kpi.lines.${line.key}`) })}>
      {text}
    </button>
  );
}

function Headline({ data, lang, onDrill }: { data: DashboardView; lang: string; onDrill: (d: Drill) => void }) {
  const { t } = useTranslation();
  return (
    <section className="headline" aria-label={t('kpi.sections.calls')}>
      {SUMMARY_LINES.filter((l) => l.headline).map((l) => {
        const now = l.get(data.current);
        const before = l.get(data.previous);
        const trend = now === null || before === null || now === before ? '' : now > before ? '▲' : '▼';
        return (
          <div key={l.key} className="panel kpi-card" data-testid={`kpi-${l.key}`}>
            <div className="small muted" title={t(`kpi.defs.${l.key}`)}>
              {t(`kpi.lines.${l.key}`)}
            </div>
            <KpiValue line={l} data={data} lang={lang} onDrill={onDrill} />
            <div className="small muted">
              {t('reports.vsPrevious')} {formatKpiValue(before, l.kind, lang)} <span className="trend">{trend}</span>
            </div>
          </div>
        );
      })}
    </section>
  );
}

function KpiTable({ data, lang, onDrill }: { data: DashboardView; lang: string; onDrill: (d: Drill) => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel kpi-table" aria-label={t('reports.sheets.summary')}>
      <table>
        <thead>
          <tr>
            <th>{t('reports.cols.indicator')}</th>
            <th className="num">{t('reports.cols.value')}</th>
            <th className="num">{t('reports.cols.previous')}</th>
            <th>{t('reports.cols.definition')}</th>
          </tr>
        </thead>
        {SUMMARY_SECTIONS.map((section) => (
          <tbody key={section}>
            <tr className="section-row">
              <th colSpan={4}>{t(`kpi.sections.${section}`)}</th>
            </tr>
            {SUMMARY_LINES.filter((l) => l.section === section).map((l) => (
              <tr key={l.key} data-line={l.key}>
                <td>{t(`kpi.lines.${l.key}`)}</td>
                <td className="num">
                  <KpiValue line={l} data={data} lang={lang} onDrill={onDrill} />
                </td>
                <td className="num muted">{formatKpiValue(l.get(data.previous), l.kind, lang)}</td>
                <td className="small muted">{t(`kpi.defs.${l.key}`)}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}

function Charts({
  data,
  lang,
  onDrill,
  reasonLabel,
}: {
  data: DashboardView;
  lang: string;
  onDrill: (d: Drill) => void;
  reasonLabel: (code: string | null) => string;
}) {
  const { t } = useTranslation();
  const hours = useMemo(() => Array.from({ length: 24 }, (_, h) => h), []);
  const byHour: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 36, right: 12, top: 16, bottom: 24 },
      xAxis: { type: 'category', data: hours.map((h) => String(h)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('reports.charts.calls'), data: data.charts.callsByHour, itemStyle: { color: '#1f6feb' } }],
    }),
    [data, hours, t],
  );

  const cats = useMemo(() => {
    const seen = new Set<ReportCategory>();
    for (const f of FLOWS) for (const c of Object.keys(data.charts.outcomesByFlow[f]) as ReportCategory[]) seen.add(c);
    return [...seen];
  }, [data]);
  const byFlow: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 80, right: 12, top: 8, bottom: 40 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: FLOWS.map((f) => t(`flows.${f}`)) },
      series: cats.map((c) => ({
        type: 'bar' as const,
        stack: 'all',
        name: t(`kpi.categories.${c}`),
        data: FLOWS.map((f) => data.charts.outcomesByFlow[f][c] ?? 0),
      })),
    }),
    [data, cats, t],
  );

  const reasonRows = useMemo(
    () =>
      (Object.entries(data.current.reasons) as [ReasonList, { reason: string; count: number }[]][]).flatMap(([list, tally]) =>
        tally.map((r) => ({ list, reason: r.reason, count: r.count, label: `${reasonLabel(r.reason)}` })),
      ),
    [data, reasonLabel],
  );
  const reasons: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: reasonRows.map((r) => `${t(`kpi.reasonLists.${r.list}`)} · ${r.label}`) },
      series: [{ type: 'bar', name: t('reports.cols.count'), data: reasonRows.map((r) => r.count), itemStyle: { color: '#b35900' } }],
    }),
    [reasonRows, t],
  );

  const cohorts: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 44, top: 12, bottom: 40 },
      xAxis: { type: 'category', data: data.charts.cohorts.map((c) => c.day.slice(5)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { type: 'bar', name: t('reports.charts.shipped'), data: data.charts.cohorts.map((c) => c.shipped), itemStyle: { color: '#8ea2c0' } },
        { type: 'bar', name: t('reports.charts.signed'), data: data.charts.cohorts.map((c) => c.signed), itemStyle: { color: '#1a7f37' } },
        {
          type: 'line',
          name: t('reports.charts.signRate'),
          yAxisIndex: 1,
          connectNulls: false,
          data: data.charts.cohorts.map((c) => (c.signRate === null ? null : Math.round(c.signRate * 1000) / 10)),
        },
      ],
    }),
    [data, t],
  );

  return (
    <section className="charts">
      <div className="panel">
        <h3>{t('reports.charts.callsByHour')}</h3>
        <Chart
          option={byHour}
          label={t('reports.charts.callsByHour')}
          testId="chart-hours"
          onClick={(c) => onDrill({ kpi: 'calls', hour: c.dataIndex, title: t('reports.charts.hour', { hour: c.dataIndex }) })}
        />
      </div>
      <div className="panel">
        <h3>{t('reports.charts.outcomesByFlow')}</h3>
        <Chart
          option={byFlow}
          label={t('reports.charts.outcomesByFlow')}
          testId="chart-flows"
          onClick={(c) => {
            const flow = FLOWS[c.dataIndex];
            const category = cats[c.seriesIndex];
            onDrill({ kpi: 'outcomes', flow, category, title: `${t(`flows.${flow}`)} · ${t(`kpi.categories.${category}`)}` });
          }}
        />
      </div>
      <div className="panel">
        <h3>{t('reports.charts.reasons')}</h3>
        {reasonRows.length === 0 ? (
          <p className="muted">{t('reports.charts.noData')}</p>
        ) : (
          <>
            <Chart
              option={reasons}
              label={t('reports.charts.reasons')}
              testId="chart-reasons"
              onClick={(c) => {
                const r = reasonRows[c.dataIndex];
                if (r) onDrill({ kpi: KPI_OF_LIST[r.list], reason: r.reason, title: `${t(`kpi.reasonLists.${r.list}`)} · ${r.label}` });
              }}
            />
            <ul className="reason-list">
              {reasonRows.map((r) => (
                <li key={`${r.list}.${r.reason}`}>
                  <button
                    type="button"
                    className="link"
                    data-reason={r.reason}
                    onClick={() => onDrill({ kpi: KPI_OF_LIST[r.list], reason: r.reason, title: `${t(`kpi.reasonLists.${r.list}`)} · ${r.label}` })}
                  >
                    {t(`kpi.reasonLists.${r.list}`)} · {r.label}: {formatCount(r.count, lang)}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="panel">
        <h3>{t('reports.charts.cohorts')}</h3>
        <Chart option={cohorts} label={t('reports.charts.cohorts')} testId="chart-cohorts" />
      </div>
    </section>
  );
}

function BehindDrawer({
  drill,
  page,
  agentLabel,
  shownCall,
  onOpenOrder,
  onClose,
  focusOpener,
}: {
  drill: Drill;
  page: CallsBehindPage | null;
  agentLabel(a: { id: string; name: string }): string;
  /** The call whose order is shown under its row when the list opens. */
  shownCall: string | null;
  /** Opens a call's order on the Orders screen (not given: the session may not open Orders). */
  onOpenOrder?: (call: CallBehind, shown: string | null) => void;
  onClose(): void;
  /** Puts the focus back on what opened the list, once it has closed. */
  focusOpener(): void;
}) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  // When the list closes, the focus goes back to what opened it.
  useEffect(() => focusOpener, [focusOpener]);
  const dialog = useRef<HTMLElement>(null);
  // Into the list once, when it opens (not again whenever the dashboard redraws behind it), unless
  // the focus is in it already (a list put back as it was left has its row focused).
  useEffect(() => {
    if (!dialog.current?.contains(document.activeElement)) close.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      if (e.key === 'Tab') keepFocusInside(e);
    };
    // While the list is open the Tab key stays in it — from the last control back to the first and
    // the other way round, and back into it if a click put the focus on the page — instead of
    // wandering into the page and the menu behind it.
    const keepFocusInside = (e: KeyboardEvent) => {
      const box = dialog.current;
      if (!box) return;
      const focusable = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled') && el.getClientRects().length > 0);
      if (focusable.length === 0) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      const inside = box.contains(document.activeElement);
      if (e.shiftKey && (document.activeElement === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside
      ref={dialog}
      className="panel drawer behind"
      role="dialog"
      aria-modal="true"
      aria-label={drill.title}
      data-testid="calls-behind"
    >
      <div className="row">
        <h3>{t('reports.behind.title', { kpi: drill.title, n: page?.total ?? '…' })}</h3>
        <span className="spacer" />
        <button ref={close} type="button" onClick={onClose} aria-keyshortcuts="Escape">
          {t('reports.behind.close')} <kbd>Esc</kbd>
        </button>
      </div>
      {!page ? (
        <p className="muted">{t('common.loading')}</p>
      ) : page.total === 0 ? (
        <p className="muted">{t('reports.behind.empty')}</p>
      ) : (
        <>
          {page.total > page.calls.length && <p className="small muted">{t('reports.behind.showing', { shown: page.calls.length, total: page.total })}</p>}
          <p className="small muted">{onOpenOrder ? t('reports.behind.rowHint') : t('reports.behind.rowHintHere')}</p>
          <CallsTable calls={page.calls} agentLabel={agentLabel} openable initialOpen={shownCall} onOpenOrder={onOpenOrder} testId="behind-table" />
        </>
      )}
    </aside>
  );
}

function ExportPanel({ filters, filterNames }: { filters: ReportFiltersIn; filterNames: string[] }) {
  const { t, i18n } = useTranslation();
  const { fail, notify } = useApp();
  const [lang, setLang] = useState<Locale>(i18n.language as Locale);
  const [sheet, setSheet] = useState<SheetKey | ''>('');
  // The period's own sheets: by day only over more than one day.
  const sheetKeys = sheetKeysFor(filters);
  const csvSheet = sheet && sheetKeys.includes(sheet) ? sheet : '';
  const [busy, setBusy] = useState(false);
  // Several CSV files at once: a browser saves only the first of downloads nobody clicked (and then
  // blocks the next), so each file is saved by its own click here.
  const [files, setFiles] = useState<ExportFile[] | null>(null);
  const firstFile = useRef<HTMLButtonElement>(null);
  useEffect(() => setFiles(null), [filters, lang, sheet]);
  useEffect(() => {
    if (files) firstFile.current?.focus();
  }, [files]);

  async function run(format: 'xlsx' | 'csv') {
    setBusy(true);
    setFiles(null);
    try {
      const r = await api.exportDaily({ filters, format, lang, ...(format === 'csv' && csvSheet ? { sheet: csvSheet } : {}) });
      if (r.files.length === 1) {
        const [f] = r.files;
        downloadBase64(f.fileName, f.contentBase64, f.type);
        notify({ kind: 'success', key: 'reports.export.done', params: { files: f.fileName, calls: r.calls } });
      } else {
        setFiles(r.files);
        notify({ kind: 'success', key: 'reports.export.ready', params: { count: r.files.length, calls: r.calls } });
      }
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel export-panel" aria-label={t('reports.export.title')}>
      <h3>{t('reports.export.title')}</h3>
      <p className="small muted export-scope" data-testid="export-scope">
        {filterNames.length ? t('reports.export.filtered', { filters: filterNames.join(' · ') }) : t('reports.export.whole')}
      </p>
      <div className="row">
        <label>
          {t('reports.export.lang')}
          <select name="exportLang" value={lang} onChange={(e) => setLang(e.target.value as Locale)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`locales.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={busy} onClick={() => void run('xlsx')} data-testid="export-xlsx">
          {busy ? t('reports.export.working') : t('reports.export.xlsx')}
        </button>
        <label>
          {t('reports.export.sheet')}
          <select name="csvSheet" value={csvSheet} onChange={(e) => setSheet(e.target.value as SheetKey | '')}>
            <option value="">{t('reports.export.allSheets')}</option>
            {sheetKeys.map((k) => (
              <option key={k} value={k}>
                {t(`reports.sheets.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy} onClick={() => void run('csv')} data-testid="export-csv">
          {t('reports.export.csv')}
        </button>
      </div>
      {files && (
        <div className="export-files" data-testid="export-files">
          <p className="small muted">{t('reports.export.saveEach')}</p>
          <ul className="row">
            {files.map((f, i) => (
              <li key={f.fileName}>
                <button type="button" ref={i === 0 ? firstFile : undefined} onClick={() => downloadBase64(f.fileName, f.contentBase64, f.type)}>
                  {t('reports.export.saveFile', { file: f.fileName })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function SettingsPanel({ settings, onSaved }: { settings: ReportSettings; onSaved(s: ReportSettings): void }) {
  const { t } = useTranslation();
  const { fail } = useApp();
  const [freight, setFreight] = useState((settings.freightFen / 100).toFixed(2));
  const [full, setFull] = useState(settings.fullContactForLeads);
  const yuan = Number(freight);
  const valid = Number.isFinite(yuan) && yuan >= 0 && yuan <= 1000;

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!valid) return;
    try {
      onSaved(await api.updateReportSettings({ patch: { freightFen: Math.round(yuan * 100), fullContactForLeads: full } }));
    } catch (err) {
      fail(err);
    }
  }

  return (
    <form className="panel report-settings" onSubmit={(e) => void save(e)} aria-label={t('reports.settings.title')}>
      <h3>{t('reports.settings.title')}</h3>
      <label>
        {t('reports.settings.freight')}
        <input name="freight" inputMode="decimal" value={freight} onChange={(e) => setFreight(e.target.value)} aria-invalid={!valid} aria-describedby="freight-problem" />
      </label>
      {!valid && (
        // Said under the field (a red border and a grey button said nothing).
        <p className="problem" role="alert" id="freight-problem">
          {t('reports.settings.freightBad', { value: freight })}
        </p>
      )}
      <p className="small muted">{t('reports.settings.freightHelp')}</p>
      <label className="check">
        <input type="checkbox" name="fullContact" checked={full} onChange={(e) => setFull(e.target.checked)} />
        {t('reports.settings.fullContact')}
      </label>
      <p className="small muted">{t('reports.settings.fullContactHelp')}</p>
      <button type="submit" disabled={!valid}>
        {t('reports.settings.save')}
      </button>
    </form>
  );
}
