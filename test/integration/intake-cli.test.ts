/** `callcard import` (profiles, sheets, rejected rows out), `import-courier` and `profiles`, as a user runs them. */
import { spawnSync } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildCsv, tempDataDir } from '../helpers/store';
import { courierCsv, douyinCsv } from '../helpers/intake';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/callcard.mjs', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const SAMPLES = join(import.meta.dirname, '../../resources/samples');

describe('callcard import', () => {
  test('imports a GBK export and an XLSX sheet, writes the rejected rows, then a courier file opens track and revisit cards', () => {
    const dataDir = tempDataDir();
    const rejectedOut = join(dataDir, 'rejected.csv');
    const a = cli(['import', join(SAMPLES, 'douyin-orders-gbk.csv'), '--data-dir', dataDir, '--json', '--rejected-out', rejectedOut, '--lang', 'en']);
    expect(a.code).toBe(0);
    const s = JSON.parse(a.out);
    expect(s).toMatchObject({ total_rows: 60, created: 59, rejected_count: 1, encoding: 'gb18030', kind: 'orders', rejected_out: rejectedOut });
    expect(s.rejected).toEqual([expect.objectContaining({ field: 'amount', code: 'bad_amount', reason: 'Amount (yuan) is not an amount of money: “面议”' })]);
    expect(s.tasks_opened.verify).toBeGreaterThan(40);
    const rejected = readFileSync(rejectedOut, 'utf8');
    expect(rejected.startsWith('\uFEFF订单号,收件人姓名')).toBe(true);
    expect(rejected).toContain('面议');
    expect(rejected.trimEnd().split('\r\n')).toHaveLength(2);

    const b = cli(['import', join(SAMPLES, 'orders-with-title.xlsx'), '--sheet', '订单', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(b.out)).toMatchObject({ created: 40, sheet: '订单' });

    const c = cli(['import-courier', join(SAMPLES, 'courier-status.csv'), '--data-dir', dataDir, '--json']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.out)).toMatchObject({ kind: 'courier', rejected_count: 0, tasks_opened: { track: expect.any(Number), revisit: expect.any(Number) } });
  });

  test('--profile maps a file by a saved profile; profiles list shows it', () => {
    const dataDir = tempDataDir();
    const header = ['编号', '客户', '号码', '收货位置', '钱'];
    const file = join(dataDir, 'custom.csv');
    writeFileSync(file, buildCsv([header, ['K1', '张三', '13800138000', '农业路38号', '99']]));
    // Nothing recognisable without a profile.
    const bare = cli(['import', file, '--data-dir', dataDir, '--json']);
    expect(bare.code).toBe(1);
    expect(JSON.parse(bare.out).error.code).toBe('import_no_columns');
    // A profile saved through the contract, as the import screen saves it.
    const saved = cli([
      'api', 'saveImportProfile',
      JSON.stringify({ name: '自建站', kind: 'orders', headers: header, mapping: { orderNo: 0, customerName: 1, phone: 2, address: 3, amount: 4 } }),
      '--data-dir', dataDir,
    ]);
    expect(saved.code).toBe(0);
    const withProfile = cli(['import', file, '--profile', '自建站', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(withProfile.out)).toMatchObject({ created: 1, profile: '自建站' });
    const list = JSON.parse(cli(['profiles', 'list', '--data-dir', dataDir, '--json']).out);
    expect(list.profiles).toEqual([expect.objectContaining({ name: '自建站', kind: 'orders' })]);
    const missing = cli(['import', file, '--profile', '没有这个', '--data-dir', dataDir, '--json', '--lang', 'en']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('There is no import profile named "没有这个"');
  });

  test('bad files exit 1 with a message in words: empty, binary, over 2 GB', () => {
    const dataDir = tempDataDir();
    const empty = join(dataDir, 'empty.csv');
    writeFileSync(empty, '');
    const bin = join(dataDir, 'photo.csv');
    writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    const huge = join(dataDir, 'huge.csv');
    writeFileSync(huge, '');
    // A sparse file: 2 GB on paper, no disk used.
    truncateSync(huge, 2 * 1024 ** 3);
    for (const [file, code] of [
      [empty, 'import_empty_file'],
      [bin, 'import_not_text'],
      [huge, 'import_too_large'],
    ] as const) {
      const r = cli(['import', file, '--data-dir', dataDir, '--json', '--lang', 'en']);
      expect(r.code, file).toBe(1);
      expect(JSON.parse(r.out).error.code).toBe(code);
      expect(r.err.trim().length).toBeGreaterThan(10);
    }
    expect(JSON.parse(cli(['orders', 'list', '--data-dir', dataDir, '--json']).out).total).toBe(0);
  });

  test('a courier line for an order no one has is a rejected row, not a failure', () => {
    const dataDir = tempDataDir();
    const orders = join(dataDir, 'o.csv');
    writeFileSync(orders, douyinCsv([{ orderNo: 'O1' }]));
    cli(['import', orders, '--data-dir', dataDir]);
    const courier = join(dataDir, 'c.csv');
    writeFileSync(courier, courierCsv([{ orderNo: 'O1', waybill: 'SF1', status: '派送失败', reason: '无人' }, { waybill: 'SF404', status: '已签收' }]));
    const r = JSON.parse(cli(['import', courier, '--courier', '--data-dir', dataDir, '--json']).out);
    expect(r).toMatchObject({ updated: 1, rejected_count: 1, tasks_opened: { track: 1 } });
  });
});
