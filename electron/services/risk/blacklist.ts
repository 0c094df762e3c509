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
  type BlacklistImportResult,
  type BlacklistKind,
  type BlacklistPage,
  type BlacklistReason,
  type FileOut,
} from '../../../shared/contracts/risk';
import { LOCALES, type Locale } from '../../../shared/domain';
import { CallcardError } from '../../../shared/errors';
import { translator } from '../../../shared/i18n';
import { addressKey } from '../../../shared/risk/address';
import { businessDay } from '../../../shared/time';
import { endOfDay, expiryDate, expiryInstant, today } from '../../../shared/risk/expiry';
import type { CoreContext } from '../context';
import type { Db } from '../db/open';
import type { Cell } from '../import/source';
import { normalisePhone, parseOrderTime, readPhone, toHalfWidth } from '../import/normalise';
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
  /** A name+address entry's parts as written (JSON of PersonParts); null for others and older entries. */
  person: string | null;
}

/** A person as the lead or the order wrote them. */
export interface PersonParts {
  name: string;
  province: string;
  city: string;
  district: string;
  address: string;
}

export interface NewEntry {
  kind: BlacklistKind;
  value: string;
  display: string;
  person?: PersonParts;
}

function toView(r: BlacklistRow, now: Date, timeZone: string): BlacklistEntryView {
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
    expiresOn: r.expires_at === null ? null : expiryDate(r.expires_at, timeZone),
    expired: r.expires_at !== null && r.expires_at <= now.toISOString(),
  };
}

/**
 * A phone or account entry in its matching form; refused when it is no phone: a phone entry must be
 * a mainland mobile or a landline with its area code ("12345" would match nothing real).
 */
export function phoneOrAccountEntry(kind: 'phone' | 'account', raw: string): NewEntry {
  const value = kind === 'phone' ? phoneKey(raw) : accountKey(raw);
  if (!value || (kind === 'phone' && readPhone(raw)?.flag !== null)) throw new CallcardError('blacklist_bad_value', { kind, value: raw.trim() });
  return { kind, value, display: kind === 'phone' ? value : raw.trim() };
}

export function nameAddressEntry(p: PersonParts): NewEntry {
  const key = addressKey(p.province, p.city, p.district, p.address);
  const person = { name: p.name.trim(), province: p.province.trim(), city: p.city.trim(), district: p.district.trim(), address: p.address.trim() };
  return { kind: 'name_address', value: nameAddressKey(p.name, key), display: `${p.name.trim()} / ${p.province}${p.city}${p.district}${p.address}`.trim(), person };
}

/** Orders still to ship that an entry concerns: they are screened again. */
function affectedOrders(db: Db, e: Pick<NewEntry, 'kind' | 'value'>): string[] {
  const holdable = "status IN ('pending_verify', 'verified')";
  if (e.kind === 'phone') return (db.prepare(`SELECT id FROM orders WHERE phone = ? AND ${holdable}`).all(e.value) as { id: string }[]).map((r) => r.id);
  if (e.kind === 'account') {
    return (db.prepare(`SELECT id FROM orders WHERE lower(trim(buyer_account)) = ? AND ${holdable}`).all(e.value) as { id: string }[]).map((r) => r.id);
  }
  const addr = e.value.slice(e.value.indexOf('#') + 1);
  return (db.prepare(`SELECT id FROM orders WHERE address_key = ? AND ${holdable}`).all(addr) as { id: string }[]).map((r) => r.id);
}

// A row read from an older export (the matching key, no parts) keeps the parts already known.
const UPSERT = `INSERT INTO blacklist (id, kind, value, display, reason, note, added_by, added_at, expires_at, person)
  VALUES (@id, @kind, @value, @display, @reason, @note, @added_by, @added_at, @expires_at, @person)
  ON CONFLICT(kind, value) DO UPDATE SET display = CASE WHEN excluded.person IS NULL AND blacklist.person IS NOT NULL THEN blacklist.display ELSE excluded.display END,
    reason = excluded.reason, note = excluded.note, added_by = excluded.added_by, added_at = excluded.added_at,
    expires_at = excluded.expires_at, person = coalesce(excluded.person, blacklist.person)`;

/**
 * The stored expiry of an entry: any instant moves to the end of its business day (an expiry is a
 * date, "through that day"); a day already over is refused, since such an entry would never count
 * and would only show under "show expired".
 */
export function checkedExpiry(expiresAt: string | null, now: Date, timeZone: string): string | null {
  if (expiresAt === null) return null;
  const end = expiryInstant(expiresAt, timeZone);
  if (end === null) throw new CallcardError('blacklist_bad_expiry', { value: expiresAt });
  if (end <= now.toISOString()) throw new CallcardError('blacklist_expiry_past', { date: expiryDate(end, timeZone), today: today(now, timeZone) });
  return end;
}

/** Adds entries (renewing any already there) and screens the orders they concern, in one transaction. */
export function addEntries(
  ctx: CoreContext,
  entries: NewEntry[],
  meta: { reason: BlacklistReason; note: string; expiresAt: string | null; addedBy: string },
): BlacklistEntryView[] {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const timeZone = loadSettings(ctx.db).businessTimeZone;
  const expiresAt = checkedExpiry(meta.expiresAt, now, timeZone);
  return ctx.db.transaction(() => {
    const upsert = ctx.db.prepare(UPSERT);
    const get = ctx.db.prepare<[string, string], BlacklistRow>('SELECT * FROM blacklist WHERE kind = ? AND value = ?');
    const out: BlacklistEntryView[] = [];
    const affected = new Set<string>();
    for (const e of entries) {
      upsert.run({
        id: uuidv7(), kind: e.kind, value: e.value, display: e.display, reason: meta.reason, note: meta.note,
        added_by: meta.addedBy, added_at: nowIso, expires_at: expiresAt, person: e.person ? JSON.stringify(e.person) : null,
      });
      const row = get.get(e.kind, e.value)!;
      const view = toView(row, now, timeZone);
      enqueueOutbox(ctx.db, 'blacklist', row.id, 'upsert', view, now);
      out.push(view);
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
    enqueueOutbox(ctx.db, 'blacklist', id, 'upsert', { ...toView(row, now, loadSettings(ctx.db).businessTimeZone), removedAt: now.toISOString() }, now);
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
  const timeZone = loadSettings(db).businessTimeZone;
  return { total, entries: rows.map((r) => toView(r, now, timeZone)) };
}

// ---------- CSV ----------

type Column = 'kind' | 'value' | 'name' | 'province' | 'city' | 'district' | 'address' | 'reason' | 'note' | 'expiresOn' | 'addedBy';
const EXPORT_HEADER: Column[] = ['kind', 'value', 'name', 'province', 'city', 'district', 'address', 'reason', 'note', 'expiresOn', 'addedBy'];

/** Header words read besides each language's own export header (blacklist.columns.*): older exports, leads' sheets. */
const EXTRA_HEADERS: Record<Column, string[]> = {
  kind: ['kind', '类型', '類型'],
  value: ['value', '值', '号码或账号', '號碼或帳號'],
  name: ['name', '姓名', '收货人', '收貨人'],
  province: ['province', '省份', '省'],
  city: ['city', '城市', '市'],
  district: ['district', '区县', '區縣'],
  address: ['address', '地址', '详细地址', '詳細地址'],
  reason: ['reason', '原因'],
  note: ['note', '备注', '備註'],
  expiresOn: ['expires_at', 'expires_on', '到期时间', '到期時間', '有效期至', '到期日'],
  addedBy: ['added_by', '添加人', '新增人'],
};

function columnAliases(): Record<Column, string[]> {
  const out = {} as Record<Column, string[]>;
  for (const c of EXPORT_HEADER) out[c] = [...EXTRA_HEADERS[c], ...LOCALES.map((l) => translator(l)(`blacklist.columns.${c}`))];
  return out;
}

/** How a word from a sheet is compared: half-width, lower case, no spaces, underscores or dashes. */
function wordKey(s: string): string {
  return toHalfWidth(s).toLowerCase().replace(/[\s_\-·・。.]/g, '');
}

/** Shorter words leads use for the kinds in their own sheets. */
const KIND_WORDS: Record<BlacklistKind, string[]> = {
  phone: ['手机', '手机号码', '电话', '電話', '号码', '手機', '手機號碼', '號碼'],
  account: ['账号', '帐号', '帳號', '买家', '買家', '买家账号'],
  name_address: ['姓名地址', '地址', '收货人', '收貨人', '姓名+地址', 'name+address', 'nameaddress'],
};

/**
 * Words leads write for a reason in their own sheets (close synonyms), besides each language's
 * label and the parts of a label ("虚假下单 / 恶意下单" is read as either word alone).
 */
const REASON_WORDS: Record<BlacklistReason, string[]> = {
  professional_complainer: ['职业打假', '打假', '打假人', '职业索赔', '职业差评师', '職業打假', '職業索賠', '職業差評師', 'professional complainer', 'complainer'],
  abusive: ['恶意买家', '辱骂', '骂人', '态度恶劣', '惡意買家', '辱罵', '罵人', '態度惡劣', 'abusive', 'abusive buyer', 'abuse'],
  repeat_refuser: ['拒收', '多次拒收', '恶意拒收', '经常拒收', '惡意拒收', '經常拒收', 'refuser', 'repeat refuser', 'refusals'],
  fraud: ['欺诈', '诈骗', '敲诈', '勒索', '骗子', '詐騙', '欺詐', '敲詐', '騙子', 'fraud', 'scam', 'extortion'],
  fake_orders: [
    '虚假下单', '恶意下单', '假单', '虚假订单', '刷单', '恶意拍单', '乱下单', '虛假下單', '惡意下單', '假單', '虛假訂單', '刷單', '亂下單',
    'fake orders', 'fake order', 'malicious orders',
  ],
  other: ['其他', '其它', 'other'],
};

/** Words for "no expiry" in an expiry cell (besides each language's own, blacklist.never). */
const NEVER_WORDS = ['永久', '长期', '長期', '无', '無', 'never', 'none'];

function wordMap<T extends string>(codes: readonly T[], labelKey: (code: T) => string, extra: Record<T, string[]>): Map<string, T> {
  const m = new Map<string, T>();
  const put = (word: string, code: T) => {
    const k = wordKey(word);
    if (k && !m.has(k)) m.set(k, code);
  };
  for (const code of codes) {
    put(code, code);
    for (const l of LOCALES) {
      const label = translator(l)(labelKey(code));
      put(label, code);
      // "虚假下单 / 恶意下单", "Fraud or extortion", "Professional complainer (职业打假人)": each part alone too.
      for (const part of label.split(/\s*(?:[/／()（）]|\bor\b)\s*/)) put(part, code);
    }
    for (const w of extra[code]) put(w, code);
  }
  return m;
}

let reasonWords: Map<string, BlacklistReason> | undefined;
let kindWords: Map<string, BlacklistKind> | undefined;

/** A reason as a lead writes it (code, label in any of our languages, a close synonym) -> its code; null when nothing matches. */
export function readReason(text: string): BlacklistReason | null {
  reasonWords ??= wordMap(BLACKLIST_REASONS, (c) => `blacklist.reasons.${c}`, REASON_WORDS);
  return reasonWords.get(wordKey(text)) ?? null;
}

export function readKind(text: string): BlacklistKind | null {
  kindWords ??= wordMap(BLACKLIST_KINDS, (c) => `blacklist.kinds.${c}`, KIND_WORDS);
  return kindWords.get(wordKey(text)) ?? null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An expiry cell -> the instant its date ends (ISO); null when unreadable. A date alone (text, an
 * Excel date cell or serial) is that date; a date with a time or an ISO instant (older exports
 * wrote the instant the day ends) counts through the day the last moment before it falls on.
 */
export function readExpiry(cell: Cell | undefined, timeZone: string): string | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    // Spreadsheet dates carry the wall clock in their UTC fields.
    if (cell.getUTCHours() === 0 && cell.getUTCMinutes() === 0 && cell.getUTCSeconds() === 0) {
      return endOfDay(`${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`, timeZone);
    }
    const at = parseOrderTime(cell, timeZone);
    return at ? expiryInstant(at.toISOString(), timeZone) : null;
  }
  const text = toHalfWidth(cell ?? '').trim();
  const date = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (date) return endOfDay(`${date[1]}-${date[2]}-${date[3]}`, timeZone);
  const at = parseOrderTime(text, timeZone);
  if (!at) return null;
  // A whole Excel serial number is a date, as a date cell is.
  if (/^\d{5}$/.test(text)) return endOfDay(businessDay(at, timeZone), timeZone);
  return expiryInstant(at.toISOString(), timeZone);
}

/**
 * The CSV a lead reads and can import back unchanged: headers, kinds and reasons in the chosen
 * language, the expiry as its date (or the word for never), phones and accounts as written, and
 * for name+address entries the name, province, city, district and street in their own columns as
 * written (the number column left empty); an entry from before the parts were kept as older
 * exports had it (see personParts).
 */
export function exportEntries(db: Db, now: Date, includeExpired: boolean, lang?: Locale): FileOut {
  const settings = loadSettings(db);
  const t = translator(lang ?? settings.language);
  const rows = listEntries(db, now, { includeExpired, limit: 1_000_000, offset: 0 }).entries;
  const people = new Map(
    (db.prepare("SELECT value, person FROM blacklist WHERE kind = 'name_address' AND person IS NOT NULL").all() as { value: string; person: string }[]).map((r) => [
      r.value,
      JSON.parse(r.person) as PersonParts,
    ]),
  );
  const lines = [EXPORT_HEADER.map((c) => t(`blacklist.columns.${c}`))];
  for (const e of rows) {
    // A phone or account as it was written (its match key is read from it again); a person by parts.
    const who = e.kind === 'name_address' ? personParts(e.value, e.display, people.get(e.value) ?? null) : [e.display, '', '', '', '', ''];
    lines.push([t(`blacklist.kinds.${e.kind}`), ...who, t(`blacklist.reasons.${e.reason}`), e.note, e.expiresOn ?? t('blacklist.never'), e.addedBy]);
  }
  return { fileName: `blacklist-${today(now, settings.businessTimeZone)}.csv`, contentBase64: csvBytes(lines).toString('base64') };
}

/**
 * A name+address entry as the export's value, name, province, city, district and address columns:
 * its parts as written. An entry from before the parts were kept has only its matching key and the
 * words shown for it: those go in the value and address columns as older exports had them, which
 * import back as the very same entry with the same words (parts rebuilt from the key would lose
 * the words, and a key without a street could not be imported at all).
 */
function personParts(key: string, display: string, person: PersonParts | null): string[] {
  if (person) return ['', person.name, person.province, person.city, person.district, person.address];
  return [key, key.slice(0, key.indexOf('#')), '', '', '', display];
}

/**
 * Imports entries: kind, value (phone or account; for name_address the exported key, or name and
 * address columns), reason, note, expiry date. Kinds and reasons are read by code, by their label
 * in any of our languages or by a close synonym. Nothing is dropped or changed silently: a bad row
 * is rejected with its row number (an unreadable kind, value or date, or a date already past); a
 * reason no word matches is stored as "other" with its words kept in the note, and a row without a
 * reason as "other", each listed in the notices with its row number.
 */
export async function importEntries(ctx: CoreContext, bytes: Uint8Array, addedBy: string): Promise<BlacklistImportResult> {
  const table = await readTable(bytes);
  const header = table.rows[0] ? mapColumns(table.rows[0], columnAliases()) : null;
  if (!header || header.kind === undefined || (header.value === undefined && header.name === undefined)) {
    throw new CallcardError('blacklist_import_columns');
  }
  const settings = loadSettings(ctx.db);
  const timeZone = settings.businessTimeZone;
  const t = translator(settings.language);
  const now = ctx.now();
  const never = new Set([...NEVER_WORDS, ...LOCALES.map((l) => translator(l)('blacklist.never'))].map(wordKey));
  const rejected: BlacklistImportResult['rejected'] = [];
  const notices: BlacklistImportResult['notices'] = [];
  const groups = new Map<string, { meta: Parameters<typeof addEntries>[2]; entries: NewEntry[] }>();
  // The same number, account or name+address twice in one file: the first row is imported, the
  // other is reported (the later one used to replace the first's reason, note and expiry unsaid).
  const firstRow = new Map<string, number>();
  for (const r of table.rows.slice(1)) {
    const get = (c: Column) => (header[c] === undefined ? '' : cellText(r.cells[header[c]!]));
    if (EXPORT_HEADER.every((c) => get(c) === '')) continue;
    const kind = readKind(get('kind'));
    if (!kind) {
      rejected.push({ row: r.row, code: 'bad_kind', value: get('kind') });
      continue;
    }
    let expiresAt: string | null = null;
    const expiryText = get('expiresOn');
    if (expiryText && !never.has(wordKey(expiryText))) {
      expiresAt = readExpiry(r.cells[header.expiresOn!], timeZone);
      if (!expiresAt) {
        rejected.push({ row: r.row, code: 'bad_expiry', value: expiryText });
        continue;
      }
      // An entry already expired would never count: not imported, and said with its row.
      if (expiresAt <= now.toISOString()) {
        rejected.push({ row: r.row, code: 'expired', value: expiryDate(expiresAt, timeZone) });
        continue;
      }
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
    const seen = firstRow.get(`${entry.kind}|${entry.value}`);
    if (seen !== undefined) {
      rejected.push({ row: r.row, code: 'duplicate_row', value: String(seen) });
      continue;
    }
    firstRow.set(`${entry.kind}|${entry.value}`, r.row);
    const reasonText = get('reason');
    let reason = readReason(reasonText);
    let note = get('note');
    if (!reasonText) {
      reason = 'other';
      notices.push({ row: r.row, code: 'reason_empty', value: '' });
    } else if (!reason) {
      // Kept as "other", its words in the note: the lead sees them in the list and the export.
      reason = 'other';
      note = note ? t('blacklist.reasonInNoteWith', { reason: reasonText, note }) : t('blacklist.reasonInNote', { reason: reasonText });
      notices.push({ row: r.row, code: 'reason_other', value: reasonText });
    }
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
  return { imported, rejected, notices };
}
