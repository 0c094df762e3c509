/**
 * From a list to an order and back (renderer/src/orderTrip.ts, part of the app store): the Orders
 * screen gets the order once, the screen left behind gets its own state back once, and only a
 * session that may open Orders is offered the link.
 */
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { SessionView } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { maySee, peekLeftView, SCREEN_NAME } from '../../renderer/src/orderTrip';
import type { useApp as UseApp } from '../../renderer/src/store';
import { resources } from '../../shared/i18n';

let useApp: typeof UseApp;

beforeAll(async () => {
  // The store talks to the core through window.callcard; nothing here calls it.
  vi.stubGlobal('window', { callcard: {}, localStorage: { getItem: () => null, setItem: () => undefined } });
  ({ useApp } = await import('../../renderer/src/store'));
});

function fresh(): void {
  useApp.setState({ screen: 'dashboard', orderTrip: null, leftView: null });
}

describe('opening an order from another screen', () => {
  test('switches to Orders with the order asked for', () => {
    fresh();
    useApp.getState().openOrderFrom('DD1001', 'dashboard', { filters: { from: '2026-12-05', to: '2026-12-05', flow: 'verify' } });
    const st = useApp.getState();
    expect(st.screen).toBe('orders');
    expect(st.orderTrip).toEqual({ orderNo: 'DD1001', from: 'dashboard' });
  });

  test('gone elsewhere from the order, the dashboard opens as new next time, not as it was left', () => {
    fresh();
    useApp.getState().openOrderFrom('DD1001', 'dashboard', { filters: { flow: 'verify' } });
    useApp.getState().go('work');
    useApp.getState().go('dashboard');
    expect(useApp.getState().takeLeftView('dashboard')).toBeUndefined();
    // Back to where it came from (the button, Esc, or the menu), it is as it was left.
    useApp.getState().openOrderFrom('DD1001', 'dashboard', { filters: { flow: 'verify' } });
    useApp.getState().go('dashboard');
    expect(useApp.getState().takeLeftView('dashboard')).toEqual({ filters: { flow: 'verify' } });
  });

  test('Orders takes the order once: a later visit to Orders opens on its search, not on that order', () => {
    fresh();
    useApp.getState().openOrderFrom('DD1001', 'dashboard', {});
    expect(useApp.getState().takeOrderTrip()).toEqual({ orderNo: 'DD1001', from: 'dashboard' });
    expect(useApp.getState().takeOrderTrip()).toBeNull();
  });

  test('going back gives the dashboard its filters once; another screen does not get them', () => {
    fresh();
    const left = { filters: { from: '2026-12-05', to: '2026-12-05', flow: 'verify' }, openCall: 'c1' };
    useApp.getState().openOrderFrom('DD1001', 'dashboard', left);
    useApp.getState().takeOrderTrip();
    useApp.getState().go('dashboard');
    expect(useApp.getState().screen).toBe('dashboard');
    // Read on the screen's first render without taking it (a render must not change the store)…
    expect(peekLeftView(useApp.getState(), 'dashboard')).toEqual(left);
    expect(peekLeftView(useApp.getState(), 'myday')).toBeUndefined();
    // …then taken: another screen asking gets nothing, and the dashboard gets it once.
    expect(useApp.getState().takeLeftView('myday')).toBeUndefined();
    expect(useApp.getState().takeLeftView('dashboard')).toEqual(left);
    expect(useApp.getState().takeLeftView('dashboard')).toBeUndefined();
  });

  test('a newer trip replaces what an older one left (no stale dashboard after a trip from My calls)', () => {
    fresh();
    useApp.getState().openOrderFrom('DD1001', 'dashboard', { filters: { from: '2026-12-05' } });
    useApp.getState().openOrderFrom('DD1002', 'myday');
    expect(useApp.getState().orderTrip).toEqual({ orderNo: 'DD1002', from: 'myday' });
    expect(useApp.getState().takeLeftView('dashboard')).toBeUndefined();
  });
});

describe('who is offered the link to an order', () => {
  const session = (roles: Role[]) => ({ agent: { id: 'a1', name: '陈组长', roles } }) as unknown as SessionView;

  test('Orders is open to every role; the dashboard to leads and My calls to agents only', () => {
    for (const roles of [['agent'], ['lead'], ['trainer'], ['agent', 'lead', 'trainer']] as Role[][]) {
      expect(maySee(session(roles), 'orders')).toBe(true);
    }
    expect(maySee(session(['agent']), 'dashboard')).toBe(false);
    expect(maySee(session(['lead']), 'dashboard')).toBe(true);
    expect(maySee(session(['lead']), 'myday')).toBe(false);
    expect(maySee(null, 'dashboard')).toBe(false);
  });

  test('"back to …" names every screen by its menu name, in each language', () => {
    for (const [locale, bundle] of Object.entries(resources)) {
      for (const key of Object.values(SCREEN_NAME)) {
        const value = key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], bundle.translation);
        expect(typeof value, `${locale}: ${key}`).toBe('string');
      }
    }
  });
});
