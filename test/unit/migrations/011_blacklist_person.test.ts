import { expect, test } from 'vitest';
import { MIGRATIONS } from '../../../electron/services/db/migrations';
import { migrate } from '../../../electron/services/db/open';
import { exportEntries } from '../../../electron/services/risk/blacklist';
import { columnNames, storeAtMigration } from '../../helpers/migrations';

const AT = '2026-11-20T04:00:00.000Z';

const csv = (b64: string) => Buffer.from(b64, 'base64').toString('utf8').replace(/^\uFEFF/, '');

test('migration 11 (blacklist person): a person blacklisted before exports as older exports did; with its parts kept, as written', () => {
  const db = storeAtMigration(10);
  try {
    db.prepare(
      `INSERT INTO blacklist (id, kind, value, display, reason, note, added_by, added_at, expires_at)
       VALUES ('b1', 'name_address', '孙丽#广东|深圳|宝安区|宝安大道100号2栋1203', '孙丽 / 广东省深圳市宝安区宝安大道100号2号楼1203室', 'abusive', '', '王小丽', ?, NULL)`,
    ).run(AT);
    expect(migrate(db, MIGRATIONS.filter((m) => m.id <= 11))).toEqual([11]);
    expect(columnNames(db, 'blacklist')).toContain('person');
    const before = csv(exportEntries(db, new Date(AT), true, 'zh-CN').contentBase64);
    expect(before).toContain('姓名+地址,孙丽#广东|深圳|宝安区|宝安大道100号2栋1203,孙丽,,,,孙丽 / 广东省深圳市宝安区宝安大道100号2号楼1203室,');

    db.prepare("UPDATE blacklist SET person = ? WHERE id = 'b1'").run(
      JSON.stringify({ name: '孙丽', province: '广东省', city: '深圳市', district: '宝安区', address: '宝安大道100号2号楼1203室' }),
    );
    expect(csv(exportEntries(db, new Date(AT), true, 'zh-CN').contentBase64)).toContain('姓名+地址,,孙丽,广东省,深圳市,宝安区,宝安大道100号2号楼1203室,');
  } finally {
    db.close();
  }
});
