/**
 * Orders that are already in memory (the demo generator), written through the same writer as a
 * file import: same tasks, history, outbox and run record, one transaction.
 */
import { addressKey } from '../../../shared/risk/address';
import { uuidv7 } from '../ids';
import type { ImportSummary } from '../../../shared/contract';
import type { PaymentMethod } from '../../../shared/domain';
import { platformStatusResolver } from '../../../shared/intake';
import type { CoreContext } from '../context';
import { loadIntakeSettings } from './intakeSettings';
import type { OrderIn } from './reader';
import { ImportWriter } from './writer';

/** One complete order as a generator produces it. */
export interface ImportedOrder {
  row: number;
  orderNo: string;
  customerName: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
  product: string;
  package: string;
  quantity: number;
  amountFen: number;
  paymentMethod: PaymentMethod;
  orderedAt: string | null;
  ip: string | null;
  buyerAccount: string | null;
  platformStatus: string | null;
  source: string;
}

/** Writes complete orders (every field known) and fills in the summary's counts. */
export function writeOrders(ctx: CoreContext, parsed: ImportedOrder[], summary: ImportSummary): void {
  const intake = loadIntakeSettings(ctx.db);
  const statusOf = platformStatusResolver(intake.platformStatuses);
  const rows: OrderIn[] = parsed.map((o) => ({
    ...o,
    addressKey: addressKey(o.province, o.city, o.district, o.address),
    phoneFlag: null,
    status: o.platformStatus ? statusOf(o.platformStatus) : null,
    statusAt: null,
    waybillNo: null,
    courier: null,
  }));
  const writer = new ImportWriter(ctx.db, {
    runId: uuidv7(),
    kind: 'orders',
    fileName: summary.fileName,
    profile: null,
    headerRow: 1,
    now: ctx.now(),
    intake,
  });
  writer.begin();
  try {
    writer.write({ orders: rows, courier: [], rejected: [] });
    const r = writer.finish({ header: [], encoding: '', sheet: null }, rows.length);
    summary.created += r.created;
    summary.updated += r.updated;
    summary.unchanged += r.unchanged;
  } catch (e) {
    writer.rollback();
    throw e;
  }
}
