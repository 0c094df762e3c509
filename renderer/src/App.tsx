import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Orders } from './screens/Orders';
import { Scripts } from './screens/Scripts';
import { Blacklist } from './screens/Blacklist';
import { MyDay } from './screens/MyDay';
import { RiskSettings } from './screens/RiskSettings';
import { Settings } from './screens/Settings';
import { Setup } from './screens/Setup';
import { Work } from './screens/Work';
import { RELOADED_KEY } from './api';
import { NoticeBar } from './components/NoticeBar';
import { maySee, SCREEN_NAME } from './orderTrip';
import { useApp, type Screen } from './store';

/** The screens in the menu's order: Alt+1 … Alt+8. */
const MENU: readonly Screen[] = ['work', 'orders', 'settings', 'scripts', 'blacklist', 'risk', 'dashboard', 'myday'];

// The dashboard brings the charts library: loaded when a lead first opens it, not with every window.
const Dashboard = lazy(() => import('./screens/Dashboard').then((m) => ({ default: m.Dashboard })));

export function App() {
  const { t } = useTranslation();
  const { session, screen, notice, loadSession, go } = useApp();

  useEffect(() => {
    void loadSession();
    // Reloaded by api.ts because the web host had restarted: said once, on the page that came back.
    try {
      if (sessionStorage.getItem(RELOADED_KEY)) {
        sessionStorage.removeItem(RELOADED_KEY);
        useApp.getState().notify({ kind: 'info', key: 'app.reloadedAfterRestart' });
      }
    } catch {
      // No session storage: nothing to say.
    }
  }, [loadSession]);

  // A screen opened by the menu (or Alt+N) takes the focus on its heading, unless it placed it
  // itself (a search box, a card): the next Tab goes into the screen, not back through the menu.
  const setupDone = !!session?.setupDone;
  useEffect(() => {
    if (!setupDone) return;
    let tries = 0;
    let timer = 0;
    const place = () => {
      const at = document.activeElement;
      if (at && at !== document.body && !at.closest('nav.topbar')) return;
      const heading = document.querySelector<HTMLElement>('.app > nav ~ * h1, .app > nav ~ * h2');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      } else if (++tries < 40) timer = window.setTimeout(place, 50); // a screen still loading (the dashboard)
    };
    timer = window.setTimeout(place, 0);
    return () => window.clearTimeout(timer);
  }, [screen, setupDone]);

  // Alt+1..8 switch screens from anywhere, typing or not.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (!e.altKey) return;
      const i = Number(e.key) - 1;
      if (MENU[i]) {
        e.preventDefault();
        go(MENU[i]);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  if (!session) {
    return (
      <div className="app">
        <NoticeBar />
        {!notice && <p className="muted pad">{t('common.loading')}</p>}
      </div>
    );
  }
  if (!session.setupDone) {
    return (
      <div className="app">
        <NoticeBar />
        <Setup />
      </div>
    );
  }

  // The menu in its Alt+N order; each screen shown to the roles that may open it (orderTrip.ts).
  const nav = MENU.map((id) => [id, SCREEN_NAME[id], maySee(session, id)] as const);
  const current = maySee(session, screen) ? screen : 'orders';
  return (
    <div className="app">
      <nav className="topbar">
        <span className="brand">{t('app.name')}</span>
        {nav.map(([id, key, visible], i) =>
          visible ? (
            <button key={id} className={current === id ? 'active' : ''} onClick={() => go(id)} aria-keyshortcuts={`Alt+${i + 1}`} title={`Alt+${i + 1}`}>
              {t(key)} <kbd>Alt+{i + 1}</kbd>
            </button>
          ) : null,
        )}
        <span className="spacer" />
        <span className="who" title={`${session.agent?.name ?? ''} · ${session.settings.shopName}`}>
          {session.agent?.name} · {session.settings.shopName}
        </span>
      </nav>
      <NoticeBar />
      {current === 'work' && <Work />}
      {current === 'orders' && <Orders />}
      {current === 'settings' && <Settings />}
      {current === 'scripts' && <Scripts />}
      {current === 'blacklist' && <Blacklist />}
      {current === 'risk' && <RiskSettings />}
      {current === 'dashboard' && (
        <Suspense fallback={<p className="muted pad">{t('common.loading')}</p>}>
          <Dashboard />
        </Suspense>
      )}
      {current === 'myday' && <MyDay />}
    </div>
  );
}
