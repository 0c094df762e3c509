/**
 * An order taken on the phone: a caller who is not in the store yet (they saw the ad, or a friend
 * recommended it) orders while the agent has them on the line. The order goes in as an import of
 * one row would — normalised, screened for risk, with its verify call — and that verify card is
 * handed to the agent at once, so the same call confirms it.
 */
import type { NextCardResult, PhoneOrderArgs } from '../../shared/contract';
import { CallcardError } from '../../shared/errors';
import { PHONE_ORDER_SOURCE } from '../../shared/sources';
import { businessDay } from '../../shared/time';
import type { CoreContext } from './context';
import { atomically } from './db/open';
import { prepared } from './db/statements';
import { writeOrders } from './import/importOrders';
import { readPhone } from './import/normalise';
import type { OrderStatements } from './orders';
import { queueStatus, takeCall, type QueueStatements } from './queue';
import { loadSettings } from './settings';

/** Phone orders are numbered by business day: TEL20261206-001, -002… (-1000 after -999). */
function nextOrderNo(ctx: CoreContext): string {
  const day = businessDay(ctx.now(), loadSettings(ctx.db).businessTimeZone).replace(/-/g, '');
  const prefix = `TEL${day}-`;
  const last = prepared<[string], { order_no: string }>(ctx.db, 'SELECT order_no FROM orders WHERE order_no LIKE ? ORDER BY length(order_no) DESC, order_no DESC LIMIT 1').get(`${prefix}%`);
  const n = last ? Number(last.order_no.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(3, '0')}`;
}

export function createPhoneOrder(
  ctx: CoreContext,
  st: { queue: QueueStatements; orders: OrderStatements },
  agentId: string,
  a: PhoneOrderArgs,
): NextCardResult & { orderNo: string } {
  const phone = readPhone(a.phone);
  // A number the card could not call back is no order at all.
  if (!phone || phone.flag) throw new CallcardError('phone_order_bad_phone', { phone: a.phone });
  // One import of one row (its own transaction: the order, its task, its screening, its outbox entry).
  // Its source, and its run's file name, are the language-neutral phone-order code: the order reads
  // as a phone order in every viewer's language, whatever the language of the agent who took it.
  {
    const orderNo = nextOrderNo(ctx);
    const summary = { fileName: PHONE_ORDER_SOURCE, totalRows: 1, created: 0, updated: 0, unchanged: 0, rejected: [] };
    writeOrders(
      ctx,
      [
        {
          row: 1,
          orderNo,
          customerName: a.customerName,
          phone: phone.phone,
          province: a.province,
          city: a.city,
          district: a.district ?? '',
          address: a.address,
          product: a.product,
          package: a.package ?? '',
          quantity: a.quantity,
          amountFen: a.amountFen,
          paymentMethod: a.paymentMethod,
          orderedAt: ctx.now().toISOString(),
          ip: null,
          buyerAccount: null,
          platformStatus: null,
          source: PHONE_ORDER_SOURCE,
        },
      ],
      summary,
    );
    // Cannot happen (the number was just given out): a bug, logged with its reference.
    if (summary.created !== 1) throw new Error(`phone order ${orderNo} was not created`);
    // The caller is on the line: their card now (the new order's verify call, or their other
    // matters). An order with no call to make (paid online, not verified here) is just created.
    let next: NextCardResult;
    try {
      next = atomically(ctx.db, () => takeCall(ctx, st.queue, st.orders, agentId, orderNo));
    } catch (e) {
      if (!(e instanceof CallcardError) || e.code !== 'call_nothing_open') throw e;
      next = { card: null, queue: queueStatus(st.queue, loadSettings(ctx.db), ctx.now(), agentId, false) };
    }
    return { ...next, orderNo };
  }
}

/** Lines of the last orders looked at for the form's choices: recent enough to be this season's prices. */
const RECENT_LINES = 5000;

/** What recent orders were for, most common first (the phone-order form's product and package lists). */
export function phoneOrderChoices(ctx: CoreContext): { choices: { product: string; package: string; amountFen: number }[] } {
  const rows = prepared<[], { product: string; package: string; amount_fen: number }>(
    ctx.db,
    `SELECT product, package, amount_fen FROM
       (SELECT product, package, amount_fen FROM order_lines WHERE position = 0 AND product != '' ORDER BY rowid DESC LIMIT ${RECENT_LINES})
     GROUP BY product, package, amount_fen ORDER BY count(*) DESC, product LIMIT 60`,
  ).all();
  return { choices: rows.map((r) => ({ product: r.product, package: r.package, amountFen: r.amount_fen })) };
}
