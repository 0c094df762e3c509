/**
 * From a list elsewhere to an order on the Orders screen, and back. A lead reviewing the day opens a
 * call's order from the dashboard's calls list (or a held card, or an agent from their own calls):
 * the Orders screen opens with that order's drawer, and "back" (or Esc on that drawer) returns to
 * the screen it came from, looking as it was left — the filters, the list that was open, the row.
 *
 * Part of the app store (store.ts), as the caller handoff is: `go` still switches screens, and the
 * screens pick up what was left for them. Pure (no API, no DOM), so it is tested on its own.
 */
import type { SessionView } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import type { Screen } from './store';

/** An order asked for from another screen: Orders opens it, and offers the way back to `from`. */
export interface OrderTrip {
  orderNo: string;
  from: Screen;
}

/** How a screen looked when the lead left it for an order (each screen knows its own shape). */
export interface LeftView {
  screen: Screen;
  view: unknown;
}

export interface OrderTripSlice {
  /** An order for the Orders screen to open; taken once (a later visit to Orders opens on its search). */
  orderTrip: OrderTrip | null;
  /** What the screen left for an order needs to look the same again; taken once, when it next opens. */
  leftView: LeftView | null;
  /** Opens the order on the Orders screen, remembering the screen it came from and how it looked. */
  openOrderFrom(orderNo: string, from: Screen, view?: unknown): void;
  /** The order asked for, taken by the Orders screen (null when there is none). */
  takeOrderTrip(): OrderTrip | null;
  /** What `screen` left for itself, taken (undefined when it left nothing, or another screen did). */
  takeLeftView<T>(screen: Screen): T | undefined;
}

type Set = (patch: Partial<OrderTripSlice>) => void;
/** The store around the slice: its `go` switches screens (one router for every way of moving). */
type Get = () => OrderTripSlice & { go(screen: Screen): void };

export function orderTripSlice(set: Set, get: Get): OrderTripSlice {
  return {
    orderTrip: null,
    leftView: null,
    openOrderFrom(orderNo, from, view) {
      set({ orderTrip: { orderNo, from }, leftView: view === undefined ? null : { screen: from, view } });
      get().go('orders');
    },
    takeOrderTrip() {
      const trip = get().orderTrip;
      if (trip) set({ orderTrip: null });
      return trip;
    },
    takeLeftView<T>(screen: Screen) {
      const left = get().leftView;
      if (!left || left.screen !== screen) return undefined;
      set({ leftView: null });
      return left.view as T;
    },
  };
}

/** What a screen's own state looked like when left, read without taking it (for a screen's first render). */
export function peekLeftView<T>(state: Pick<OrderTripSlice, 'leftView'>, screen: Screen): T | undefined {
  return state.leftView?.screen === screen ? (state.leftView.view as T) : undefined;
}

/**
 * Who may open a screen (null: every role). The menu shows a screen to these roles only, and a
 * link to an order is offered only to a session that may open the Orders screen.
 */
export const SCREEN_ROLE: Record<Screen, Role | null> = {
  work: 'agent',
  orders: null,
  settings: null,
  scripts: 'trainer',
  blacklist: 'lead',
  risk: 'lead',
  dashboard: 'lead',
  myday: 'agent',
};

/** The name a screen goes by in the menu (for "back to …"). */
export const SCREEN_NAME: Record<Screen, string> = {
  work: 'nav.work',
  orders: 'nav.orders',
  settings: 'nav.settings',
  scripts: 'packs.nav',
  blacklist: 'blacklist.nav',
  risk: 'risk.nav',
  dashboard: 'reports.nav',
  myday: 'reports.myDay.nav',
};

export function maySee(session: SessionView | null, screen: Screen): boolean {
  const role = SCREEN_ROLE[screen];
  return role === null || !!session?.agent?.roles.includes(role);
}
