/**
 * Where an order came from (`orders.source`). An imported order keeps its export's source as the
 * file wrote it (抖音, 快手, a shop's own channel names): those are the seller's words, shown as
 * they are. An order Callcard itself creates stores a code instead, in the `callcard:` namespace,
 * which no platform export writes: the same order reads the same everywhere (filters, reports,
 * sync) whatever the language of the workstation that created it, and each person sees the code
 * in their own language. JSON outputs (CLI, API, outbox) carry the code.
 */

/** An order taken on the phone (the calling-in box's 电话下单 form). */
export const PHONE_ORDER_SOURCE = 'callcard:phone';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Callcard's own source codes: the label a screen or a sheet shows, and the words a script says. */
const OWN_SOURCES: Readonly<Record<string, { label: string; said: string }>> = {
  [PHONE_ORDER_SOURCE]: { label: 'phoneOrder.source', said: 'phoneOrder.sourceSaid' },
};

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
