import { expect, test } from 'vitest';
import { MIGRATIONS } from '../../../electron/services/db/migrations';
import { migrate } from '../../../electron/services/db/open';
import { courierView, type OrderRow } from '../../../electron/services/orders';
import { columnNames, storeAtMigration } from '../../helpers/migrations';

const AT = '2026-11-20T04:00:00.000Z';

test('migration 10 (courier station): a shipped order keeps its courier lines and has no pickup point until a courier file says one', () => {
  const db = storeAtMigration(9);
  try {
    db.prepare(
      `INSERT INTO orders (id, order_no, status, customer_name, phone, address, amount_fen, payment_method, ordered_at, created_at, updated_at,
                           waybill_no, courier, courier_status, courier_event, courier_at, courier_reason)
       VALUES ('o1', 'DD-1', 'delivery_exception', '张秀英', '13800138000', '农业路38号', 9900, 'cod', ?, ?, ?,
               'ZT1', '中通快递', '待自提', 'awaiting_pickup', ?, '已放菜鸟驿站，凭取件码领取')`,
    ).run(AT, AT, AT, AT);
    expect(migrate(db, MIGRATIONS.filter((m) => m.id <= 10))).toEqual([10]);
    expect(columnNames(db, 'orders')).toContain('courier_station');
    const row = db.prepare("SELECT * FROM orders WHERE id = 'o1'").get() as OrderRow;
    expect(courierView(row)).toMatchObject({ status: '待自提', reason: '已放菜鸟驿站，凭取件码领取', station: null });
    db.prepare("UPDATE orders SET courier_station = '菜鸟驿站（农业路店）' WHERE id = 'o1'").run();
    expect(courierView(db.prepare("SELECT * FROM orders WHERE id = 'o1'").get() as OrderRow).station).toBe('菜鸟驿站（农业路店）');
  } finally {
    db.close();
  }
});
