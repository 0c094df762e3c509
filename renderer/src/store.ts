import { create } from 'zustand';
import type { NextCardResult, SessionView } from '../../shared/contract';
import type { ReportFiltersIn } from '../../shared/contracts/reports';
import { FLOWS, type Flow, type Role } from '../../shared/domain';
import { api, lastCallStarted, onCallSucceeded } from './api';
import { setLanguage } from './i18n';
import { noticeSlice, type NoticeSlice } from './notices';
import { orderTripSlice, type OrderTripSlice } from './orderTrip';

export type Screen = 'work' | 'orders' | 'settings' | 'scripts' | 'blacklist' | 'risk' | 'dashboard' | 'myday';

// An order opened from another screen, and the way back to it: see orderTrip.ts.
// The notice under the menu (notify, fail, and how long each stays): see notices.ts.
interface AppState extends OrderTripSlice, NoticeSlice {
  session: SessionView | null;
  screen: Screen;
  /** A card taken for a customer calling in from another screen (Orders), for the call cards to show. */
  handoff: NextCardResult | null;
  /** Which calls the agent takes (F): kept while they visit other screens. */
  workFilter: Flow | 'all';
  /**
   * The dashboard's period and filters, kept while the lead visits other screens (it came back on
   * today / everyone after a look at the blacklist), for the business day they were chosen on.
   */
  dashboardFilters: { filters: ReportFiltersIn; today: string } | null;
  setWorkFilter(f: Flow | 'all' | ((f: Flow | 'all') => Flow | 'all')): void;
  loadSession(): Promise<void>;
  setSession(s: SessionView): void;
  go(screen: Screen): void;
  /** Shows a card taken elsewhere on the call cards screen. */
  handOff(r: NextCardResult): void;
}

/** The flow filter (F) outlives a reload: an agent working revisit came back to "all" and took a verify card. */
const WORK_FILTER_KEY = 'callcard:work-filter';
function readWorkFilter(): Flow | 'all' {
  try {
    const v = window.localStorage.getItem(WORK_FILTER_KEY);
    return v && (FLOWS as readonly string[]).includes(v) ? (v as Flow) : 'all';
  } catch {
    return 'all';
  }
}

export const useApp = create<AppState>((set, get) => ({
  ...orderTripSlice(set, get),
  ...noticeSlice(set, get, lastCallStarted),
  session: null,
  screen: 'work',
  handoff: null,
  dashboardFilters: null,
  workFilter: readWorkFilter(),
  setWorkFilter(f) {
    set((st) => {
      const workFilter = typeof f === 'function' ? f(st.workFilter) : f;
      try {
        window.localStorage.setItem(WORK_FILTER_KEY, workFilter);
      } catch {
        // No storage (private mode): the filter lasts until the page is left.
      }
      return { workFilter };
    });
  },
  async loadSession() {
    try {
      const s = await api.getSession({});
      setLanguage(s.settings.language);
      set({ session: s });
    } catch (e) {
      useApp.getState().fail(e);
    }
  },
  setSession(s) {
    setLanguage(s.settings.language);
    set({ session: s });
  },
  go(screen) {
    // A notice belongs to the screen it was said on.
    get().notify(null);
    // The way back from an order lasts while the lead is there: gone elsewhere, the screen left
    // for it opens as new next time (not as it looked when left, days later).
    const left = get().leftView;
    set(left && screen !== 'orders' && screen !== left.screen ? { screen, leftView: null } : { screen });
  },
  handOff(r) {
    get().notify(null);
    set({ handoff: r, screen: 'work' });
  },
}));

// Every call that succeeds may settle an error on screen (notices.ts says which).
onCallSucceeded((method, call) => useApp.getState().settleNotice(method, call));

export function hasRole(s: SessionView | null, role: Role): boolean {
  return !!s?.agent?.roles.includes(role);
}
