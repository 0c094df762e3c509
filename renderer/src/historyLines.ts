/**
 * An order's history as lines: a status change an export or a courier file made is one line with
 * the words that caused it beside it ("状态: 待核单 → 已取消（订单状态 待发货 → 已取消）"), not two lines
 * at the same minute that read as two changes. Pure: unit-tested.
 */
import type { HistoryEntry } from '../../shared/contract';

/** The fields whose change is the cause of a status change made at the same moment by the same source. */
const CAUSES: ReadonlySet<string> = new Set(['platformStatus', 'courierStatus']);

export interface HistoryLine {
  entry: HistoryEntry;
  /** The platform's or courier's word that moved the status, shown beside it. */
  cause?: HistoryEntry;
}

export function historyLines(history: readonly HistoryEntry[]): HistoryLine[] {
  const sameMoment = (a: HistoryEntry, b: HistoryEntry) => a.at === b.at && a.source === b.source;
  const used = new Set<HistoryEntry>();
  const lines: HistoryLine[] = [];
  for (const h of history) {
    if (used.has(h)) continue;
    if (h.field === 'status') {
      const cause = history.find((c) => !used.has(c) && CAUSES.has(c.field) && sameMoment(c, h));
      if (cause) {
        used.add(cause);
        lines.push({ entry: h, cause });
        continue;
      }
    }
    if (CAUSES.has(h.field)) {
      // A cause listed before its status change: it is shown with it.
      const status = history.find((s) => s.field === 'status' && !used.has(s) && sameMoment(s, h));
      if (status) {
        used.add(status);
        lines.push({ entry: status, cause: h });
        continue;
      }
    }
    lines.push({ entry: h });
  }
  return lines;
}
