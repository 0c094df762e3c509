/**
 * The notice under the menu (components/NoticeBar.tsx): what the app says after something was done.
 * Part of the app store (store.ts), as the order trip is; pure (no API, no DOM), so its timing is
 * tested on its own with fake timers.
 *
 * - A success or an info notice goes by itself after a few seconds; the pointer on it, or the focus
 *   in it, keeps it until they leave (then it gets its full time again).
 * - An error stays until the agent's next action succeeds — any call that does something (records,
 *   dials, saves, loads, exports…), or the very call that failed succeeding later (a list that loads
 *   again) — or until it is closed (× or Esc). A call already under way when the error appeared does
 *   not count: its success says nothing about what failed.
 * - A hint said over an error (F while an outcome is open) covers it only while the hint lasts: the
 *   error comes back when the hint goes. A success replaces it for good.
 */
import type { MethodName } from '../../shared/contract';
import { ApiError } from './apiError';

export type NoticeKind = 'info' | 'success' | 'error';

export interface Notice {
  kind: NoticeKind;
  /** A translation key with params, or an error from the core (translated again on language change). */
  key: string;
  params?: Record<string, string | number>;
}

export interface ShownNotice extends Notice {
  /** Tells one showing from the next, even of the same words (a timer ends only its own). */
  id: number;
  /** The number of the last call to the core started when this was shown: only later calls clear an error. */
  after: number;
  /** An error left by a call to the core: that method succeeding later clears it. */
  method?: MethodName;
}

/** How long a notice that goes by itself stays: a hint is read, a success only glanced at. */
export const NOTICE_MS: Readonly<Record<Exclude<NoticeKind, 'error'>, number>> = { success: 6_000, info: 10_000 };

/**
 * The calls whose success is an action of the agent's: they change or produce something. Reads
 * (lists, a card's script, the counters) are not — many run by themselves, and an error must not go
 * because a list refreshed behind it. A method not named here counts as a read.
 */
export const ACTION_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'completeSetup',
  'updateSettings',
  'takeCall',
  'createPhoneOrder',
  'recordOutcome',
  'importOrders',
  'loadDemo',
  'dial',
  'releaseCards',
  'releaseHeld',
  'handOver',
  'rescreen',
  'overrideRisk',
  'rejectHeld',
  'convertToOnlinePayment',
  'addBlacklist',
  'removeBlacklist',
  'importBlacklist',
  'exportBlacklist',
  'importPhonePrefixes',
  'updateRiskSettings',
  'loadPack',
  'activatePack',
  'rollbackPack',
  'startImport',
  'cancelImport',
  'rejectedRowsCsv',
  'saveImportProfile',
  'deleteImportProfile',
  'updateIntakeSettings',
  'exportDaily',
  'updateReportSettings',
]);

export interface NoticeSlice {
  /** The notice on screen. */
  notice: ShownNotice | null;
  /** An error a hint is said over: shown again when the hint goes. */
  noticeUnder: ShownNotice | null;
  /** Says something (null: nothing). */
  notify(n: Notice | null): void;
  /** Says what went wrong: a refusal of the core in its own words, anything else as an internal error. */
  fail(e: unknown): void;
  /** The agent closed the notice (× or Esc). */
  dismissNotice(): void;
  /** The pointer or the focus is on the notice (true) or has left it (false). */
  holdNotice(hold: boolean): void;
  /** A call to the core succeeded (api.ts): an error it settles goes. */
  settleNotice(method: MethodName, call: number): void;
}

type Set = (patch: Partial<NoticeSlice>) => void;
type Get = () => NoticeSlice;

/** `lastCall` is the number of the last call to the core started (api.ts). */
export function noticeSlice(set: Set, get: Get, lastCall: () => number): NoticeSlice {
  let shown = 0;
  let held = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  // The notice on screen now goes after its time, unless it is an error or held.
  const arm = () => {
    stop();
    const n = get().notice;
    if (!n || n.kind === 'error' || held) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (get().notice?.id === n.id) show(get().noticeUnder, null);
    }, NOTICE_MS[n.kind]);
  };
  const show = (notice: ShownNotice | null, under: ShownNotice | null) => {
    // A new notice starts its own time, wherever the pointer is (the bar says again if it is on it).
    held = false;
    set({ notice, noticeUnder: under });
    arm();
  };
  const stamp = (n: Notice, method?: MethodName): ShownNotice => ({ ...n, id: ++shown, after: lastCall(), ...(method ? { method } : {}) });
  const settles = (n: ShownNotice | null, method: MethodName, call: number) =>
    n?.kind === 'error' && call > n.after && (ACTION_METHODS.has(method) || n.method === method);

  return {
    notice: null,
    noticeUnder: null,
    notify(n) {
      if (!n) return show(null, null);
      const now = get().notice;
      // Only a hint leaves an error waiting under it (the one on screen, or the one a hint before covers).
      const under = n.kind !== 'info' || !now ? null : now.kind === 'error' ? now : get().noticeUnder;
      show(stamp(n), under);
    },
    fail(e) {
      if (e instanceof ApiError) show(stamp({ kind: 'error', key: `errors.${e.code}`, params: e.params }, e.method), null);
      else show(stamp({ kind: 'error', key: 'errors.internal_detail', params: { detail: e instanceof Error ? e.message : String(e) } }), null);
    },
    dismissNotice() {
      // Closing a hint shows the error it covered: that one was not closed.
      show(get().noticeUnder, null);
    },
    holdNotice(hold) {
      held = hold;
      if (hold) stop();
      else arm();
    },
    settleNotice(method, call) {
      const { notice, noticeUnder } = get();
      if (settles(notice, method, call)) show(null, null);
      else if (settles(noticeUnder, method, call)) set({ noticeUnder: null });
    },
  };
}
