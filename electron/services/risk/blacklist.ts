/**
 * The blacklist: phones, accounts and name+address pairs that should not get a COD parcel, each
 * with why, who added it and until when. Adding or removing an entry screens the affected
 * orders still to ship again; every change goes to the server through the outbox.
 */
import { uuidv7 } from '../ids';
import {
  BLACKLIST_KINDS,
  BLACKLIST_REASONS,
  type BlacklistEntryView,
  type BlacklistKind,
  type BlacklistPage,
  type BlacklistReason,
  type FileOut,
  type TableImportResult,
} from '../../../shared/contracts/risk';
import { LOCALES } from '../../../shared/domain';
import { CallcardError } from '../../../shared/errors';
import { translator } from '../../../shared/i18n';
import { addressKey } from '../../../shared/risk/address';
import { endOfDay } from '../../../shared/risk/expiry';
import type { CoreContext } from '../context';
import type { Db } from '../db/open';
import { normalisePhone, parseOrderTime, readPhone } from '../import/normalise';
import { readTable } from '../import/table';
import { enqueueOutbox } from '../outbox';
import { getMeta, loadSettings, setMeta } from '../settings';
import { cellText, csvBytes, mapColumns } from './csv';
import { accountKey, nameAddressKey, phoneKey } from './keys';
import { screenOrders } from './screen';

interface BlacklistRow {
  id: string;
  kind: BlacklistKind;
  value: string;
  display: string;
  reason: BlacklistReason;
  note: string;
  added_by: string;
  added_at: string;
  expires_at: string | null;
}

export interface NewEntry {
  kind: BlacklistKind;
  value: string;
  display: string;
}

function toView(r: BlacklistRow, now: Date): BlacklistEntryView {
  return {
    id: r.id,
    kind: r.kind,
    value: r.value,
    display: r.display,
    reason: r.reason,
    note: r.note,
    addedBy: r.added_by,
    addedAt: r.added_at,
    expiresAt: r.expires_at,
    expired: r.expires_at !== null && r.expires_at <= now.toISOString(),
  };
}

/**
 * A phone or account entry in its matching form; refused when it is no phone: a phone entry must be
 * a mainland mobile or a landline with its area code ("12345" would match nothing real).
 */
export function phoneOrAccountEntry(kind: 'phone' | 'account', raw: string): NewEntry {
  const value = kind === 'phone' ? phoneKey(raw) : accountKey(raw);
  if (!value || (kind === 'phone' && readPhone(raw)?.flag !== null)) throw new CallcardError('blacklist_bad_value', { kind, value: raw });
  return { kind, value, display: kind === 'phone' ? value : raw.trim() };
}

export function nameAddressEntry(p: { name: string; province: string; city: string; district: string; address: string }): NewEntry {
  const key = addressKey(p.province, p.city, p.district, p.address);
  return { kind: 'name_address', value: nameAddressKey(p.name, key), display: `${p.name.trim()} / ${p.province}${p.city}${p.district}${p.address}`.trim() };
}

/** Orders still to ship that an entry concerns: they are screened again. */
function affectedOrders(db: Db, e: NewEntry): string[] {
  const holdable = "status IN ('pending_verify', 'verified')";
  if (e.kind === 'phone') return (db.prepare(`SELECT id FROM orders WHERE phone = ? AND ${holdable}`).all(e.value) as { id: string }[]).map((r) => r.id);
  if (e.kind === 'account') {
    return (db.prepare(`SELECT id FROM orders WHERE lower(trim(buyer_account)) = ? AND ${holdable}`).all(e.value) as { id: string }[]).map((r) => r.id);
  }
  const addr = e.value.slice(e.value.indexOf('#') + 1);
  return (db.prepare(`SELECT id FROM orders WHERE address_key = ? AND ${holdable}`).all(addr) as { id: string }[]).map((r) => r.id);
}

const UPSERT = `INSERT INTO blacklist (id, kind, value, display, reason, note, added_by, added_at, expires_at)
  VALUES (@id, @kind, @value, @display, @reason, @note, @added_by, @added_at, @expires_at)
  ON CONFLICT(kind, value) DO UPDATE SET display = excluded.display, reason = excluded.reason, note = excluded.note,
    added_by = excluded.added_by, added_at = excluded.added_at, expires_at = excluded.expires_at`;

/** Adds entries (renewing any already there) and screens the orders they concern, in one transaction. */
export function addEntries(
  ctx: CoreContext,
  entries: NewEntry[],
  meta: { reason: BlacklistReason; note: string; expiresAt: string | null; addedBy: string },
): BlacklistEntryView[] {
  const now = ctx.now();
  const nowIso = now.toISOString();
  return ctx.db.transaction(() => {
    const upsert = ctx.db.prepare(UPSERT);
    const get = ctx.db.prepare<[string, string], BlacklistRow>('SELECT * FROM blacklist WHERE kind = ? AND value = ?');
    const out: BlacklistEntryView[] = [];
    const affected = new Set<string>();
    for (const e of entries) {
      upsert.run({
        id: uuidv7(), kind: e.kind, value: e.value, display: e.display, reason: meta.reason, note: meta.note,
        added_by: meta.addedBy, added_at: nowIso, expires_at: meta.expiresAt ? new Date(meta.expiresAt).toISOString() : null,
      });
      const row = get.get(e.kind, e.value)!;
      enqueueOutbox(ctx.db, 'blacklist', row.id, 'upsert', toView(row, now), now);
      out.push(toView(row, now));
      for (const id of affectedOrders(ctx.db, e)) affected.add(id);
    }
    screenOrders(ctx.db, [...affected], now);
    return out;
  })();
}

const SWEPT_META = 'risk:blacklistSweptAt';

/**
 * Entries whose expiry date has passed since the last sweep stop counting: the orders still to
 * ship that they concerned are screened again, so a hold the entry caused lifts. Runs when the
 * core opens and every minute after (core.ts); writes nothing when no entry expired.
 */
export function sweepExpiredEntries(ctx: CoreContext): { expired: number; screened: number } {
  const now = ctx.now();
  const nowIso = now.toISOString();
  return ctx.db.transaction(() => {
    const since = getMeta(ctx.db, SWEPT_META) ?? '';
    const rows = ctx.db
      .prepare<[string, string], BlacklistRow>('SELECT * FROM blacklist WHERE expires_at > ? AND expires_at <= ? ORDER BY expires_at')
      .all(since, nowIso);
    if (!rows.length) return { expired: 0, screened: 0 };
    const affected = new Set<string>();
    for (const row of rows) for (const id of affectedOrders(ctx.db, row)) affected.add(id);
    const { screened } = affected.size ? screenOrders(ctx.db, [...affected], now) : { screened: 0 };
    setMeta(ctx.db, SWEPT_META, nowIso, now);
    return { expired: rows.length, screened };
  })();
}

/**
 * The sweep as the core runs it (at open, then each minute): while another connection is writing
 * (an import in its worker) the store is busy, and the sweep waits for the next minute.
 */
export function sweepWhenFree(ctx: CoreContext): void {
  try {
    if (ctx.db.open) sweepExpiredEntries(ctx);
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return;
    console.error('callcard: blacklist expiry sweep failed', e);
  }
}

export function removeEntry(ctx: CoreContext, id: string): { removed: number } {
  const now = ctx.now();
  return ctx.db.transaction(() => {
    const row = ctx.db.prepare<[string], BlacklistRow>('SELECT * FROM blacklist WHERE id = ?').get(id);
    if (!row) return { removed: 0 };
    ctx.db.prepare('DELETE FROM blacklist WHERE id = ?').run(id);
    enqueueOutbox(ctx.db, 'blacklist', id, 'upsert', { ...toView(row, now), removedAt: now.toISOString() }, now);
    screenOrders(ctx.db, affectedOrders(ctx.db, row), now);
    return { removed: 1 };
  })();
}

export function listEntries(
  db: Db,
  now: Date,
  a: { query?: string; kind?: BlacklistKind; includeExpired: boolean; limit: number; offset: number },
): BlacklistPage {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: a.limit, offset: a.offset, now: now.toISOString() };
  if (!a.includeExpired) where.push('(expires_at IS NULL OR expires_at > @now)');
  if (a.kind) {
    where.push('kind = @kind');
    params.kind = a.kind;
  }
  if (a.query) {
    // A number typed as people write it ("138 0013 8000", "+86 138-0013-8000") finds the entry too.
    const digits = /^[\d\s+\-()（）]+$/.test(a.query.trim()) ? normalisePhone(a.query) : null;
    where.push(
      `(display LIKE @q ESCAPE '\\' OR value LIKE @q ESCAPE '\\' OR note LIKE @q ESCAPE '\\' OR added_by LIKE @q ESCAPE '\\'${digits ? ' OR value LIKE @digits' : ''})`,
    );
    params.q = `%${a.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    if (digits) params.digits = `%${digits}%`;
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM blacklist ${clause}`).get(params) as { n: number }).n;
  const rows = db.prepare(`SELECT * FROM blacklist ${clause} ORDER BY added_at DESC, id DESC LIMIT @limit OFFSET @offset`).all(params) as BlacklistRow[];
  return { total, entries: rows.map((r) => toView(r, now)) };
}

// ---------- CSV ----------

const COLUMNS = {
  kind: ['kind', '类型', '類型'],
  value: ['value', '值', '号码或账号', '號碼或帳號'],
  name: ['name', '姓名', '收货人', '收貨人'],
  province: ['province', '省份', '省'],
  city: ['city', '城市', '市'],
  district: ['district', '区县', '區縣'],
  address: ['address', '地址', '详细地址', '詳細地址'],
  reason: ['reason', '原因'],
  note: ['note', '备注', '備註'],
  expiresAt: ['expires_at', 'expiresat', '到期时间', '到期時間', '有效期至'],
  addedBy: ['added_by', 'addedby', '添加人'],
};
type Column = keyof typeof COLUMNS;
const EXPORT_HEADER: Column[] = ['kind', 'value', 'name', 'province', 'city', 'district', 'address', 'reason', 'note', 'expiresAt', 'addedBy'];
const EXPORT_NAMES: Record<Column, string> = {
  kind: 'kind', value: 'value', name: 'name', province: 'province', city: 'city', district: 'district', address: 'address',
  reason: 'reason', note: 'note', expiresAt: 'expires_at', addedBy: 'added_by',
};

/** Shorter words leads use for the kinds in their own sheets. */
const KIND_WORDS: [string, BlacklistKind][] = [
  ['手机', 'phone'], ['电话', 'phone'], ['電話', 'phone'], ['号码', 'phone'], ['手機', 'phone'],
  ['账号', 'account'], ['帐号', 'account'], ['帳號', 'account'], ['买家', 'account'],
  ['姓名地址', 'name_address'], ['地址', 'name_address'], ['收货人', 'name_address'],
];

/** Reason and kind words in any of our languages (what a lead types in Excel) -> codes. */
function labelMap<T extends string>(codes: readonly T[], prefix: string): Map<string, T> {
  const m = new Map<string, T>();
  for (const code of codes) {
    m.set(code.toLowerCase(), code);
    for (const l of LOCALES) m.set(translator(l)(`${prefix}.${code}`).toLowerCase(), code);
  }
  return m;
}

export function exportEntries(db: Db, now: Date, includeExpired: boolean): FileOut {
  const rows = listEntries(db, now, { includeExpired, limit: 1_000_000, offset: 0 }).entries;
  const lines = [EXPORT_HEADER.map((c) => EXPORT_NAMES[c])];
  for (const e of rows) {
    lines.push([e.kind, e.value, '', '', '', '', e.kind === 'name_address' ? e.display : '', e.reason, e.note, e.expiresAt ?? '', e.addedBy]);
  }
  return { fileName: `blacklist-${now.toISOString().slice(0, 10)}.csv`, contentBase64: csvBytes(lines).toString('base64') };
}

/**
 * Imports entries: kind, value (phone or account; for name_address the exported key, or name and
 * address columns), reason, note, expires_at. Bad rows are reported with their row number.
 */
export async function importEntries(ctx: CoreContext, bytes: Uint8Array, addedBy: string): Promise<TableImportResult> {
  const table = await readTable(bytes);
  const header = table.rows[0] ? mapColumns(table.rows[0], COLUMNS) : null;
  if (!header || header.kind === undefined || (header.value === undefined && header.name === undefined)) {
    throw new CallcardError('blacklist_import_columns');
  }
  const kinds = labelMap(BLACKLIST_KINDS, 'blacklist.kinds');
  for (const [word, kind] of KIND_WORDS) kinds.set(word, kind);
  const reasons = labelMap(BLACKLIST_REASONS, 'blacklist.reasons');
  const timeZone = loadSettings(ctx.db).businessTimeZone;
  const rejected: TableImportResult['rejected'] = [];
  const groups = new Map<string, { meta: Parameters<typeof addEntries>[2]; entries: NewEntry[] }>();
  for (const r of table.rows.slice(1)) {
    const get = (c: Column) => (header[c] === undefined ? '' : cellText(r.cells[header[c]!]));
    if (EXPORT_HEADER.every((c) => get(c) === '')) continue;
    const kind = kinds.get(get('kind').toLowerCase());
    if (!kind) {
      rejected.push({ row: r.row, code: 'bad_kind', value: get('kind') });
      continue;
    }
    const reason = reasons.get(get('reason').toLowerCase()) ?? 'other';
    let expiresAt: string | null = null;
    if (get('expiresAt')) {
      // A bare date means "until the end of that day"; a date and time is taken as written.
      const bare = get('expiresAt').replace(/[/.年月]/g, '-').replace(/日$/, '');
      const d = endOfDay(bare, timeZone) ?? parseOrderTime(get('expiresAt'), timeZone)?.toISOString() ?? null;
      if (!d) {
        rejected.push({ row: r.row, code: 'bad_expiry', value: get('expiresAt') });
        continue;
      }
      expiresAt = d;
    }
    let entry: NewEntry;
    try {
      if (kind === 'name_address') {
        const value = get('value');
        entry = value.includes('#') && value.includes('|')
          ? { kind, value, display: get('address') || value }
          : nameAddressEntry({ name: get('name'), province: get('province'), city: get('city'), district: get('district'), address: get('address') });
        if (!get('value') && (!get('name') || !get('address'))) throw new CallcardError('blacklist_bad_value', { kind, value: '' });
      } else {
        entry = phoneOrAccountEntry(kind, get('value'));
      }
    } catch {
      rejected.push({ row: r.row, code: 'bad_value', value: get('value') || get('name') });
      continue;
    }
    const note = get('note');
    const by = get('addedBy') || addedBy;
    const k = JSON.stringify([reason, note, expiresAt, by]);
    const g = groups.get(k) ?? { meta: { reason, note, expiresAt, addedBy: by }, entries: [] };
    g.entries.push(entry);
    groups.set(k, g);
  }
  let imported = 0;
  ctx.db.transaction(() => {
    for (const g of groups.values()) imported += addEntries(ctx, g.entries, g.meta).length;
  })();
  return { imported, rejected };
}
