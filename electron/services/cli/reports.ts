/**
 * `callcard export daily`: the daily outcome sheet from the command line, over the same core and
 * formulas as the app. XLSX is one file at --out; CSV is one file per sheet, named after --out
 * (daily.csv -> daily-summary.csv, daily-by-agent.csv, daily-by-flow.csv, daily-by-product.csv,
 * daily-by-source.csv, daily-by-day.csv for several days, daily-calls.csv, daily-reasons.csv), or
 * in --out when it is a folder; --sheet writes that one sheet to --out.
 */
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { ReportFilters } from '../../../shared/contracts/reports';
import type { Translate } from '../../../shared/dispatch';
import { FLOWS } from '../../../shared/domain';
import { CallcardError } from '../../../shared/errors';
import { isLocale } from '../../../shared/i18n';
import { SHEET_KEYS, type SheetKey } from '../../../shared/reports/sheet';
import { PHONE_ORDER_SOURCE } from '../../../shared/sources';
import type { Core } from '../core';
import { csvTables, prepareDailySheet, SHEET_FILE_PART, writeCsv, writeXlsx } from '../reports/export';
import { masksContacts, requireLead } from '../reports/handlers';
import { loadSettings } from '../settings';

export const EXPORT_HELP: Record<string, string> = {
  export: `Usage: callcard export daily --date YYYY-MM-DD [--to YYYY-MM-DD] [--format xlsx|csv] --out PATH
                             [--sheet ${SHEET_KEYS.join('|')}] [--lang zh-CN|zh-TW|en] [--json]
                             [--agent NAME] [--flow ${FLOWS.join('|')}] [--product P] [--source S]

Writes the daily outcome sheet for a business day (or --date..--to) in the business time zone.
xlsx (default): one workbook at PATH with the sheets Summary, By agent, By flow, By product,
By source, By day (only when --to is a later day), Calls, Reasons.
csv: one UTF-8 (BOM) file per sheet next to PATH: daily.csv -> daily-summary.csv, daily-by-agent.csv,
daily-by-flow.csv, daily-by-product.csv, daily-by-source.csv, daily-by-day.csv, daily-calls.csv,
daily-reasons.csv (or default names inside PATH when it is a folder); with --sheet, that one sheet
at PATH (--sheet byDay needs --to). Sheet names and headers follow --lang.
Phones and addresses are masked unless the workstation's agent is a team lead and the report
settings allow full contact details. --json prints {"files":["..."],"calls":n,"masked":true}.
--agent (an agent's name), --flow, --product and --source cut the sheet as the dashboard's filters
do; the file names and every sheet's title row then end in their values (a phone order's source is
${PHONE_ORDER_SOURCE}).`,
};

export const EXPORT_OPTIONS = {
  export: {
    date: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string', default: 'xlsx' },
    out: { type: 'string' },
    sheet: { type: 'string' },
    agent: { type: 'string' },
    flow: { type: 'string' },
    product: { type: 'string' },
    source: { type: 'string' },
  },
} as const;

type Values = Record<string, string | boolean | undefined>;

function finished(stream: Writable): Promise<void> {
  return new Promise((resolveDone, reject) => {
    stream.once('finish', resolveDone);
    stream.once('error', reject);
  });
}

/** Where each CSV sheet goes (see the module comment). */
export function csvPaths(out: string, base: string, sheets: readonly SheetKey[], single: boolean): Map<SheetKey, string> {
  if (single) return new Map([[sheets[0], out]]);
  const isDir = out.endsWith('/') || out.endsWith('\\') || (existsSync(out) && statSync(out).isDirectory());
  const stem = isDir ? join(out, base) : join(dirname(out), basename(out, extname(out)));
  return new Map(sheets.map((k) => [k, `${stem}-${SHEET_FILE_PART[k]}.csv`]));
}

export async function runExportCli(core: Core, positionals: string[], values: Values, t: Translate, json: boolean): Promise<number | { usage: string }> {
  if (positionals[0] !== 'daily' || typeof values.out !== 'string' || typeof values.date !== 'string') return { usage: EXPORT_HELP.export };
  const format = values.format;
  if (format !== 'xlsx' && format !== 'csv') return { usage: EXPORT_HELP.export };
  const sheet = values.sheet;
  if (sheet !== undefined && (format !== 'csv' || !(SHEET_KEYS as readonly unknown[]).includes(sheet))) return { usage: EXPORT_HELP.export };
  let agentId: string | undefined;
  if (typeof values.agent === 'string') {
    // By name as people know them, or by id when two agents share a name.
    const found = core.ctx.db.prepare<[string, string], { id: string }>('SELECT id FROM agents WHERE id = ? OR name = ?').all(values.agent, values.agent);
    if (!found.length) throw new CallcardError('agent_not_found', { agent: values.agent });
    if (found.length > 1) throw new CallcardError('agent_name_shared', { agent: values.agent, ids: found.map((a) => a.id).join(', ') });
    agentId = found[0].id;
  }
  const cut = { agentId, flow: values.flow, product: values.product, source: values.source };
  const parsed = ReportFilters.safeParse({
    from: values.date,
    to: values.to,
    ...Object.fromEntries(Object.entries(cut).filter(([, v]) => v !== undefined)),
  });
  if (!parsed.success) {
    return { usage: `${parsed.error.issues.map((i) => `${i.path.join('.') || 'date'}: ${i.message}`).join('; ')}\n\n${EXPORT_HELP.export}` };
  }
  const lead = requireLead(core.ctx);
  const masked = masksContacts(core.ctx, lead);
  const lang = isLocale(values.lang) ? values.lang : loadSettings(core.ctx.db).language;
  const prepared = prepareDailySheet(core.ctx, parsed.data, lang, masked);
  const out = resolve(values.out);
  const files: string[] = [];
  if (format === 'xlsx') {
    mkdirSync(dirname(out), { recursive: true });
    const stream = createWriteStream(out);
    const done = finished(stream);
    await writeXlsx(prepared, stream);
    await done;
    files.push(out);
  } else {
    const tables = csvTables(prepared, sheet as SheetKey | undefined);
    // The period's own sheets (no by-day sheet for one day), in reading order.
    const paths = csvPaths(out, prepared.fileBase, sheet ? [sheet as SheetKey] : prepared.sheet.tables.map((x) => x.key), sheet !== undefined);
    for (const table of tables) {
      const path = paths.get(table.key)!;
      mkdirSync(dirname(path), { recursive: true });
      const stream = createWriteStream(path);
      const done = finished(stream);
      await writeCsv(prepared, table, stream);
      await done;
    }
    files.push(...paths.values());
  }
  console.log(
    json
      ? JSON.stringify({ files, calls: prepared.calls, masked })
      : [t('reports.export.done', { files: files.map((f) => basename(f)).join(', '), calls: prepared.calls }), ...files].join('\n'),
  );
  return 0;
}
