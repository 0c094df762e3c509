/**
 * When an empty queue looks again by itself. The screen says when the next card is due (a callback
 * promised for 05:45): it must come up then without a key pressed, and cards imported or handed
 * back by others meanwhile must come up too. A due time is moved into calling hours as the queue
 * moves it; the look is never sooner than a second apart nor later than RECHECK_MAX_MS.
 */
import { nextCallingTime } from '../../shared/calling';
import type { QueueStatus } from '../../shared/contract';

export const RECHECK_MAX_MS = 30_000;
const RECHECK_MIN_MS = 1_000;
/** Past the due time by a little, so the card is due when the queue is asked. */
const DUE_MARGIN_MS = 300;

export function emptyQueueRecheckMs(queue: Pick<QueueStatus, 'nextDueAt' | 'callingHours'> | null, timeZone: string, now: number): number {
  if (!queue?.nextDueAt) return RECHECK_MAX_MS;
  const due = nextCallingTime(new Date(queue.nextDueAt), timeZone, queue.callingHours).getTime();
  return Math.min(RECHECK_MAX_MS, Math.max(RECHECK_MIN_MS, due - now + DUE_MARGIN_MS));
}
