/**
 * `callcard risk`, `callcard blacklist ...`, `callcard prefixes import`: risk screening from the
 * command line, over the same core and contract handlers as the app.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { BLACKLIST_KINDS, BLACKLIST_REASONS, type BlacklistKind, type BlacklistReason } from '../../../shared/contracts/risk';
import { contract } from '../../../shared/contract';
import type { Translate } from '../../../shared/dispatch';
import { CallcardError } from '../../../shared/errors';
import { isLocale } from '../../../shared/i18n';
import { endOfDay } from '../../../shared/risk/expiry';
import { riskFactText, type OrderRiskView } from '../../../shared/risk/view';
import { loadSettings } from '../settings';
import type { Core } from '../core';
import { readRisks, screenAll, screenOrders, HOLDABLE_STATUSES } from '../risk/screen';
import { risksAsShown } from '../risk/handlers';

export const RISK_HELP: Record<string, string> = {
  risk: `Usage: callcard risk [--order NO | --all] [--json] [--lang L] [--data-dir D]

Screens orders for risk and prints each one's level and facts in plain words. --order screens one
order, --all every order; without either, the orders still to ship (pending verify or verified).
--json prints {"orders":[{"order_no":"...","level":"low|medium|high","facts":[{"rule":"...","message":"..."}]}]}.`,
  blacklist: `Usage: callcard blacklist add <phone|account> <value> --reason R [--note N] [--expires YYYY-MM-DD]
       callcard blacklist add --order NO [--kinds phone,account,name_address] --reason R [--note N] [--expires DATE]
       callcard blacklist list [--query Q] [--include-expired] [--json]
       callcard blacklist import <file.csv|xlsx> [--json]
       callcard blacklist export [file.csv] [--include-expired]
       callcard blacklist remove <id>

Reasons: ${BLACKLIST_REASONS.join(', ')} (a file may also name them in Chinese or English,
e.g. 职业打假人, 虚假下单; a reason matching nothing is kept as "other" with its words in the note,
and the import lists those rows). --expires is a date: blacklisted through that day (business time zone).
Import columns (headers in any language, as exported): kind, value, reason, note, expiry date (empty
or "never": no expiry; a date already past is not imported); name_address rows may give name,
province, city, district, address instead of value. export writes the same columns in --lang.`,
  prefixes: `Usage: callcard prefixes import <file.csv> [--json]

Imports number ranges the bundled data lacks: prefix,province,city (7-digit prefixes, header optional).
Imported ranges are consulted first; the orders still to ship are screened again.`,
};

export const RISK_OPTIONS = {
  risk: { order: { type: 'string' }, all: { type: 'boolean', default: false } },
  blacklist: {
    reason: { type: 'string' },
    note: { type: 'string' },
    expires: { type: 'string' },
    order: { type: 'string' },
    kinds: { type: 'string' },
    query: { type: 'string' },
    'include-expired': { type: 'boolean', default: false },
  },
  prefixes: {},
} as const;

type Values = Record<string, string | boolean | undefined>;
export type RiskCliResult = number | { usage: string };

export interface RiskJson {
  orders: { order_no: string; level: OrderRiskView['level']; facts: { rule: string; message: string }[] }[];
}

/** The --json shape of `callcard risk`, messages in the chosen language. */
export function riskJson(views: OrderRiskView[], t: Translate): RiskJson {
  return { orders: views.map((v) => ({ order_no: v.orderNo, level: v.level, facts: v.facts.map((f) => ({ rule: f.rule, message: riskFactText(t, f) })) })) };
}

function riskText(views: OrderRiskView[], t: Translate): string {
  return views
    .map((v) =>
      [
        [v.orderNo, t(`risk.levels.${v.level}`), t('risk.score', { score: v.score }), v.held ? t(`risk.holdReasons.${v.holdReason}`) : ''].filter(Boolean).join('\t'),
        ...v.facts.map((f) => `  - ${riskFactText(t, f)}`),
      ].join('\n'),
    )
    .join('\n');
}

function fileBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new CallcardError('file_unreadable', { file });
  }
}

function rejectsText(r: { rejected: { row: number; code: string; value: string }[] }, t: Translate): string[] {
  return r.rejected.map((x) => `  ${t(`risk.rejects.${x.code}`, { row: x.row, value: x.value })}`);
}

export async function runRiskCli(command: string, positionals: string[], values: Values, core: Core, t: Translate, json: boolean): Promise<RiskCliResult> {
  const out = (value: unknown, human: () => string) => console.log(json ? JSON.stringify(value) : human());
  const h = core.handlers;
  const db = core.ctx.db;
  const now = core.ctx.now();

  if (command === 'risk') {
    // `risk` takes no words after it: "risk blacklist export f.csv" screened every order instead of saying so.
    if ((values.order && values.all) || positionals.length > 0) return { usage: RISK_HELP.risk };
    let views: OrderRiskView[];
    let summary;
    if (typeof values.order === 'string') {
      const order = db.prepare<[string], { id: string }>('SELECT id FROM orders WHERE order_no = ?').get(values.order);
      if (!order) throw new CallcardError('order_not_found', { orderNo: values.order });
      summary = screenOrders(db, [order.id], now);
      views = [await h.getOrderRisk({ orderNo: values.order })];
    } else {
      const statuses = values.all ? undefined : [...HOLDABLE_STATUSES];
      summary = screenAll(db, now, statuses);
      views = risksAsShown(core.ctx, readRisks(db, statuses));
    }
    out(riskJson(views, t), () => [riskText(views, t), t('risk.cli.summary', { ...summary })].filter(Boolean).join('\n'));
    return 0;
  }

  if (command === 'prefixes') {
    const [sub, file] = positionals;
    if (sub !== 'import' || !file) return { usage: RISK_HELP.prefixes };
    const bytes = fileBytes(file);
    const r = await h.importPhonePrefixes({ fileName: file, contentBase64: bytes.toString('base64') });
    out(r, () => [t('risk.settings.imported', { imported: r.imported, rejected: r.rejected.length }), ...rejectsText(r, t)].join('\n'));
    return 0;
  }

  // blacklist
  const [sub, ...args] = positionals;
  switch (sub) {
    case 'add': {
      const reason = values.reason;
      if (typeof reason !== 'string' || !(BLACKLIST_REASONS as readonly string[]).includes(reason)) return { usage: RISK_HELP.blacklist };
      let entry;
      if (typeof values.order === 'string') {
        const kinds = (typeof values.kinds === 'string' ? values.kinds.split(',') : ['phone']).map((k) => k.trim());
        if (!kinds.every((k) => (BLACKLIST_KINDS as readonly string[]).includes(k))) return { usage: RISK_HELP.blacklist };
        entry = { orderNo: values.order, kinds: kinds as BlacklistKind[] };
      } else {
        const [kind, value] = args;
        if ((kind !== 'phone' && kind !== 'account') || !value) return { usage: RISK_HELP.blacklist };
        entry = { kind, value };
      }
      let expiresAt: string | null = null;
      if (typeof values.expires === 'string') {
        // A date is "until the end of that day" in the business zone; a full ISO instant is taken as is.
        const e = values.expires;
        const d = endOfDay(e, loadSettings(db).businessTimeZone) ?? (/^\d{4}-\d{2}-\d{2}T/.test(e) && !Number.isNaN(Date.parse(e)) ? new Date(e).toISOString() : null);
        if (!d) return { usage: RISK_HELP.blacklist };
        expiresAt = d;
      }
      const args2 = contract.addBlacklist.args.parse({ entry, reason: reason as BlacklistReason, note: typeof values.note === 'string' ? values.note : '', expiresAt });
      const added = await h.addBlacklist(args2);
      out({ added }, () => t('blacklist.added', { count: added.length }));
      return 0;
    }
    case 'list': {
      const page = await h.listBlacklist({ query: typeof values.query === 'string' ? values.query : undefined, includeExpired: values['include-expired'] === true, limit: 500, offset: 0 });
      out(page, () =>
        [
          ...page.entries.map((e) =>
            [e.id, t(`blacklist.kinds.${e.kind}`), e.display, t(`blacklist.reasons.${e.reason}`), e.note, e.addedBy, e.expiresOn ?? t('blacklist.never'), e.expired ? t('blacklist.expired') : ''].join('\t'),
          ),
          t('blacklist.count', { count: page.total }),
        ].join('\n'),
      );
      return 0;
    }
    case 'import': {
      const [file] = args;
      if (!file) return { usage: RISK_HELP.blacklist };
      const r = await h.importBlacklist({ fileName: file, contentBase64: fileBytes(file).toString('base64') });
      out(r, () =>
        [
          t('blacklist.imported', { imported: r.imported, rejected: r.rejected.length }),
          ...rejectsText(r, t),
          ...(r.notices.length ? [t('blacklist.importNoticesTitle'), ...r.notices.map((x) => `  ${t(`blacklist.importNotices.${x.code}`, { row: x.row, value: x.value })}`)] : []),
        ].join('\n'),
      );
      return 0;
    }
    case 'export': {
      // Headers, kinds and reasons in --lang (else the workstation's language); dates as dates.
      const f = await h.exportBlacklist({ includeExpired: values['include-expired'] === true, lang: isLocale(values.lang) ? values.lang : undefined });
      const bytes = Buffer.from(f.contentBase64, 'base64');
      if (args[0]) writeFileSync(args[0], bytes);
      else process.stdout.write(bytes);
      return 0;
    }
    case 'remove': {
      const [id] = args;
      if (!id) return { usage: RISK_HELP.blacklist };
      const r = await h.removeBlacklist({ id });
      out(r, () => (r.removed ? t('blacklist.removed') : '0'));
      return 0;
    }
    default:
      return { usage: RISK_HELP.blacklist };
  }
}
