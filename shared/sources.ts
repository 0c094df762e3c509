/**
 * Where an order came from (`orders.source`). An imported order keeps its export's source as the
 * file wrote it (抖音, 快手, a shop's own channel names): those are the seller's words, shown as
 * they are. An order Callcard itself creates stores a code instead, in the `callcard:` namespace,
 * which no platform export writes: the same order reads the same everywhere (filters, reports,
 * sync) whatever the language of the workstation that created it, and each person sees the code
 * in their own language. JSON outputs (CLI, API, outbox) carry the code.
 */

import { bundles } from './i18n';
import { LOCALES } from './domain';

/** An order taken on the phone (the calling-in box's 电话下单 form). */
export const PHONE_ORDER_SOURCE = 'callcard:phone';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Callcard's own source codes: the label a screen or a sheet shows, and the words a script says. */
const OWN_SOURCES: Readonly<Record<string, { label: string; said: string }>> = {
  [PHONE_ORDER_SOURCE]: { label: 'phoneOrder.source', said: 'phoneOrder.sourceSaid' },
};

/** Callcard's own source codes, every one (a sheet sizes a column to fit their labels). */
export const OWN_SOURCE_CODES: readonly string[] = Object.keys(OWN_SOURCES);

/** Is this one of Callcard's own source codes (not an export's words)? */
export function isOwnSource(source: string): boolean {
  return Object.hasOwn(OWN_SOURCES, source);
}

/** A source as a person reads it: Callcard's codes in the reader's language, an export's words as written. */
export function sourceLabel(source: string, t: Translate): string {
  return isOwnSource(source) ? t(OWN_SOURCES[source].label) : source;
}

/** A source inside a sentence a script says ("您在{{order.source}}订了…" / "You ordered … on {{order.source}}"). */
export function sourceSaid(source: string, t: Translate): string {
  return isOwnSource(source) ? t(OWN_SOURCES[source].said) : source;
}

/** Every name of each of Callcard's codes (its label in every language, and the code), folded for comparing. */
const NAMED_CODES: ReadonlyMap<string, string> = new Map(
  Object.entries(OWN_SOURCES).flatMap(([code, { label }]) => [
    [fold(code), code],
    ...LOCALES.map((l) => [fold(labelIn(bundles[l], label)), code] as [string, string]),
  ]),
);

function fold(s: string): string {
  return s.trim().toLowerCase();
}

function labelIn(tree: unknown, key: string): string {
  const v = key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], tree);
  if (typeof v !== 'string') throw new Error(`source label ${key} is missing`);
  return v;
}

/**
 * A source compared as a pack's condition means it: a phone order matches "电话下单", "電話下單",
 * "Phone order" and its code alike (a trainer writes the words the screen shows, not the code);
 * any other source matches its own words only.
 */
export function sourceForComparing(source: string): string {
  return NAMED_CODES.get(fold(source)) ?? source;
}
