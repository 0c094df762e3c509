/**
 * Contract handlers of the reports feature. Who sees what:
 * - the dashboard, drill-down, exports and report settings are for team leads;
 * - contact details (phones, street addresses) are masked there unless the session has the lead
 *   role AND the lead turned "full contact details for leads" on in the report settings; agents
 *   see full details on their own cards and calls, where they need them to work.
 */
import type { AgentView, Handlers } from '../../../shared/contract';
import type { ExportFile, ExportResult, ReportFilters } from '../../../shared/contracts/reports';
import type { Locale } from '../../../shared/domain';
import { CallcardError } from '../../../shared/errors';
import type { SheetKey } from '../../../shared/reports/sheet';
import type { CoreContext } from '../context';
import { currentAgent, requireAgent, requireRole } from '../session';
import { loadSettings } from '../settings';
import { buildDashboard, callsBehind, filterOptions, myCalls } from './dashboard';
import {
  CSV_TYPE,
  csvTables,
  prepareDailySheet,
  SHEET_FILE_PART,
  SHEET_KEYS,
  toBuffer,
  writeCsv,
  writeXlsx,
  XLSX_TYPE,
} from './export';
import { loadReportSettings, saveReportSettings } from './settings';

type ReportHandlers = Pick<
  Handlers,
  'dashboard' | 'callsBehind' | 'reportFilterOptions' | 'exportDaily' | 'getReportSettings' | 'updateReportSettings' | 'myCalls'
>;

export function requireLead(ctx: CoreContext): AgentView {
  const agent = requireAgent(ctx);
  if (!agent.roles.includes('lead')) throw new CallcardError('lead_only');
  return agent;
}

/** Masked unless a lead turned full contact details on for leads. */
export function masksContacts(ctx: CoreContext, agent: AgentView): boolean {
  return !(agent.roles.includes('lead') && loadReportSettings(ctx.db).fullContactForLeads);
}

/**
 * The Orders screen: a session that calls customers (the agent role) sees their details whole, as
 * on its cards; one without it (a lead or a trainer alone) sees them as the dashboard shows them.
 * Before first-run setup (the command line on a new store) nobody is signed in and nothing is masked.
 */
export function masksOrderContacts(ctx: CoreContext): boolean {
  const agent = currentAgent(ctx);
  return !!agent && !agent.roles.includes('agent') && masksContacts(ctx, agent);
}

/** The daily sheet as files: one XLSX, or one CSV per sheet (or the one asked for). */
export async function exportDailyFiles(
  ctx: CoreContext,
  a: { filters: ReportFilters; format: 'xlsx' | 'csv'; sheet?: SheetKey; lang?: Locale },
  masked: boolean,
): Promise<ExportResult> {
  const lang = a.lang ?? loadSettings(ctx.db).language;
  const prepared = prepareDailySheet(ctx, a.filters, lang, masked);
  const base = prepared.fileBase;
  const files: ExportFile[] = [];
  if (a.format === 'xlsx') {
    const bytes = await toBuffer((s) => writeXlsx(prepared, s));
    files.push({ fileName: `${base}.xlsx`, type: XLSX_TYPE, contentBase64: bytes.toString('base64') });
  } else {
    for (const table of csvTables(prepared, a.sheet)) {
      const bytes = await toBuffer((s) => writeCsv(prepared, table, s));
      files.push({ fileName: `${base}-${SHEET_FILE_PART[table.key]}.csv`, type: CSV_TYPE, contentBase64: bytes.toString('base64') });
    }
    // In the sheets' reading order (the calls were written first).
    const order = (name: string) => SHEET_KEYS.findIndex((k) => name === `${base}-${SHEET_FILE_PART[k]}.csv`);
    files.sort((x, y) => order(x.fileName) - order(y.fileName));
  }
  return { files, masked, calls: prepared.calls };
}

export function createReportHandlers(ctx: CoreContext): ReportHandlers {
  return {
    dashboard: (f) => {
      const lead = requireLead(ctx);
      return buildDashboard(ctx, f, masksContacts(ctx, lead));
    },
    callsBehind: (a) => {
      const lead = requireLead(ctx);
      return callsBehind(ctx, a, masksContacts(ctx, lead));
    },
    reportFilterOptions: () => {
      requireLead(ctx);
      return filterOptions(ctx);
    },
    exportDaily: (a) => {
      const lead = requireLead(ctx);
      return exportDailyFiles(ctx, a, masksContacts(ctx, lead));
    },
    getReportSettings: () => loadReportSettings(ctx.db),
    updateReportSettings: (a) => {
      requireLead(ctx);
      return saveReportSettings(ctx.db, a.patch, ctx.now());
    },
    // An agent's own calls, contacts whole as on their cards: for the agent role only.
    myCalls: (a) => myCalls(ctx, requireRole(ctx, ['agent']).id, a.limit),
  };
}
