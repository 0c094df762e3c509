/**
 * Risk screening on a real store: holds and what lifts them (a verify call, a lead's override or
 * rejection, conversion to online payment), the blacklist (from a card, expiry, search, CSV both
 * ways), the importable prefix table, settings, and the CLI's JSON.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { runCli } from '../../electron/services/cli/main';
import { sweepExpiredEntries, sweepWhenFree } from '../../electron/services/risk/blacklist';
import { translator } from '../../shared/i18n';
import { endOfDay } from '../../shared/risk/expiry';
import { riskFactText } from '../../shared/risk/view';
import { riskAfterOutcome, shippingHold } from '../../electron/services/risk/screen';
import {
  buildCsv,
  callcardError,
  importFile,
  openReadyStore,
  ordersCsv,
  outboxRows,
  sampleOrder,
  setRoles,
  tempDataDir,
  type TestStore,
} from '../helpers/store';

const TZ = 'Asia/Shanghai';
const SZ_PHONE = '13049470001'; // a Shenzhen range
const HRB_PHONE = '13009700002'; // a Harbin range

async function store(): Promise<TestStore> {
  return openReadyStore();
}

async function importOrders(s: TestStore, orders: Parameters<typeof sampleOrder>[0][]) {
  const summary = await importFile(s, 'o.csv', ordersCsv(orders.map((o) => sampleOrder(o))));
  expect(summary.rejected).toEqual([]);
  await s.call('rescreen', { all: true });
}

const shenzhen = { province: '广东省', city: '深圳市', district: '南山区', ip: '121.15.122.2' };
const history = (s: TestStore, orderNo: string) =>
  s.db
    .prepare("SELECT h.field, h.old_value, h.new_value FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.order_no = ? AND h.source = 'risk' ORDER BY h.at, h.rowid")
    .all(orderNo) as { field: string; old_value: string | null; new_value: string | null }[];
const orderId = (s: TestStore, orderNo: string) => (s.db.prepare('SELECT id FROM orders WHERE order_no = ?').get(orderNo) as { id: string }).id;

describe('holds', () => {
  it('a high-risk order is held until a verify call confirms it; a higher score later holds it again', async () => {
    const s = await store();
    await importOrders(s, [{ orderNo: 'H1', phone: HRB_PHONE, ...shenzhen, ip: '123.83.48.54', address: '广场西边小卖部' }]);
    let r = await s.call('getOrderRisk', { orderNo: 'H1' });
    expect(r).toMatchObject({ level: 'high', held: true, holdReason: 'high_risk' });
    expect(shippingHold(s.db, orderId(s, 'H1'))).toBe('high_risk');
    expect(r.regions.phone?.label).toBe('黑龙江哈尔滨');
    expect(r.regions.ship?.label).toBe('广东深圳');
    // Held from the first screening: the risk row says so; the history records later changes.
    expect(history(s, 'H1')).toEqual([]);

    const agentId = (await s.call('getSession', {})).agent!.id;
    riskAfterOutcome(s.db, { orderId: orderId(s, 'H1'), outcome: 'confirmed', agentId, now: s.clock.now });
    r = await s.call('getOrderRisk', { orderNo: 'H1' });
    expect(r).toMatchObject({ level: 'high', held: false, holdReason: null });
    expect(shippingHold(s.db, orderId(s, 'H1'))).toBeNull();
    expect(r.confirmedAt).toBe(s.clock.iso());
    expect(history(s, 'H1')).toEqual([{ field: 'risk_hold', old_value: 'high_risk', new_value: null }]);

    // New evidence after the confirmation: the number goes on the blacklist.
    await s.call('addBlacklist', { entry: { kind: 'phone', value: HRB_PHONE }, reason: 'fraud' });
    r = await s.call('getOrderRisk', { orderNo: 'H1' });
    expect(r).toMatchObject({ held: true, holdReason: 'high_risk' });
    expect(r.score).toBeGreaterThan(100);
  });

  it('unanswered calls change nothing; a not-ordered call leaves the order rejected and unheld', async () => {
    const s = await store();
    await importOrders(s, [{ orderNo: 'H2', phone: HRB_PHONE, ...shenzhen, ip: '123.83.48.54', address: '广场西边小卖部' }]);
    const agentId = (await s.call('getSession', {})).agent!.id;
    const before = s.db.prepare('SELECT * FROM order_risk').all();
    s.clock.advanceMinutes(5);
    riskAfterOutcome(s.db, { orderId: orderId(s, 'H2'), outcome: 'no_answer', agentId, now: s.clock.now });
    expect(s.db.prepare('SELECT * FROM order_risk').all()).toEqual(before);
    s.db.prepare("UPDATE orders SET status = 'rejected' WHERE order_no = 'H2'").run();
    riskAfterOutcome(s.db, { orderId: orderId(s, 'H2'), outcome: 'not_ordered', agentId, now: s.clock.now });
    expect(await s.call('getOrderRisk', { orderNo: 'H2' })).toMatchObject({ held: false, holdReason: null });
  });

  it('a lead releases with a reason (kept in history); a lead holds by hand; agents may not', async () => {
    const s = await store();
    await importOrders(s, [
      { orderNo: 'R1', phone: HRB_PHONE, ...shenzhen, ip: '123.83.48.54', address: '广场西边小卖部' },
      { orderNo: 'R2', phone: SZ_PHONE, ...shenzhen, address: '科技南路18号3栋502', buyerAccount: 'r2' },
    ]);
    const released = await s.call('overrideRisk', { orderNo: 'R1', decision: 'release', reason: '老客户，电话核实过' });
    expect(released).toMatchObject({ held: false, override: { decision: 'release', reason: '老客户，电话核实过', by: '王小丽', inForce: true } });
    expect(history(s, 'R1')).toEqual([
      { field: 'risk_override', old_value: 'high_risk', new_value: 'release: 老客户，电话核实过' },
      { field: 'risk_hold', old_value: 'high_risk', new_value: null },
    ]);
    expect(outboxRows(s.db).some((r) => r.entity === 'order_risk')).toBe(true);

    expect(await s.call('overrideRisk', { orderNo: 'R2', decision: 'hold', reason: '地址待确认' })).toMatchObject({ held: true, holdReason: 'lead_hold' });

    await setRoles(s, ['agent']);
    await callcardError(() => s.call('overrideRisk', { orderNo: 'R2', decision: 'release', reason: 'x' }), 'lead_only');
    await callcardError(() => s.call('rejectHeld', { orderNo: 'R2', reason: 'x' }), 'lead_only');
  });

  it('a lead rejects a held order: it is rejected, its calls close, the buyer history of other orders shows it', async () => {
    const s = await store();
    await importOrders(s, [
      { orderNo: 'J1', phone: SZ_PHONE, ...shenzhen, address: '广场西边小卖部', buyerAccount: 'j' },
      { orderNo: 'J2', phone: SZ_PHONE, ...shenzhen, address: '科技南路18号3栋502', product: '老花镜', orderedAt: '2026-11-20 10:00', buyerAccount: 'j' },
    ]);
    const r = await s.call('rejectHeld', { orderNo: 'J1', reason: '职业打假人，多次索赔' });
    expect(r).toMatchObject({ held: false });
    expect(s.db.prepare("SELECT status FROM orders WHERE order_no = 'J1'").get()).toEqual({ status: 'rejected' });
    expect(s.db.prepare("SELECT count(*) AS n FROM call_tasks t JOIN orders o ON o.id = t.order_id WHERE o.order_no = 'J1' AND t.state = 'open'").get()).toEqual({ n: 0 });
    expect(history(s, 'J1').map((h) => h.field)).toContain('risk_reject');
    const j2 = await s.call('getOrderRisk', { orderNo: 'J2' });
    expect(j2.facts.map((f) => `${f.rule}.${f.kind}`)).toContain('buyer_history.refusals');
    await callcardError(() => s.call('rejectHeld', { orderNo: 'J1', reason: 'again' }), 'risk_not_holdable');
  });

  it('a remote-area COD order is held for online payment and released by converting it', async () => {
    const s = await store();
    await importOrders(s, [{ orderNo: 'T1', phone: '18076980050', province: '西藏自治区', city: '拉萨市', district: '城关区', address: '北京中路36号2单元', ip: '111.11.214.20' }]);
    expect(await s.call('getOrderRisk', { orderNo: 'T1' })).toMatchObject({ held: true, holdReason: 'online_only', level: 'low' });
    const r = await s.call('convertToOnlinePayment', { orderNo: 'T1', note: '微信已付' });
    expect(r).toMatchObject({ held: false, facts: [] });
    expect(s.db.prepare("SELECT payment_method FROM orders WHERE order_no = 'T1'").get()).toEqual({ payment_method: 'online' });
  });
});

describe('the blacklist', () => {
  it('adds from a card (phone, account, name+address) with who and why, and screens the order at once', async () => {
    const s = await store();
    await importOrders(s, [{ orderNo: 'B1', phone: SZ_PHONE, ...shenzhen, address: '科技南路18号3栋502', buyerAccount: 'DY_Abc' }]);
    const added = await s.call('addBlacklist', { entry: { orderNo: 'B1', kinds: ['phone', 'account', 'name_address'] }, reason: 'professional_complainer', note: '以假货索赔三次' });
    expect(added.map((e) => [e.kind, e.value, e.addedBy, e.reason])).toEqual([
      ['phone', SZ_PHONE, '王小丽', 'professional_complainer'],
      ['account', 'dy_abc', '王小丽', 'professional_complainer'],
      ['name_address', expect.stringMatching(/^张秀英#广东\|深圳\|南山区\|科技南路18号3栋502$/), '王小丽', 'professional_complainer'],
    ]);
    const r = await s.call('getOrderRisk', { orderNo: 'B1' });
    expect(r.facts.map((f) => f.kind)).toEqual(['phone', 'account', 'name_address']);
    expect(r).toMatchObject({ level: 'high', held: true });
    expect(outboxRows(s.db).filter((x) => x.entity === 'blacklist')).toHaveLength(3);
  });

  it('an entry that expires stops counting: the hold it caused lifts, also when the app was closed meanwhile', async () => {
    const s = await store();
    await importOrders(s, [
      { orderNo: 'E1', phone: SZ_PHONE, ...shenzhen, address: '科技南路18号3栋502' },
      { orderNo: 'E2', phone: '13049470002', ...shenzhen, address: '科技南路18号3栋503' },
    ]);
    const tomorrow = new Date(s.clock.now.getTime() + 86_400_000).toISOString();
    await s.call('addBlacklist', { entry: { kind: 'phone', value: SZ_PHONE }, reason: 'repeat_refuser', expiresAt: tomorrow });
    await s.call('addBlacklist', { entry: { kind: 'phone', value: '13049470002' }, reason: 'repeat_refuser' });
    expect(await s.call('getOrderRisk', { orderNo: 'E1' })).toMatchObject({ level: 'high', held: true });

    s.clock.advanceMinutes(3 * 24 * 60);
    const after = s.reopen();
    const e1 = await after.call('getOrderRisk', { orderNo: 'E1' });
    expect(e1).toMatchObject({ held: false, holdReason: null });
    expect(e1.facts.map((f) => f.rule)).not.toContain('blacklist');
    expect(history(after, 'E1')).toEqual([
      { field: 'risk_hold', old_value: null, new_value: 'high_risk' },
      { field: 'risk_hold', old_value: 'high_risk', new_value: null },
    ]);
    // The entry without an expiry date still holds its order.
    expect(await after.call('getOrderRisk', { orderNo: 'E2' })).toMatchObject({ level: 'high', held: true });
    // Nothing more to sweep; while the app runs, the sweep (each minute) catches the next expiry.
    expect(sweepExpiredEntries(after.core.ctx)).toEqual({ expired: 0, screened: 0 });
    const soon = new Date(after.clock.now.getTime() + 60 * 60_000).toISOString();
    await after.call('addBlacklist', { entry: { kind: 'phone', value: '13049470002' }, reason: 'repeat_refuser', expiresAt: soon });
    after.clock.advanceMinutes(2 * 24 * 60);
    expect(sweepExpiredEntries(after.core.ctx)).toMatchObject({ expired: 1 });
    expect(await after.call('getOrderRisk', { orderNo: 'E2' })).toMatchObject({ held: false });
  });

  it('the expiry sweep waits while an import in another connection is writing, and catches up after', async () => {
    const s = await store();
    await importOrders(s, [{ orderNo: 'W1', phone: SZ_PHONE, ...shenzhen, address: '科技南路18号3栋502' }]);
    const soon = new Date(s.clock.now.getTime() + 60_000).toISOString();
    await s.call('addBlacklist', { entry: { kind: 'phone', value: SZ_PHONE }, reason: 'repeat_refuser', expiresAt: soon });
    const importer = new Database(s.db.name);
    onTestFinished(() => {
      importer.close();
    });
    importer.exec('BEGIN IMMEDIATE');
    s.clock.advanceMinutes(2 * 24 * 60);
    // At open and on the minute: no error, nothing changed yet.
    const after = s.reopen();
    expect(() => sweepWhenFree(after.core.ctx)).not.toThrow();
    expect(await after.call('getOrderRisk', { orderNo: 'W1' })).toMatchObject({ held: true });
    importer.exec('COMMIT');
    sweepWhenFree(after.core.ctx);
    expect(await after.call('getOrderRisk', { orderNo: 'W1' })).toMatchObject({ held: false });
  });

  it('searches, hides expired entries unless asked, and removes (leads only)', async () => {
    const s = await store();
    await s.call('addBlacklist', { entry: { kind: 'phone', value: '+86 138-0013-8000' }, reason: 'abusive', note: '辱骂快递员' });
    // Blacklisted through today: it has run out once the day is over.
    await s.call('addBlacklist', { entry: { kind: 'account', value: 'ks999' }, reason: 'fraud', expiresAt: endOfDay('2026-11-20', TZ) });
    s.clock.advanceMinutes(24 * 60);
    expect((await s.call('listBlacklist', {})).entries.map((e) => e.value)).toEqual(['13800138000']);
    expect((await s.call('listBlacklist', { includeExpired: true })).total).toBe(2);
    expect((await s.call('listBlacklist', { query: '快递' })).entries.map((e) => e.note)).toEqual(['辱骂快递员']);
    // A number searched the way people write it finds the entry.
    for (const query of ['138 0013 8000', '+86 138-0013-8000', '0013']) {
      expect((await s.call('listBlacklist', { query })).entries.map((e) => e.value)).toEqual(['13800138000']);
    }
    // Not a phone number anyone could order with: refused, nothing added.
    for (const value of ['12345', '99999999999']) {
      await callcardError(() => s.call('addBlacklist', { entry: { kind: 'phone', value }, reason: 'other' }), 'blacklist_bad_value');
    }
    expect((await s.call('listBlacklist', { includeExpired: true })).total).toBe(2);
    const id = (await s.call('listBlacklist', {})).entries[0].id;
    await setRoles(s, ['agent']);
    await callcardError(() => s.call('removeBlacklist', { id }), 'lead_only');
    await setRoles(s, ['agent', 'lead']);
    expect(await s.call('removeBlacklist', { id })).toEqual({ removed: 1 });
    expect((await s.call('listBlacklist', {})).total).toBe(0);
    await callcardError(() => s.call('addBlacklist', { entry: { kind: 'phone', value: 'abc' }, reason: 'other' }), 'blacklist_bad_value');
  });

  it('exports a CSV Excel opens (BOM, formulas defused) and imports it back, GBK and Chinese headers too', async () => {
    const s = await store();
    await s.call('addBlacklist', { entry: { kind: 'phone', value: '13800138000' }, reason: 'abusive', note: '=HYPERLINK("x")' });
    await s.call('addBlacklist', { entry: { kind: 'name_address', name: '孙丽', province: '广东', city: '深圳', district: '宝安区', address: '宝安大道100号2栋1203' }, reason: 'fraud' });
    const out = await s.call('exportBlacklist', {});
    const bytes = Buffer.from(out.contentBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(`"'=HYPERLINK(""x"")"`);

    const t = await store();
    expect(await t.call('importBlacklist', { fileName: 'b.csv', contentBase64: out.contentBase64 })).toEqual({ imported: 2, rejected: [], notices: [] });
    expect((await t.call('listBlacklist', {})).entries.map((e) => [e.kind, e.note]).sort()).toEqual([
      ['name_address', ''],
      ['phone', '=HYPERLINK("x")'],
    ]);

    const gbk = iconv.encode(
      buildCsv([
        ['类型', '值', '原因', '备注', '到期时间'],
        ['手机号', '139 4510 1234', '职业打假人', '', '2027-06-30'],
        ['账号', 'dy777', '多次拒收', '', ''],
        ['邮箱', 'x@y.z', '其他', '', ''],
        ['手机号', '12', '其他', '', ''],
      ]),
      'gb18030',
    );
    const r = await t.call('importBlacklist', { fileName: 'gbk.csv', contentBase64: gbk.toString('base64') });
    expect(r).toEqual({ imported: 2, rejected: [{ row: 4, code: 'bad_kind', value: '邮箱' }, { row: 5, code: 'bad_value', value: '12' }], notices: [] });
    const phone = (await t.call('listBlacklist', { kind: 'phone' })).entries.find((e) => e.value === '13945101234')!;
    expect(phone).toMatchObject({ reason: 'professional_complainer', expired: false, expiresOn: '2027-06-30', expiresAt: '2027-06-30T16:00:00.000Z' });
  });
});

describe('the blacklist, as a lead reads and writes it', () => {
  const zh = translator('zh-CN');
  const en = translator('en');
  /** What a lead compares after a round trip: everything an entry says (its id and when it was added are new). */
  const entries = async (s: TestStore) =>
    (await s.call('listBlacklist', { includeExpired: true })).entries
      .map(({ kind, value, display, reason, note, addedBy, expiresAt, expiresOn, expired }) => ({ kind, value, display, reason, note, addedBy, expiresAt, expiresOn, expired }))
      .sort((a, b) => `${a.kind}${a.value}`.localeCompare(`${b.kind}${b.value}`));
  const csvText = (b64: string) => Buffer.from(b64, 'base64').toString('utf8').replace(/^\uFEFF/, '');
  const importCsv = (s: TestStore, rows: string[][]) => s.call('importBlacklist', { fileName: 'b.csv', contentBase64: Buffer.from(buildCsv(rows)).toString('base64') });

  it('an expiry date is the last day the entry counts, shown as that date with its year', async () => {
    const s = await store();
    const [e] = await s.call('addBlacklist', { entry: { kind: 'phone', value: SZ_PHONE }, reason: 'fraud', expiresAt: endOfDay('2027-06-30', TZ) });
    expect(e).toMatchObject({ expiresOn: '2027-06-30', expiresAt: '2027-06-30T16:00:00.000Z', expired: false });
    // An instant inside a day (the API, an old client) counts through the end of that business day.
    const [a] = await s.call('addBlacklist', { entry: { kind: 'account', value: 'dy1' }, reason: 'fraud', expiresAt: '2027-06-30T02:00:00.000Z' });
    expect(a).toMatchObject({ expiresOn: '2027-06-30', expiresAt: '2027-06-30T16:00:00.000Z' });
    // Today counts until its last minute.
    await s.call('addBlacklist', { entry: { kind: 'account', value: 'dy2' }, reason: 'fraud', expiresAt: endOfDay('2026-11-20', TZ) });
    s.clock.set('2026-11-20T15:59:00.000Z'); // 23:59 in Shanghai
    expect((await s.call('listBlacklist', { kind: 'account' })).entries.map((x) => [x.value, x.expiresOn])).toEqual([['dy2', '2026-11-20'], ['dy1', '2027-06-30']]);
    s.clock.set('2026-11-20T16:00:00.000Z');
    expect((await s.call('listBlacklist', { kind: 'account', includeExpired: true })).entries.find((x) => x.value === 'dy2')).toMatchObject({ expired: true, expiresOn: '2026-11-20' });
  });

  it('the card says through which day an entry counts', async () => {
    const s = await store();
    await importOrders(s, [{ orderNo: 'X1', phone: SZ_PHONE, ...shenzhen, address: '科技南路18号3栋502' }]);
    await s.call('addBlacklist', { entry: { kind: 'phone', value: SZ_PHONE }, reason: 'fraud', expiresAt: endOfDay('2027-06-30', TZ) });
    const fact = (await s.call('getOrderRisk', { orderNo: 'X1' })).facts.find((f) => f.rule === 'blacklist_hit')!;
    expect(fact.params.until).toBe('2027-06-30');
    expect(riskFactText(zh, fact)).toBe(`手机号 ${SZ_PHONE} 在黑名单上：欺诈 / 敲诈（到期日 2027-06-30）`);
    expect(riskFactText(en, fact)).toBe(`Phone ${SZ_PHONE} is on the blacklist: Fraud or extortion (through 2027-06-30)`);
  });

  it('refuses an expiry date already over, saying so in words; nothing is added', async () => {
    const s = await store();
    const e = await callcardError(
      () => s.call('addBlacklist', { entry: { kind: 'phone', value: SZ_PHONE }, reason: 'fraud', expiresAt: endOfDay('2026-11-19', TZ) }),
      'blacklist_expiry_past',
    );
    expect(e.params).toMatchObject({ date: '2026-11-19', today: '2026-11-20' });
    expect(zh(`errors.${e.code}`, e.params)).toBe('到期日 2026-11-19 已经过了，这样的条目不会生效：请选今天（2026-11-20）或以后的日期，或留空为永久。');
    expect((await s.call('listBlacklist', { includeExpired: true })).total).toBe(0);
  });

  it('names the kind in words, not by its code, when a value cannot be blacklisted', async () => {
    const s = await store();
    const e = await callcardError(() => s.call('addBlacklist', { entry: { kind: 'phone', value: '12345' }, reason: 'other' }), 'blacklist_bad_value');
    const zhText = zh(`errors.${e.code}`, e.params);
    expect(zhText).toBe('“12345”不能按手机号加入黑名单：请填 11 位手机号，或带区号的固话（如 010-65529988）。');
    expect(zhText).not.toContain('phone');
    expect(translator('zh-TW')(`errors.${e.code}`, e.params)).toContain('依手機號');
    expect(en(`errors.${e.code}`, e.params)).toBe('"12345" cannot be blacklisted as Phone: enter an 11-digit mobile number, or a landline with its area code (e.g. 010-65529988).');
    // An order without a buyer account cannot be blacklisted by account: said as such.
    await importOrders(s, [{ orderNo: 'NA1', phone: SZ_PHONE, ...shenzhen, address: '科技南路18号3栋502', buyerAccount: '' }]);
    const na = await callcardError(() => s.call('addBlacklist', { entry: { orderNo: 'NA1', kinds: ['account'] }, reason: 'other' }), 'blacklist_no_account');
    expect(zh(`errors.${na.code}`, na.params)).toContain('订单 NA1 没有买家账号');
  });

  it('exports in the lead\'s language (dates as dates) and the file imports back unchanged into an empty store', async () => {
    const s = await store();
    await s.call('addBlacklist', { entry: { kind: 'phone', value: '13800138000' }, reason: 'professional_complainer', note: '以假货索赔', expiresAt: endOfDay('2027-06-30', TZ) });
    await s.call('addBlacklist', { entry: { kind: 'account', value: 'DY_777' }, reason: 'fake_orders' });
    await s.call('addBlacklist', { entry: { kind: 'name_address', name: '孙丽', province: '广东省', city: '深圳市', district: '宝安区', address: '宝安大道100号2号楼1203室' }, reason: 'abusive', note: '=1+1' });
    await s.call('addBlacklist', { entry: { kind: 'phone', value: '010-6552 9988' }, reason: 'other', note: '原因：乱写原因', expiresAt: endOfDay('2026-12-05', TZ) });
    const want = await entries(s);

    const zhCsv = csvText((await s.call('exportBlacklist', {})).contentBase64);
    const lines = zhCsv.split('\r\n');
    expect(lines[0]).toBe('类型,号码或账号,姓名,省份,城市,区县,地址,原因,备注,到期日,添加人');
    expect(zhCsv).toContain('手机号,13800138000,,,,,,职业打假人,以假货索赔,2027-06-30,王小丽');
    expect(zhCsv).toContain('买家账号,DY_777,,,,,,虚假下单 / 恶意下单,,永久,王小丽');
    expect(zhCsv).toContain('手机号,01065529988,,,,,,其他,原因：乱写原因,2026-12-05,王小丽');
    // A person by name and address, each in its own column as written; the number column is left empty.
    expect(zhCsv).toContain(`姓名+地址,,孙丽,广东省,深圳市,宝安区,宝安大道100号2号楼1203室,恶意买家 / 辱骂,'=1+1,永久,王小丽`);
    expect(zhCsv).not.toContain('#');
    // No instants and no English codes in the Chinese file.
    expect(zhCsv).not.toMatch(/T\d\d:\d\d|\bphone\b|\bfraud\b|professional_complainer/);

    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
      const file = await s.call('exportBlacklist', { lang });
      const t = await store();
      expect(await t.call('importBlacklist', { fileName: file.fileName, contentBase64: file.contentBase64 }), lang).toEqual({ imported: 4, rejected: [], notices: [] });
      expect(await entries(t), lang).toEqual(want);
    }
    const enCsv = csvText((await s.call('exportBlacklist', { lang: 'en' })).contentBase64);
    expect(enCsv.split('\r\n')[0]).toBe('Kind,Phone or account,Name,Province,City,District,Address,Reason,Note,Blacklisted through,Added by');
    expect(enCsv).toContain('Phone,13800138000,,,,,,Professional complainer (职业打假人),以假货索赔,2027-06-30,王小丽');
  });

  it('still reads an older export that put a person\'s matching key in the number column', async () => {
    const s = await store();
    const r = await importCsv(s, [
      ['类型', '号码或账号', '姓名', '省份', '城市', '区县', '地址', '原因', '备注', '到期日', '添加人'],
      ['姓名+地址', '孙丽#广东|深圳|宝安区|宝安大道100号2栋1203', '孙丽', '', '', '', '孙丽 / 广东深圳宝安区宝安大道100号2栋1203', '恶意买家', '', '永久', '王小丽'],
    ]);
    expect(r).toEqual({ imported: 1, rejected: [], notices: [] });
    // The same person added by hand later is that entry, not a second one.
    await s.call('addBlacklist', { entry: { kind: 'name_address', name: '孙丽', province: '广东省', city: '深圳市', district: '宝安区', address: '宝安大道100号2号楼1203室' }, reason: 'fraud' });
    const people = (await s.call('listBlacklist', { kind: 'name_address' })).entries;
    expect(people).toHaveLength(1);
    expect(people[0]?.reason).toBe('fraud');
    // That older file again: the entry takes its reason, and keeps the words and parts it now has.
    const written = people[0]!.display;
    expect(written).toBe('孙丽 / 广东省深圳市宝安区宝安大道100号2号楼1203室');
    await importCsv(s, [
      ['类型', '号码或账号', '姓名', '省份', '城市', '区县', '地址', '原因', '备注', '到期日', '添加人'],
      ['姓名+地址', '孙丽#广东|深圳|宝安区|宝安大道100号2栋1203', '孙丽', '', '', '', '孙丽 / 广东深圳宝安区宝安大道100号2栋1203', '恶意买家', '', '永久', '王小丽'],
    ]);
    const again = (await s.call('listBlacklist', { kind: 'name_address' })).entries;
    expect(again.map((e) => [e.reason, e.display])).toEqual([['abusive', written]]);
    expect(csvText((await s.call('exportBlacklist', {})).contentBase64)).toContain('姓名+地址,,孙丽,广东省,深圳市,宝安区,宝安大道100号2号楼1203室,恶意买家 / 辱骂,');
  });

  it('an entry from a store older than its parts (only a key, even one without a street) exports and imports back as it was', async () => {
    const s = await store();
    await importCsv(s, [
      ['类型', '值', '原因'],
      ['姓名+地址', '张三#广东|广州|天河区|', '欺诈'],
    ]);
    const want = await entries(s);
    const file = await s.call('exportBlacklist', {});
    const t = await store();
    expect(await t.call('importBlacklist', { fileName: file.fileName, contentBase64: file.contentBase64 })).toEqual({ imported: 1, rejected: [], notices: [] });
    expect(await entries(t)).toEqual(want);
  });

  it('imports the first of two rows for the same number and reports the other, so nothing is replaced unsaid', async () => {
    const s = await store();
    const r = await importCsv(s, [
      ['类型', '值', '原因', '备注', '到期时间'],
      ['手机号', '13800138000', '职业打假人', '以假货索赔', '2027-06-30'],
      ['手机号', '13900000001', '欺诈', '', ''],
      ['手机号', '+86 138-0013-8000', '其他', '重复行', ''],
    ]);
    expect(r).toEqual({ imported: 2, rejected: [{ row: 4, code: 'duplicate_row', value: '2' }], notices: [] });
    expect(zh('risk.rejects.duplicate_row', r.rejected[0])).toBe('第 4 行：与第 2 行是同一个对象，只导入了第 2 行（两行的原因都要保留的话，请合并成一行）');
    const kept = (await s.call('listBlacklist', { query: '13800138000' })).entries;
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ reason: 'professional_complainer', note: '以假货索赔', expiresOn: '2027-06-30' });
  });

  it('reads reasons by code, by label in any language and by close synonyms; what matches nothing is kept and said', async () => {
    const s = await store();
    const r = await importCsv(s, [
      ['类型', '值', '原因', '备注', '到期时间'],
      ['手机号', '13900000001', '虚假下单', '', ''],
      ['手机号', '13900000002', '恶意下单', '', ''],
      ['手机号', '13900000003', 'fraud', '', ''],
      ['手机号', '13900000004', 'Fraud or extortion', '', ''],
      ['手机号', '13900000005', '詐騙', '', ''],
      ['手机号', '13900000006', '職業打假人', '', ''],
      ['手机号', '13900000007', '乱写原因', '打过客服三次', ''],
      ['手机号', '13900000008', '随便写', '', ''],
      ['手机号', '13900000009', '', '', ''],
      ['手机号', '13900000010', '多次拒收', '', '2026-11-01'],
      ['手机号', '13900000011', 'repeat_refuser', '', '2027-06-30T16:00:00.000Z'],
      ['手机号', '13900000012', '其它', '', '2027年7月1日'],
      ['手机号', '13900000013', 'Other', '', '永久'],
      ['手机号', '13900000014', '其他', '', '下个月'],
    ]);
    expect(r.rejected).toEqual([
      { row: 11, code: 'expired', value: '2026-11-01' },
      { row: 15, code: 'bad_expiry', value: '下个月' },
    ]);
    expect(r.notices).toEqual([
      { row: 8, code: 'reason_other', value: '乱写原因' },
      { row: 9, code: 'reason_other', value: '随便写' },
      { row: 10, code: 'reason_empty', value: '' },
    ]);
    expect(r.imported).toBe(12);
    const got = Object.fromEntries((await s.call('listBlacklist', {})).entries.map((e) => [e.value.slice(-2), [e.reason, e.note, e.expiresOn]]));
    expect(got).toEqual({
      '01': ['fake_orders', '', null],
      '02': ['fake_orders', '', null],
      '03': ['fraud', '', null],
      '04': ['fraud', '', null],
      '05': ['fraud', '', null],
      '06': ['professional_complainer', '', null],
      '07': ['other', '原因：乱写原因；打过客服三次', null],
      '08': ['other', '原因：随便写', null],
      '09': ['other', '', null],
      '11': ['repeat_refuser', '', '2027-06-30'],
      '12': ['other', '', '2027-07-01'],
      '13': ['other', '', null],
    });
    // Every row said, in the lead's words.
    expect(zh('blacklist.importNotices.reason_other', r.notices[0])).toBe('第 8 行：原因“乱写原因”不在原因列表里，已记为“其他”，原文写进了备注');
    expect(zh('risk.rejects.expired', r.rejected[0])).toBe('第 11 行：到期日 2026-11-01 已经过了，未导入（过期的条目不再生效）');
  });
});

describe('the phone prefix table', () => {
  it('fills ranges the bundled data lacks: an unknown 199 number is quiet until its range is imported', async () => {
    const s = await store();
    await importOrders(s, [{ orderNo: 'P1', phone: '19912345678', ...shenzhen, address: '科技南路18号3栋502' }]);
    let r = await s.call('getOrderRisk', { orderNo: 'P1' });
    expect(r.regions.phone).toBeUndefined();
    expect(r.facts).toEqual([]);
    const csv = buildCsv([['号段', '省份', '城市'], ['1991234', '黑龙江省', '哈尔滨市'], ['19912', '广东', '深圳'], ['1991235', '火星', '']]);
    const imported = await s.call('importPhonePrefixes', { fileName: 'p.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(imported).toEqual({ imported: 1, rejected: [{ row: 3, code: 'bad_prefix', value: '19912' }, { row: 4, code: 'unknown_province', value: '火星' }] });
    r = await s.call('getOrderRisk', { orderNo: 'P1' });
    expect(r.regions.phone?.label).toBe('黑龙江哈尔滨');
    expect(r.facts.map((f) => f.messageKey)).toEqual(['risk.facts.phone_region_mismatch.province']);
    expect(await s.call('phonePrefixCount', {})).toEqual({ count: 1 });
  });

  it('also wins over the bundled data, and takes a headerless file', async () => {
    const s = await store();
    await importOrders(s, [{ orderNo: 'P2', phone: SZ_PHONE, ...shenzhen, address: '科技南路18号3栋502' }]);
    expect((await s.call('getOrderRisk', { orderNo: 'P2' })).facts).toEqual([]);
    const csv = '1304947,河南,郑州\r\n';
    await s.call('importPhonePrefixes', { fileName: 'p.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect((await s.call('getOrderRisk', { orderNo: 'P2' })).regions.phone?.label).toBe('河南郑州');
  });
});

describe('settings', () => {
  it('change weights, thresholds, the remote list and the comparison level, then screen the open orders again', async () => {
    const s = await store();
    await importOrders(s, [{ orderNo: 'S1', phone: '13038800001', ...shenzhen, ip: '121.15.122.2', address: '科技南路18号3栋502' }]);
    expect((await s.call('getOrderRisk', { orderNo: 'S1' })).facts).toEqual([]); // a Dongguan number, Shenzhen address: same province
    const { settings, rescreened } = await s.call('updateRiskSettings', {
      patch: { compareLevel: 'city', rules: { phone_region_mismatch: { weight: 70 }, remote_area: { areas: [{ province: '广东省', city: '深圳市' }] } } },
    });
    expect(settings.rules.remote_area.areas).toEqual([{ province: '广东', city: '深圳' }]);
    expect(settings.rules.duplicate_order.windowHours).toBe(24);
    expect(rescreened.screened).toBe(1);
    const r = await s.call('getOrderRisk', { orderNo: 'S1' });
    expect(r.facts.map((f) => `${f.rule}.${f.kind}`)).toEqual(['phone_region_mismatch.city', 'remote_area.cod']);
    expect(r).toMatchObject({ level: 'high', holdReason: 'online_only' });
    await callcardError(() => s.call('updateRiskSettings', { patch: { thresholds: { medium: 80, high: 40 } } }), 'risk_settings_invalid');
    await callcardError(() => s.call('updateRiskSettings', { patch: { rules: { remote_area: { areas: [{ province: '火星' }] } } } }), 'risk_unknown_province');
    // Saved settings survive a restart.
    expect((await s.reopen().call('getRiskSettings', {})).compareLevel).toBe('city');
  });
});

describe('settings a lead gets wrong', () => {
  const zh = translator('zh-CN');
  it('are refused by the core in words naming the rule and the field, never as a schema path or a code', async () => {
    const s = await store();
    const before = await s.call('getRiskSettings', {});
    // What the form once sent for an emptied window (0), a medium line above the high one, a negative weight.
    let e = await callcardError(() => s.call('updateRiskSettings', { patch: { rules: { duplicate_order: { windowHours: 0 } } } }), 'risk_settings_invalid_rule');
    expect(e.params).toMatchObject({ path: 'rules.duplicate_order.windowHours', rule: 'duplicate_order', field: 'windowHours', problem: 'range', min: 1, max: 2160 });
    expect(zh(`errors.${e.code}`, e.params)).toBe('风险规则没有保存：“重复下单”的“时间窗口（小时）”请填 1 到 2160 之间的整数。');
    expect(translator('en')(`errors.${e.code}`, e.params)).toBe(
      'The risk rules were not saved: "Duplicate orders", "Window (hours)" — enter a whole number from 1 to 2160.',
    );

    e = await callcardError(() => s.call('updateRiskSettings', { patch: { thresholds: { medium: 70, high: 60 } } }), 'risk_settings_invalid');
    expect(zh(`errors.${e.code}`, e.params)).toBe('风险规则没有保存：“中风险线”要低于高风险线（现在是 70，高风险线是 60）。');
    expect(translator('en')(`errors.${e.code}`, e.params)).toBe('The risk rules were not saved: "Medium from" — must be below the high line (now 70; high is 60).');

    e = await callcardError(() => s.call('updateRiskSettings', { patch: { rules: { vague_address: { weight: -5 } } } }), 'risk_settings_invalid_rule');
    expect(zh(`errors.${e.code}`, e.params)).toBe('风险规则没有保存：“地址不详”的“分值”请填 0 到 200 之间的整数。');
    e = await callcardError(() => s.call('updateRiskSettings', { patch: { rules: { buyer_history: { maxCounted: 1.5 } } } }), 'risk_settings_invalid_rule');
    expect(zh(`errors.${e.code}`, e.params)).toBe('风险规则没有保存：“买家拒收记录”的“最多计入几单”请填 1 到 10 之间的整数。');
    e = await callcardError(() => s.call('updateRiskSettings', { patch: { rules: { remote_area: { areas: [{ province: '西藏' }, { province: 'x'.repeat(31) }] } } } }), 'risk_settings_invalid');
    expect(e.params.path).toBe('rules.remote_area.areas');
    expect(zh(`errors.${e.code}`, e.params)).toBe('风险规则没有保存：“偏远地区名单”第 2 行写得不对：每行写“省”或“省 市”，省份最多 30 个字，城市最多 40 个字。');
    // Nothing was saved.
    expect(await s.call('getRiskSettings', {})).toEqual(before);
  });
});

describe('the card', () => {
  it('shows an unscreened order screened on the spot (orders from before screening existed)', async () => {
    const s = await store();
    await importFile(s, 'o.csv', ordersCsv([sampleOrder({ orderNo: 'C1', phone: HRB_PHONE, ...shenzhen })]));
    s.db.prepare('DELETE FROM order_risk').run();
    await s.call('updateSettings', { settings: { callingHours: { start: '00:00', end: '24:00' } } });
    const { card } = await s.call('nextCard', {});
    expect(card?.risk).toMatchObject({ orderNo: 'C1', level: 'low', facts: [{ rule: 'phone_region_mismatch' }], screenedAt: s.clock.iso() });
    expect(card?.risk?.regions).toMatchObject({ phone: { label: '黑龙江哈尔滨' }, ship: { label: '广东深圳' } });
  });
});

describe('callcard risk', () => {
  it('prints {"orders":[{"order_no","level","facts":[{"rule","message"}]}]} in the chosen language', async () => {
    const s = await store();
    await importOrders(s, [
      { orderNo: 'CLI1', phone: HRB_PHONE, ...shenzhen, address: '科技南路18号3栋502' },
      { orderNo: 'CLI2', phone: SZ_PHONE, ...shenzhen, address: '科技南路20号3栋502', buyerAccount: 'c2' },
    ]);
    const dataDir = s.dataDir;
    s.core.close();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await runCli(['risk', '--all', '--json', '--lang', 'zh-CN', '--data-dir', dataDir])).toBe(0);
      const all = JSON.parse(String(log.mock.calls.at(-1)![0]));
      expect(all).toEqual({
        orders: [
          { order_no: 'CLI1', level: 'low', facts: [{ rule: 'phone_region_mismatch', message: '手机号归属地 黑龙江哈尔滨，收货地址 广东深圳' }] },
          { order_no: 'CLI2', level: 'low', facts: [] },
        ],
      });
      expect(await runCli(['risk', '--order', 'CLI1', '--json', '--lang', 'en', '--data-dir', dataDir])).toBe(0);
      expect(JSON.parse(String(log.mock.calls.at(-1)![0]))).toEqual({
        orders: [{ order_no: 'CLI1', level: 'low', facts: [{ rule: 'phone_region_mismatch', message: 'Phone registered in 黑龙江哈尔滨, shipping to 广东深圳' }] }],
      });
      const file = join(tempDataDir(), 'p.csv');
      writeFileSync(file, '1304947,黑龙江,哈尔滨\n');
      expect(await runCli(['prefixes', 'import', file, '--json', '--data-dir', dataDir])).toBe(0);
      expect(await runCli(['blacklist', 'add', 'phone', SZ_PHONE, '--reason', 'fraud', '--data-dir', dataDir])).toBe(0);
      expect(await runCli(['blacklist', 'list', '--json', '--data-dir', dataDir])).toBe(0);
      expect(JSON.parse(String(log.mock.calls.at(-1)![0])).entries[0]).toMatchObject({ kind: 'phone', value: SZ_PHONE, reason: 'fraud' });
      await expect(runCli(['risk', '--order', 'X', '--all', '--data-dir', dataDir])).rejects.toThrow(/Usage: callcard risk/);
      // A word after "risk" (a blacklist command typed under it) is a usage error, not a screening of every order.
      await expect(runCli(['risk', 'blacklist', 'export', 'f.csv', '--data-dir', dataDir])).rejects.toThrow(/Usage: callcard risk/);
    } finally {
      log.mockRestore();
    }
  });
});

describe('finding orders by risk', () => {
  it('the orders list filters by level and by held; the CLI takes --risk', async () => {
    const s = await store();
    await s.call('loadDemo', {});
    const levels = s.db.prepare('SELECT level, count(*) AS n FROM order_risk GROUP BY level').all() as { level: string; n: number }[];
    const heldNos = (s.db.prepare('SELECT o.order_no FROM order_risk r JOIN orders o ON o.id = r.order_id WHERE r.held = 1 ORDER BY o.order_no').all() as { order_no: string }[]).map((r) => r.order_no);
    expect(heldNos.length).toBeGreaterThan(0);
    const held = await s.call('listOrders', { risk: 'held', limit: 500 });
    expect(held.total).toBe(heldNos.length);
    expect(held.orders.map((o) => o.orderNo).sort()).toEqual(heldNos);
    for (const { level, n } of levels) {
      const page = await s.call('listOrders', { risk: level as 'low' | 'medium' | 'high', limit: 500 });
      expect(page.total).toBe(n);
      const views = await Promise.all(page.orders.slice(0, 5).map((o) => s.call('getOrderRisk', { orderNo: o.orderNo })));
      for (const v of views) expect(v.level).toBe(level);
    }
    // With the other filters: held and still to verify.
    expect((await s.call('listOrders', { risk: 'held', status: 'pending_verify', limit: 500 })).total).toBe(heldNos.length);
    expect((await s.call('listOrders', { risk: 'held', status: 'signed', limit: 500 })).total).toBe(0);
    await callcardError(() => s.call('listOrders', { risk: 'severe' as never }), 'invalid_arguments');

    const dataDir = s.dataDir;
    s.core.close();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await runCli(['orders', 'list', '--risk', 'held', '--json', '--data-dir', dataDir])).toBe(0);
      const out = JSON.parse(String(log.mock.calls.at(-1)![0])) as { orders: { order_no: string }[]; total: number };
      expect(out.total).toBe(heldNos.length);
      expect(out.orders.map((o) => o.order_no).sort()).toEqual(heldNos);
    } finally {
      log.mockRestore();
    }
  });
});

describe('the verify call itself', () => {
  it('confirming a held order on its call card lifts the hold; a correction is screened again', async () => {
    const s = await store();
    await s.call('updateSettings', { settings: { callingHours: { start: '00:00', end: '24:00' } } });
    await importOrders(s, [
      { orderNo: 'H9', phone: HRB_PHONE, ...shenzhen, ip: '123.83.48.54', address: '广场西边小卖部' },
      { orderNo: 'H10', phone: '13800138000', ...shenzhen, address: '广场西边小卖部' },
    ]);
    expect(await s.call('getOrderRisk', { orderNo: 'H9' })).toMatchObject({ level: 'high', held: true });
    let card = (await s.call('nextCard', {})).card!;
    while (card.order.orderNo !== 'H9') card = (await s.call('recordOutcome', { taskId: card.taskId, outcome: 'busy' })).card!;
    const shown = await s.call('getOrderRisk', { orderNo: 'H9' });
    s.clock.advanceMinutes(3);
    const next = await s.call('recordOutcome', { taskId: card.taskId, outcome: 'confirmed' });
    const confirmed = await s.call('getOrderRisk', { orderNo: 'H9' });
    // Confirmed against the assessment the card showed: not screened again.
    expect(confirmed).toMatchObject({ held: false, confirmedAt: s.clock.iso(), screenedAt: shown.screenedAt, score: shown.score });
    expect(history(s, 'H9')).toEqual([{ field: 'risk_hold', old_value: 'high_risk', new_value: null }]);
    // A plain confirmation stands on the assessment the card showed; screening the whole store
    // again afterwards finds the same facts and keeps the order released.
    s.clock.advanceMinutes(1);
    await s.call('rescreen', { all: true });
    const { screenedAt: _screenedAt, ...rest } = confirmed;
    expect(await s.call('getOrderRisk', { orderNo: 'H9' })).toMatchObject(rest);

    // The other order's vague address is corrected on its call: its vague-address fact goes away.
    const before = await s.call('getOrderRisk', { orderNo: 'H10' });
    expect(before.facts.map((f) => f.rule)).toContain('vague_address');
    const h10 = next.card?.order.orderNo === 'H10' ? next.card : (await s.call('nextCard', {})).card!;
    expect(h10.order.orderNo).toBe('H10');
    await s.call('recordOutcome', { taskId: h10.taskId, outcome: 'corrected', corrections: { address: '深南大道6008号特区报业大厦12楼1205室' } });
    const after = await s.call('getOrderRisk', { orderNo: 'H10' });
    expect(after.facts.map((f) => f.rule)).not.toContain('vague_address');
  });

  it('an order changed by an unscreened import is screened when confirmed: the card\'s facts were out of date', async () => {
    const s = await store();
    await s.call('updateSettings', { settings: { callingHours: { start: '00:00', end: '24:00' } } });
    await importFile(s, 'o.csv', ordersCsv([sampleOrder({ orderNo: 'U1' })]));
    await s.call('updateRiskSettings', { patch: { screenOnImport: false } });
    s.clock.advanceMinutes(10);
    await importFile(s, 'o2.csv', ordersCsv([sampleOrder({ orderNo: 'U1', province: '西藏自治区', city: '拉萨市', district: '城关区', address: '北京中路1号' })]));
    const card = (await s.call('nextCard', { flow: 'verify' })).card!;
    expect(card.order.orderNo).toBe('U1');
    expect(card.risk?.facts.map((f) => f.rule)).not.toContain('remote_area');
    await s.call('recordOutcome', { taskId: card.taskId, outcome: 'confirmed' });
    const r = await s.call('getOrderRisk', { orderNo: 'U1' });
    expect(r.facts.map((f) => f.rule)).toContain('remote_area');
    expect(r).toMatchObject({ held: true, holdReason: 'online_only', confirmedAt: s.clock.iso() });
  });

  it('refusals reach the buyer\'s other orders still to ship, however old they are; a plain confirmation keeps the COD hold', async () => {
    const s = await store();
    await s.call('updateSettings', { settings: { callingHours: { start: '00:00', end: '24:00' } } });
    const P = '13800138000';
    await importFile(s, 'a.csv', ordersCsv([
      sampleOrder({ orderNo: 'A1', phone: P, orderedAt: '2026-11-10 09:00', status: '已发货' }),
      sampleOrder({ orderNo: 'A2', phone: P, orderedAt: '2026-11-12 09:00', status: '已发货' }),
      sampleOrder({ orderNo: 'B', phone: P, orderedAt: '2026-11-20 09:15', status: '待发货' }),
    ]));
    expect(await s.call('getOrderRisk', { orderNo: 'B' })).toMatchObject({ held: false });
    // Eight days later than the window: both earlier parcels come back refused.
    s.clock.advanceMinutes(30);
    await importFile(s, 'a2.csv', ordersCsv([
      sampleOrder({ orderNo: 'A1', phone: P, orderedAt: '2026-11-10 09:00', status: '拒收' }),
      sampleOrder({ orderNo: 'A2', phone: P, orderedAt: '2026-11-12 09:00', status: '拒收' }),
    ]));
    const b = await s.call('getOrderRisk', { orderNo: 'B' });
    expect(b.facts.find((f) => f.rule === 'buyer_history')).toMatchObject({ kind: 'cod_restricted' });
    expect(b).toMatchObject({ held: true, holdReason: 'online_only' });
    const card = (await s.call('nextCard', { flow: 'verify' })).card!;
    expect(card.order.orderNo).toBe('B');
    expect(card.risk?.holdReason).toBe('online_only');
    await s.call('recordOutcome', { taskId: card.taskId, outcome: 'confirmed' });
    expect(await s.call('getOrderRisk', { orderNo: 'B' })).toMatchObject({ held: true, holdReason: 'online_only' });
  });
});
