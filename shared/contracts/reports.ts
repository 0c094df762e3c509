/**
 * Reports: the team lead's dashboard (KPIs with the previous period, chart series, the calls behind
 * a number), the daily outcome sheet as XLSX or CSV, report settings, and the agent's own numbers.
 * Every number comes from shared/kpi.
 */
import { z } from 'zod';
import { method, NoArgs } from '../contract-kit';
import { FLOWS, LOCALES, type Flow, type OrderStatus } from '../domain';
import type { OutcomeCode, ReportCategory } from '../outcomes';
import { CALL_KPI_KEYS, type CohortRow, type SheetKpis } from '../kpi/definitions';
import { dayCount, isDay } from '../kpi/period';
import { REPORT_CATEGORIES, SHEET_KEYS } from '../reports/sheet';

/** A lead looks at most a year at once; a longer range is an archive job, not a dashboard. */
export const MAX_RANGE_DAYS = 366;

const day = z.string().refine(isDay, 'YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);

/** Period and filters of the dashboard, the drill-down and the export. `to` defaults to `from`. */
export const ReportFilters = z
  .object({
    from: day,
    to: day.optional(),
    agentId: text(64).min(1).optional(),
    flow: z.enum(FLOWS).optional(),
    product: text(120).min(1).optional(),
    source: text(80).min(1).optional(),
  })
  .strict()
  .refine((f) => !f.to || f.to >= f.from, { message: 'to_before_from', path: ['to'] })
  .refine((f) => !f.to || dayCount(f.from, f.to) <= MAX_RANGE_DAYS, { message: 'range_too_long', path: ['to'] });
export type ReportFiltersIn = z.input<typeof ReportFilters>;
export type ReportFilters = z.output<typeof ReportFilters>;

export interface PeriodView {
  from: string;
  to: string;
}

export interface ReportAgent {
  id: string;
  name: string;
}

export interface DashboardCharts {
  /** Calls per hour of the business clock (0–23), summed over the period. */
  callsByHour: number[];
  /** Outcome rows per flow and category. */
  outcomesByFlow: Record<Flow, Partial<Record<ReportCategory, number>>>;
  /** Sign rate by ship date, for the ship days ending on the period's last day (at least 14). */
  cohorts: CohortRow[];
}

export interface DashboardView {
  period: PeriodView;
  previousPeriod: PeriodView;
  timeZone: string;
  current: SheetKpis;
  previous: SheetKpis;
  charts: DashboardCharts;
  /** Agents with calls in either period (names for the agent ids in the KPIs). */
  agents: ReportAgent[];
  /** Contact details are masked for this session (see report settings). */
  masked: boolean;
  freightFen: number;
  /**
   * Time the core spent building it (ms): the p95 budget is 200 ms for a day. A developer's figure,
   * for diagnostics (bench/export.bench.ts times the handler itself); the screen does not show it.
   */
  tookMs: number;
}

export interface CallBehind {
  id: string;
  at: string;
  agentId: string;
  agentName: string;
  flow: Flow;
  inCallUpsell: boolean;
  outcome: OutcomeCode;
  reached: boolean;
  reasonCode: string | null;
  amountFen: number | null;
  talkMs: number | null;
  handleMs: number | null;
  orderNo: string;
  orderStatus: OrderStatus;
  customerName: string;
  /** Masked (138****8000) unless the session may see full contact details. */
  phone: string;
  product: string;
  note: string;
}

export interface CallsBehindPage {
  total: number;
  calls: CallBehind[];
}

export interface ReportFilterOptions {
  agents: ReportAgent[];
  products: string[];
  /** As stored: an export's words, or Callcard's own codes (callcard:phone), which screens show with sourceLabel. */
  sources: string[];
  /** Today on the business clock, for the default period. */
  today: string;
  timeZone: string;
}

export interface ExportFile {
  fileName: string;
  /** MIME type, for the browser's download. */
  type: string;
  contentBase64: string;
}

export interface ExportResult {
  files: ExportFile[];
  masked: boolean;
  calls: number;
}

/** Report settings, kept beside the workstation settings under their own key. */
export const ReportSettings = z
  .object({
    /** Freight of one order (fen): a rejected order that does not ship saves this much. */
    freightFen: z.number().int().min(0).max(100_000),
    /**
     * Exports and the dashboard show full phone numbers and addresses only when this is on AND the
     * session has the team lead role; otherwise they are masked.
     */
    fullContactForLeads: z.boolean(),
  })
  .strict();
export type ReportSettings = z.infer<typeof ReportSettings>;
export const DEFAULT_REPORT_SETTINGS: ReportSettings = { freightFen: 1200, fullContactForLeads: false };

/** The agent's own day, counted by the same formulas as the lead's sheet. */
export interface MyCalls {
  day: string;
  timeZone: string;
  kpis: SheetKpis;
  /** Today's calls, newest first. */
  calls: CallBehind[];
  total: number;
}

export const reportMethods = {
  /** Headline KPIs for the period and the one before, with chart series. Team leads only. */
  dashboard: method<DashboardView>()(ReportFilters),
  /** The calls behind a number: a KPI, optionally one reason, one hour of the day or one flow's category. */
  callsBehind: method<CallsBehindPage>()(
    z
      .object({
        filters: ReportFilters,
        kpi: z.enum(CALL_KPI_KEYS),
        reason: text(40).min(1).optional(),
        hour: z.number().int().min(0).max(23).optional(),
        category: z.enum(REPORT_CATEGORIES).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  reportFilterOptions: method<ReportFilterOptions>()(NoArgs),
  /**
   * The daily outcome sheet: one XLSX with every sheet, or CSV files (all sheets, or the one named;
   * byDay only for a period of more than one day).
   */
  exportDaily: method<ExportResult>()(
    z
      .object({
        filters: ReportFilters,
        format: z.enum(['xlsx', 'csv']),
        sheet: z.enum(SHEET_KEYS).optional(),
        /** Sheet names and headers in this language (default: the workstation's). */
        lang: z.enum(LOCALES).optional(),
      })
      .strict(),
  ),
  getReportSettings: method<ReportSettings>()(NoArgs),
  updateReportSettings: method<ReportSettings>()(z.object({ patch: ReportSettings.partial().strict() }).strict()),
  /** The current agent's numbers for today and their calls (at most `limit`, newest first). */
  myCalls: method<MyCalls>()(z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict()),
} as const;

