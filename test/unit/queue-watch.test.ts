import { describe, expect, it } from 'vitest';
import { emptyQueueRecheckMs, RECHECK_MAX_MS } from '../../renderer/src/queueWatch';

const ALL_DAY = { start: '00:00', end: '24:00' };
const NOW = Date.parse('2026-12-07T02:00:00.000Z'); // 10:00 in Shanghai

describe('when an empty queue looks again', () => {
  it('just after the next card falls due, when that is soon', () => {
    expect(emptyQueueRecheckMs({ nextDueAt: '2026-12-07T02:00:08.000Z', callingHours: ALL_DAY }, 'Asia/Shanghai', NOW)).toBe(8_300);
  });
  it('every half minute otherwise: nothing scheduled, or due later (cards others import come up too)', () => {
    expect(emptyQueueRecheckMs({ nextDueAt: null, callingHours: ALL_DAY }, 'Asia/Shanghai', NOW)).toBe(RECHECK_MAX_MS);
    expect(emptyQueueRecheckMs({ nextDueAt: '2026-12-07T05:00:00.000Z', callingHours: ALL_DAY }, 'Asia/Shanghai', NOW)).toBe(RECHECK_MAX_MS);
    expect(emptyQueueRecheckMs(null, 'Asia/Shanghai', NOW)).toBe(RECHECK_MAX_MS);
  });
  it('never sooner than a second, even for a card already due', () => {
    expect(emptyQueueRecheckMs({ nextDueAt: '2026-12-07T01:00:00.000Z', callingHours: ALL_DAY }, 'Asia/Shanghai', NOW)).toBe(1_000);
  });
  it('a card due before calling hours open is looked for when calls start, not at its own time', () => {
    const beforeTen = Date.parse('2026-12-07T01:59:50.000Z'); // 09:59:50 in Shanghai
    const hours = { start: '10:00', end: '18:00' };
    expect(emptyQueueRecheckMs({ nextDueAt: '2026-12-07T01:59:52.000Z', callingHours: hours }, 'Asia/Shanghai', beforeTen)).toBe(10_300);
    expect(emptyQueueRecheckMs({ nextDueAt: '2026-12-07T01:59:52.000Z', callingHours: ALL_DAY }, 'Asia/Shanghai', beforeTen)).toBe(2_300);
  });
});
