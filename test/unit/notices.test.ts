import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { ApiError } from '../../renderer/src/apiError';
import { NOTICE_MS, noticeSlice, type NoticeSlice } from '../../renderer/src/notices';

/** The notice part of the app store, with calls to the core numbered as api.ts numbers them. */
function notices() {
  let calls = 0;
  const store = createStore<NoticeSlice>()((set, get) => noticeSlice(set, get, () => calls));
  return {
    get: () => store.getState(),
    shown: () => store.getState().notice?.key ?? null,
    /** A call to the core starts: its number, for when it ends. */
    call: () => ++calls,
  };
}

const refused = (method: Parameters<NoticeSlice['settleNotice']>[0], code = 'order_not_found') => new ApiError({ code, params: { query: '130' }, message: '' }, method);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('notices that go by themselves', () => {
  it('a success goes after its time, a hint stays longer', () => {
    const n = notices();
    n.get().notify({ kind: 'success', key: 'card.recorded' });
    vi.advanceTimersByTime(NOTICE_MS.success - 1);
    expect(n.shown()).toBe('card.recorded');
    vi.advanceTimersByTime(1);
    expect(n.shown()).toBeNull();

    n.get().notify({ kind: 'info', key: 'work.flowKeyBusy' });
    vi.advanceTimersByTime(NOTICE_MS.success);
    expect(n.shown()).toBe('work.flowKeyBusy');
    vi.advanceTimersByTime(NOTICE_MS.info - NOTICE_MS.success);
    expect(n.shown()).toBeNull();
  });

  it('a new notice gets its own full time: the last one\'s timer does not take it away', () => {
    const n = notices();
    n.get().notify({ kind: 'success', key: 'card.recorded' });
    vi.advanceTimersByTime(NOTICE_MS.success - 1000);
    n.get().notify({ kind: 'success', key: 'card.recordedUntil' });
    vi.advanceTimersByTime(1000);
    expect(n.shown()).toBe('card.recordedUntil');
    vi.advanceTimersByTime(NOTICE_MS.success - 1000);
    expect(n.shown()).toBeNull();
  });

  it('is kept while the pointer or the focus is on it, and then gets its full time again', () => {
    const n = notices();
    n.get().notify({ kind: 'success', key: 'settings.saved' });
    vi.advanceTimersByTime(NOTICE_MS.success - 100);
    n.get().holdNotice(true);
    vi.advanceTimersByTime(60_000);
    expect(n.shown()).toBe('settings.saved');
    n.get().holdNotice(false);
    vi.advanceTimersByTime(NOTICE_MS.success - 1);
    expect(n.shown()).toBe('settings.saved');
    vi.advanceTimersByTime(1);
    expect(n.shown()).toBeNull();
  });

  it('the next notice is not held by a pointer that was on the one before', () => {
    const n = notices();
    n.get().notify({ kind: 'success', key: 'settings.saved' });
    n.get().holdNotice(true);
    n.get().dismissNotice();
    n.get().notify({ kind: 'success', key: 'blacklist.added' });
    vi.advanceTimersByTime(NOTICE_MS.success);
    expect(n.shown()).toBeNull();
  });
});

describe('errors', () => {
  it('stay however long nothing succeeds, and go when closed', () => {
    const n = notices();
    n.get().fail(refused('takeCall'));
    expect(n.get().notice).toMatchObject({ kind: 'error', key: 'errors.order_not_found', params: { query: '130' } });
    vi.advanceTimersByTime(8 * 3_600_000);
    expect(n.shown()).toBe('errors.order_not_found');
    n.get().dismissNotice();
    expect(n.shown()).toBeNull();
  });

  it('go when the next action succeeds, even one that says nothing (a dial)', () => {
    const n = notices();
    n.get().fail(refused('recordOutcome', 'card_lost'));
    const dial = n.call();
    n.get().settleNotice('dial', dial);
    expect(n.shown()).toBeNull();
  });

  it('stay when only a read succeeds, unless it is the very call that failed', () => {
    const n = notices();
    n.get().fail(refused('recordOutcome', 'card_lost'));
    n.get().settleNotice('myDay', n.call());
    n.get().settleNotice('getCardScript', n.call());
    expect(n.shown()).toBe('errors.card_lost');

    n.get().fail(refused('listOrders', 'host_unreachable'));
    n.get().settleNotice('nextCard', n.call());
    expect(n.shown()).toBe('errors.host_unreachable');
    n.get().settleNotice('listOrders', n.call());
    expect(n.shown()).toBeNull();
  });

  it('stay when the call that succeeds had started before the error was shown', () => {
    const n = notices();
    const earlier = n.call();
    n.get().fail(refused('takeCall'));
    n.get().settleNotice('recordOutcome', earlier);
    expect(n.shown()).toBe('errors.order_not_found');
    n.get().settleNotice('recordOutcome', n.call());
    expect(n.shown()).toBeNull();
  });

  it('an error the app finds itself (not the core) is an internal error with its words', () => {
    const n = notices();
    n.get().fail(new Error('boom'));
    expect(n.get().notice).toMatchObject({ kind: 'error', key: 'errors.internal_detail', params: { detail: 'boom' } });
    n.get().settleNotice('getCardScript', n.call());
    expect(n.shown()).toBe('errors.internal_detail');
    n.get().settleNotice('updateSettings', n.call());
    expect(n.shown()).toBeNull();
  });

  it('a hint said over an error covers it only while the hint lasts', () => {
    const n = notices();
    n.get().fail(refused('takeCall'));
    n.get().notify({ kind: 'info', key: 'work.flowKeyBusy' });
    expect(n.shown()).toBe('work.flowKeyBusy');
    vi.advanceTimersByTime(NOTICE_MS.info);
    expect(n.shown()).toBe('errors.order_not_found');
    // Closing the hint shows the error again too: that one was not closed.
    n.get().notify({ kind: 'info', key: 'work.flowKeyBusy' });
    n.get().dismissNotice();
    expect(n.shown()).toBe('errors.order_not_found');
    // And it stays, with no timer of the hint's left to take it.
    vi.advanceTimersByTime(NOTICE_MS.info * 2);
    expect(n.shown()).toBe('errors.order_not_found');
  });

  it('an error covered by a hint goes when an action succeeds meanwhile', () => {
    const n = notices();
    n.get().fail(refused('takeCall'));
    n.get().notify({ kind: 'info', key: 'work.flowKeyBusy' });
    n.get().settleNotice('takeCall', n.call());
    vi.advanceTimersByTime(NOTICE_MS.info);
    expect(n.shown()).toBeNull();
  });

  it('a success replaces an error for good, and a new error replaces a hint at once', () => {
    const n = notices();
    n.get().fail(refused('takeCall'));
    n.get().notify({ kind: 'success', key: 'card.recorded' });
    vi.advanceTimersByTime(NOTICE_MS.success);
    expect(n.shown()).toBeNull();

    n.get().notify({ kind: 'info', key: 'work.flowKeyBusy' });
    n.get().fail(refused('dial', 'bad_dial_uri'));
    vi.advanceTimersByTime(NOTICE_MS.info);
    expect(n.shown()).toBe('errors.bad_dial_uri');
  });

  it('nothing said (a screen left) clears both the notice and any error under a hint', () => {
    const n = notices();
    n.get().fail(refused('takeCall'));
    n.get().notify({ kind: 'info', key: 'work.flowKeyBusy' });
    n.get().notify(null);
    vi.advanceTimersByTime(NOTICE_MS.info);
    expect(n.shown()).toBeNull();
    expect(n.get().noticeUnder).toBeNull();
  });
});
