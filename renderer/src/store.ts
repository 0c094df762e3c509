import { create } from 'zustand';
import type { NextCardResult, SessionView } from '../../shared/contract';
import { FLOWS, type Flow, type Role } from '../../shared/domain';
import { api, ApiError } from './api';
import { setLanguage } from './i18n';

export type Screen = 'work' | 'orders' | 'settings' | 'scripts' | 'blacklist' | 'risk' | 'dashboard' | 'myday';

export interface Notice {
  kind: 'info' | 'error';
  /** A translation key with params, or an error from the core (translated again on language change). */
  key: string;
  params?: Record<string, string | number>;
}

interface AppState {
  session: SessionView | null;
  screen: Screen;
  notice: Notice | null;
  /** A card taken for a customer calling in from another screen (Orders), for the call cards to show. */
  handoff: NextCardResult | null;
  /** Which calls the agent takes (F): kept while they visit other screens. */
  workFilter: Flow | 'all';
  setWorkFilter(f: Flow | 'all' | ((f: Flow | 'all') => Flow | 'all')): void;
  loadSession(): Promise<void>;
  setSession(s: SessionView): void;
  go(screen: Screen): void;
  /** Shows a card taken elsewhere on the call cards screen. */
  handOff(r: NextCardResult): void;
  notify(n: Notice | null): void;
  fail(e: unknown): void;
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

export const useApp = create<AppState>((set) => ({
  session: null,
  screen: 'work',
  notice: null,
  handoff: null,
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
    set({ screen, notice: null });
  },
  handOff(r) {
    set({ handoff: r, screen: 'work', notice: null });
  },
  notify(n) {
    set({ notice: n });
  },
  fail(e) {
    if (e instanceof ApiError) set({ notice: { kind: 'error', key: `errors.${e.code}`, params: e.params } });
    else set({ notice: { kind: 'error', key: 'errors.internal', params: { detail: e instanceof Error ? e.message : String(e) } } });
  },
}));

export function hasRole(s: SessionView | null, role: Role): boolean {
  return !!s?.agent?.roles.includes(role);
}
