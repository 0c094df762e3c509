import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/contract';
import { historyLines } from '../../renderer/src/historyLines';

const h = (field: string, oldValue: string | null, newValue: string | null, at = '2026-11-20T03:00:00.000Z', source = 'import'): HistoryEntry => ({
  at, field, oldValue, newValue, source, agentName: null,
});

describe('an order’s history as lines', () => {
  it('a status change shows the platform’s or courier’s word that caused it on the same line', () => {
    const status = h('status', 'pending_verify', 'cancelled');
    const word = h('platformStatus', '待发货', '已取消');
    const phone = h('phone', '13800138000', '13912345678');
    expect(historyLines([status, word, phone])).toEqual([{ entry: status, cause: word }, { entry: phone }]);
    // Written in the other order (the courier's word first), the same one line.
    const courier = h('courierStatus', null, '待自提', '2026-11-20T04:00:00.000Z', 'courier');
    const moved = h('status', 'shipped', 'delivery_exception', '2026-11-20T04:00:00.000Z', 'courier');
    expect(historyLines([courier, moved])).toEqual([{ entry: moved, cause: courier }]);
  });

  it('keeps apart what happened at another moment or from another source, and a word that moved nothing', () => {
    const status = h('status', 'pending_verify', 'verified', '2026-11-20T03:00:00.000Z', 'call');
    const word = h('platformStatus', '待审核', '待发货', '2026-11-20T03:00:00.000Z', 'import');
    const later = h('status', 'verified', 'shipped', '2026-11-20T05:00:00.000Z', 'import');
    expect(historyLines([status, word, later])).toEqual([{ entry: status }, { entry: word }, { entry: later }]);
  });
});
