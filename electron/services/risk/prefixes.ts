/**
 * The importable number-range table: 7-digit prefix -> province, city. It fills what the bundled
 * ranges lack (newer 16x/17x/19x ranges) and wins where both know a prefix. Stored in the DB;
 * the screener notices a new import through a version stamp.
 */
import { uuidv7 } from '../ids';
import type { TableImportResult } from '../../../shared/contracts/risk';
import type { CoreContext } from '../context';
import type { Db } from '../db/open';
import { readTable } from '../import/table';
import { setMeta } from '../settings';
import { cellText, mapColumns } from './csv';
import { regionTable } from './data';
import { PREFIXES_VERSION_META } from './screen';

const COLUMNS = {
  prefix: ['prefix', '号段', '號段', '前缀', '前綴', '手机号段', '号码段'],
  province: ['province', '省份', '省', '归属省份', '歸屬省份'],
  city: ['city', '城市', '市', '归属城市', '歸屬城市'],
};

/** Reads prefix,province,city rows (a header is optional); unknown provinces and bad prefixes are reported. */
export async function importPrefixes(ctx: CoreContext, bytes: Uint8Array): Promise<TableImportResult> {
  const table = await readTable(bytes);
  const first = table.rows[0];
  const header = first ? mapColumns(first, COLUMNS) : null;
  const map = header && header.prefix !== undefined && header.province !== undefined ? header : { prefix: 0, province: 1, city: 2 };
  const rows = header ? table.rows.slice(1) : table.rows;
  const regions = regionTable();
  const now = ctx.now();
  const nowIso = now.toISOString();
  const rejected: TableImportResult['rejected'] = [];
  let imported = 0;
  ctx.db.transaction(() => {
    const upsert = ctx.db.prepare(
      `INSERT INTO phone_prefixes (prefix, province, city, imported_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(prefix) DO UPDATE SET province = excluded.province, city = excluded.city, imported_at = excluded.imported_at`,
    );
    for (const r of rows) {
      const get = (i: number | undefined) => (i === undefined ? '' : cellText(r.cells[i]));
      const prefix = get(map.prefix).replace(/\s/g, '');
      if (!prefix && !get(map.province)) continue;
      if (!/^1\d{6}$/.test(prefix)) {
        rejected.push({ row: r.row, code: 'bad_prefix', value: prefix });
        continue;
      }
      const province = regions.province(get(map.province));
      if (!province) {
        rejected.push({ row: r.row, code: 'unknown_province', value: get(map.province) });
        continue;
      }
      const city = regions.city(get(map.city), province);
      upsert.run(prefix, province.short, city ? city.short : get(map.city), nowIso);
      imported++;
    }
    // A fresh stamp even for a same-millisecond import: the screener reloads on any change.
    setMeta(ctx.db, PREFIXES_VERSION_META, uuidv7(), now);
  })();
  return { imported, rejected };
}

export function prefixCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM phone_prefixes').get() as { n: number }).n;
}
