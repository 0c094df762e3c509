/**
 * `callcard pack validate|load|list|activate|rollback`: script packs from the command line. validate
 * needs no store (a trainer checks a file anywhere, an editor's task runner too); the rest run over
 * the same core and contract handlers as the app.
 */
import { readFileSync, statSync } from 'node:fs';
import { wallClock } from '../../../shared/kpi/period';
import { wallClockText } from '../../../shared/reports/csv';
import { loadSettings } from '../settings';
import { basename } from 'node:path';
import { DEFAULT_SCOPE, type PackIssueView } from '../../../shared/contracts/packs';
import type { Translate } from '../../../shared/dispatch';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/domain';
import { CallcardError } from '../../../shared/errors';
import { isLocale, translator } from '../../../shared/i18n';
import { describeIssue, MAX_PACK_CHARS, validatePackText, type PackIssue } from '../../../shared/scriptpack';
import type { Core } from '../core';

export const PACK_HELP: Record<string, string> = {
  pack: `Usage: callcard pack validate <file> [--json] [--lang L]
       callcard pack load <file> [--json] [--data-dir D]
       callcard pack list [--json] [--data-dir D]
       callcard pack activate <pack id> <version> [--product P] [--data-dir D]
       callcard pack rollback [--product P] [--data-dir D]

validate checks a script pack (YAML or JSON; the format is in docs/script-packs.md, which the
Scripts screen also hands out) and prints each problem with its line and column. --json prints
{"ok":false,"errors":[{"line":n,"column":n,"path":"...","code":"...","message":"..."}]}.
Exit code 0 when the pack is valid, 1 when it is not (or cannot be read), 2 for a usage error.
load checks and stores the file as a version (an invalid one is kept as a draft and cannot be
activated); activate puts a valid version in force for a product (--product) or, without --product,
as the default for every product (a pack that lists its products: only for one of those);
rollback returns a product (or the default) to what was in force before.`,
};

export const PACK_OPTIONS = {
  pack: { product: { type: 'string' } },
} as const;

type Values = Record<string, string | boolean | undefined>;
export type PackCliResult = number | { usage: string };

function readPackFile(file: string): string {
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch {
    throw new CallcardError('file_unreadable', { file });
  }
  // Far past what a pack can be (a UTF-8 character is at most 4 bytes): not read into memory at all.
  if (bytes > MAX_PACK_CHARS * 4) throw new CallcardError('pack_file_too_large', { file, max: MAX_PACK_CHARS });
  try {
    // Past the limit, or not UTF-8, the validator says so (too_large, not_utf8) with the rest of its problems.
    return readFileSync(file, 'utf8');
  } catch {
    throw new CallcardError('file_unreadable', { file });
  }
}

function errorsJson(issues: (PackIssue | PackIssueView)[], t: Translate) {
  return issues.map((i) => ({ line: i.line, column: i.column, path: i.path, code: i.code, message: describeIssue(i, t) }));
}

function issueLines(file: string, issues: (PackIssue | PackIssueView)[], t: Translate): string[] {
  return issues.map((i) => `${file}:${i.line}:${i.column}  ${describeIssue(i, t)}  [${i.code}${i.path ? ` ${i.path}` : ''}]`);
}

/** The language when there is no store to ask: --lang, else the shell's locale, else zh-CN. */
export function shellLocale(lang: unknown, env: NodeJS.ProcessEnv = process.env): Locale {
  if (isLocale(lang)) return lang;
  const l = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').toLowerCase();
  if (/^zh[_-](tw|hk|mo)|hant/.test(l)) return 'zh-TW';
  if (l.startsWith('zh')) return 'zh-CN';
  if (l.startsWith('en')) return 'en';
  return DEFAULT_LOCALE;
}

/** `pack validate`: no store involved. */
export function runPackValidate(positionals: string[], values: Values): PackCliResult {
  const file = positionals[1];
  if (!file) return { usage: PACK_HELP.pack };
  const t = translator(shellLocale(values.lang));
  const json = values.json === true;
  let text: string;
  try {
    text = readPackFile(file);
  } catch (e) {
    const err = e as CallcardError;
    const message = t(`errors.${err.code}`, err.params);
    if (json) console.log(JSON.stringify({ ok: false, error: { code: err.code, message } }));
    else console.error(message);
    return 1;
  }
  const v = validatePackText(text);
  if (json) console.log(JSON.stringify({ ok: v.ok, id: v.id, version: v.version, errors: errorsJson(v.issues, t) }));
  else if (v.ok) console.log(t('packs.cli.valid', { file, pack: v.id ?? '', version: v.version ?? '' }));
  else {
    for (const line of issueLines(file, v.issues, t)) console.log(line);
    console.log(t('packs.cli.invalid', { count: v.issues.length }));
  }
  return v.ok ? 0 : 1;
}

const scopeName = (scope: string, t: Translate) => (scope === DEFAULT_SCOPE ? t('packs.screen.defaultScope') : scope);

export async function runPackCli(core: Core, positionals: string[], values: Values, t: Translate, json: boolean): Promise<PackCliResult> {
  const [sub, ...args] = positionals;
  const product = typeof values.product === 'string' && values.product ? values.product : undefined;
  switch (sub) {
    case 'load': {
      const file = args[0];
      if (!file) return { usage: PACK_HELP.pack };
      const r = await core.handlers.loadPack({ fileName: basename(file), text: readPackFile(file) });
      if (json) {
        console.log(JSON.stringify({ ok: r.validation.ok, stored: r.stored, refusal: r.refusal, errors: errorsJson(r.validation.issues, t) }));
      } else {
        for (const line of issueLines(file, r.validation.issues, t)) console.log(line);
        if (r.refusal) console.error(r.refusal.message);
        else if (!r.stored) console.error(t('packs.screen.unreadable', { file, count: r.validation.issues.length }));
        else if (!r.stored.valid) console.log(t('packs.screen.loadedInvalid', { file, count: r.validation.issues.length }));
        else console.log(t(r.stored.status === 'unchanged' ? 'packs.screen.loadedSame' : 'packs.screen.loadedNew', { pack: r.stored.packId, version: r.stored.version }));
      }
      return r.stored?.valid ? 0 : 1;
    }
    case 'list': {
      const list = await core.handlers.listPacks({});
      if (json) console.log(JSON.stringify(list));
      else {
        // Times on the business clock, as the Scripts screen shows them (the raw UTC read as a wrong hour).
        const local = wallClock(loadSettings(core.ctx.db).businessTimeZone);
        for (const v of list.versions) {
          const active = v.activeFor.map((s) => scopeName(s, t)).join(', ');
          const loaded = wallClockText(local(v.loadedAt)).slice(0, 16);
          console.log([v.packId, v.version, v.valid ? t('packs.screen.valid') : t('packs.screen.invalid'), v.fileName, loaded, active ? `← ${active}` : ''].join('\t').trimEnd());
        }
      }
      return 0;
    }
    case 'activate': {
      const [packId, version] = args;
      if (!packId || !version) return { usage: PACK_HELP.pack };
      const a = await core.handlers.activatePack({ packId, version, product });
      if (json) console.log(JSON.stringify(a));
      else console.log(t('packs.screen.activated', { pack: a.packId ?? '', version: a.version ?? '', scope: scopeName(a.scope, t) }));
      return 0;
    }
    case 'rollback': {
      const a = await core.handlers.rollbackPack({ product });
      if (json) console.log(JSON.stringify(a));
      else if (a.packId) console.log(t('packs.screen.rolledBack', { pack: a.packId, version: a.version ?? '', scope: scopeName(a.scope, t) }));
      else console.log(t('packs.screen.cleared', { scope: scopeName(a.scope, t) }));
      return 0;
    }
    default:
      return { usage: PACK_HELP.pack };
  }
}
