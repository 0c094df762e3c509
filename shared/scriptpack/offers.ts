import type { Locale } from '../domain';
import { acceptedOfferChange, type AcceptedOfferChange } from './interpret';
import type { ScriptPack } from './schema';
import type { ScriptOrder } from './variables';

/**
 * The pack's upsell offers that fit an order, ready to record: made for the order's price (when
 * the offer names one) and adding to the order's own product (a line without a product, or one
 * naming it). Offered on a verify call once the order is confirmed, and on an upsell card.
 */
export function offersForOrder(pack: ScriptPack, order: ScriptOrder, locale: Locale): AcceptedOfferChange[] {
  const product = order.lines[0]?.product ?? '';
  return (pack.offers ?? [])
    .filter((o) => !o.products?.length || o.products.includes(product))
    .filter((o) => o.base === undefined || Math.round(o.base * 100) === order.amountFen)
    .filter((o) => o.add.some((l) => l.product === undefined || l.product === product))
    .map((o) => acceptedOfferChange(pack, o, order, locale));
}
