/**
 * `callcard import`, `callcard import-courier`, `callcard profiles`: order intake from the command
 * line. Files are read where they are (no upload), large ones in the import worker threads.
 */
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { IntakeSummary } from '../../../shared/contracts/intake';
import type { Translate } from '../../../shared/dispatch';
import type { Core } from '../core';
import { translateSummary } from '../import/jobs';
import { deleteProfile, listProfiles } from '../import/profiles';
import { rejectedRowsCsv } from '../import/rejected';

export const INTAKE_HELP: Record<string, string> = {
  import: `Usage: callcard import <file> [--profile NAME] [--sheet S] [--header-row N] [--courier]
                       [--rejected-out PATH] [--data-dir D] [--json]

Imports a CSV (UTF-8, UTF-16 or GBK/GB18030) or XLSX order export. The header row is found below
any title rows and its columns are recognised by name, or by a saved profile (--profile, or the
profile saved for the same header set). New cash-on-delivery orders get a verify card, cancelled,
closed and unpaid ones a recover card; a later export updates orders and records the change.
Rows that cannot be read are listed with their row number and reason; --rejected-out writes them
as a CSV (original columns, row number, reason) to fix and import again. --courier reads a courier
status file (same as import-courier).
--json prints {"created":n,"updated":n,"unchanged":n,"rejected":[{"row":n,"field":"...","code":"...","reason":"..."}],
"total_rows":n,"rejected_count":n,"conflicts":[...],"conflict_count":n,"tasks_opened":{...},"tasks_closed":n,
"unknown_statuses":[...],"flagged_phones":n,"flagged":[{"row":n,"order_no":"...","phone":"..."}],"import_id":"...","kind":"orders|courier","profile":"...","encoding":"...",
"sheet":"...","elapsed_ms":n,"rejected_out":"path"}.
Exit code 0 when the file was processed (even with rejected rows), 1 when it could not be read.`,
  'import-courier': `Usage: callcard import-courier <file> [--profile NAME] [--sheet S] [--rejected-out PATH] [--json]

Imports a courier status file: waybill number (or order number), status, status time, reason.
Signed closes the order as signed and schedules a revisit card; not delivered, returned to the
station, awaiting pickup and refused open a track card with the courier's reason.`,
  profiles: `Usage: callcard profiles list [--json]
       callcard profiles delete <name>

Import profiles are saved column mappings, chosen automatically for files with the same header set.`,
};

const IMPORT_OPTIONS = {
  profile: { type: 'string' },
  sheet: { type: 'string' },
  'header-row': { type: 'string' },
  courier: { type: 'boolean', default: false },
  'rejected-out': { type: 'string' },
} as const;

export const INTAKE_OPTIONS = {
  import: IMPORT_OPTIONS,
  'import-courier': IMPORT_OPTIONS,
  profiles: {},
} as const;

type Values = Record<string, string | boolean | undefined>;
export type IntakeCliResult = number | { usage: string };

function summaryText(s: IntakeSummary, t: Translate): string {
  const lines = [t('import.summaryLine', { created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejectedCount })];
  const opened = Object.entries(s.tasksOpened)
    .map(([flow, n]) => `${t(`flows.${flow}`)} ${n}`)
    .join(', ');
  if (opened) lines.push(t('intake.cli.tasksOpened', { tasks: opened }));
  if (s.conflictCount) lines.push(t('intake.cli.conflicts', { count: s.conflictCount }));
  for (const c of s.conflicts.slice(0, 50)) lines.push(`  ${t('import.rejectedRow', { row: c.row, reason: `${c.orderNo}: ${c.reason}` })}`);
  if (s.unknownStatuses.length) lines.push(t('intake.cli.unknownStatuses', { labels: s.unknownStatuses.map((u) => `${u.label} (${u.count})`).join(', ') }));
  if (s.flaggedPhones) lines.push(t('intake.cli.flaggedPhones', { count: s.flaggedPhones }));
  for (const r of s.rejected) lines.push(`  ${t('import.rejectedRow', { row: r.row, reason: r.reason })}`);
  if (s.rejectedCount > s.rejected.length) lines.push(`  … ${t('intake.cli.moreRejected', { count: s.rejectedCount - s.rejected.length })}`);
  return lines.join('\n');
}

/** Writes every rejected row of an import (all pages) as a CSV with a BOM, as Excel on Windows expects. */
function writeRejected(core: Core, importId: string, path: string, t: Translate): void {
  let offset: number | null = 0;
  const parts: string[] = [];
  while (offset !== null) {
    const page = rejectedRowsCsv(core.ctx.db, importId, t, offset);
    parts.push(page.csv);
    offset = page.nextOffset;
  }
  writeFileSync(path, '\uFEFF' + parts.join(''));
}

export async function runIntakeCli(core: Core, command: string, positionals: string[], values: Values, t: Translate, json: boolean): Promise<IntakeCliResult> {
  if (command === 'profiles') {
    const [sub, name] = positionals;
    if (sub === 'list') {
      const profiles = listProfiles(core.ctx.db);
      console.log(
        json
          ? JSON.stringify({ profiles })
          : profiles.length
            ? profiles.map((p) => `${p.name}\t${p.kind}\t${Object.keys(p.mapping).length}\t${p.updatedAt}`).join('\n')
            : t('intake.cli.noProfiles'),
      );
      return 0;
    }
    if (sub === 'delete' && name) {
      const deleted = deleteProfile(core.ctx.db, name);
      console.log(json ? JSON.stringify({ deleted }) : deleted ? t('intake.cli.profileDeleted', { name }) : t('errors.profile_not_found', { name }));
      return deleted ? 0 : 1;
    }
    return { usage: INTAKE_HELP.profiles };
  }

  const file = positionals[0];
  if (!file) return { usage: INTAKE_HELP[command] };
  const headerRow = values['header-row'] === undefined ? undefined : Number(values['header-row']);
  if (headerRow !== undefined && (!Number.isInteger(headerRow) || headerRow < 1 || headerRow > 1000)) return { usage: INTAKE_HELP.import };
  const upload = core.intake.uploads.fromPath(resolve(file), basename(file));
  // Progress on a terminal only, so that --json output and pipes stay clean.
  const showProgress = process.stderr.isTTY && !json;
  let summary: IntakeSummary;
  try {
    const importing = core.intake.importUpload(upload, {
      profile: values.profile as string | undefined,
      sheet: (values.sheet as string | undefined) ?? null,
      headerRow,
      kind: command === 'import-courier' || values.courier === true ? 'courier' : undefined,
    });
    const timer = showProgress
      ? setInterval(() => {
          const id = core.intake.jobs.latestRunning();
          if (!id) return;
          void core.intake.jobs.progress(id).then((p) => {
            process.stderr.write(`\r${t('intake.progress.rows', { done: p.rowsDone, total: p.rowsTotal ?? '?' })}  ${t('intake.progress.rate', { rate: p.rowsPerSecond })}   `);
          });
        }, 250)
      : null;
    try {
      summary = translateSummary(await importing, t);
    } finally {
      if (timer) {
        clearInterval(timer);
        process.stderr.write('\n');
      }
    }
  } finally {
    core.intake.uploads.discard(upload.id);
  }
  const rejectedOut = values['rejected-out'] as string | undefined;
  if (rejectedOut) writeRejected(core, summary.importId, resolve(rejectedOut), t);
  const out = {
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    total_rows: summary.totalRows,
    rejected_count: summary.rejectedCount,
    conflicts: summary.conflicts,
    conflict_count: summary.conflictCount,
    tasks_opened: summary.tasksOpened,
    tasks_closed: summary.tasksClosed,
    unknown_statuses: summary.unknownStatuses,
    flagged_phones: summary.flaggedPhones,
    flagged: summary.flaggedSample.map((f) => ({ row: f.row, order_no: f.orderNo, phone: f.phone })),
    import_id: summary.importId,
    kind: summary.kind,
    profile: summary.profile,
    encoding: summary.encoding,
    sheet: summary.sheet,
    elapsed_ms: summary.elapsedMs,
    ...(rejectedOut ? { rejected_out: resolve(rejectedOut) } : {}),
  };
  console.log(json ? JSON.stringify(out) : summaryText(summary, t));
  return 0;
}
