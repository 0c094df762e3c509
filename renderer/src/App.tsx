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
import { NoticeBar } from './components/NoticeBar';
import { hasRole, useApp, type Screen } from './store';

// The dashboard brings the charts library: loaded when a lead first opens it, not with every window.
const Dashboard = lazy(() => import('./screens/Dashboard').then((m) => ({ default: m.Dashboard })));

export function App() {
  const { t } = useTranslation();
  const { session, screen, notice, loadSession, go } = useApp();

  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  // Alt+1..8 switch screens from anywhere, typing or not.
  useEffect(() => {
    const screens: Screen[] = ['work', 'orders', 'settings', 'scripts', 'blacklist', 'risk', 'dashboard', 'myday'];
    function onKey(e: KeyboardEvent) {
      if (!e.altKey) return;
      const i = Number(e.key) - 1;
      if (screens[i]) {
        e.preventDefault();
        go(screens[i]);
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

  const nav: [Screen, string, boolean][] = [
    ['work', 'nav.work', hasRole(session, 'agent')],
    ['orders', 'nav.orders', true],
    ['settings', 'nav.settings', true],
    ['scripts', 'packs.nav', hasRole(session, 'trainer')],
    ['blacklist', 'blacklist.nav', hasRole(session, 'lead')],
    ['risk', 'risk.nav', hasRole(session, 'lead')],
    ['dashboard', 'reports.nav', hasRole(session, 'lead')],
    ['myday', 'reports.myDay.nav', hasRole(session, 'agent')],
  ];
  const current = (screen === 'work' && !hasRole(session, 'agent')) || (screen === 'scripts' && !hasRole(session, 'trainer')) || ((screen === 'blacklist' || screen === 'risk' || screen === 'dashboard') && !hasRole(session, 'lead')) || (screen === 'myday' && !hasRole(session, 'agent')) ? 'orders' : screen;
  return (
    <div className="app">
      <nav className="topbar">
        <span className="brand">{t('app.name')}</span>
        {nav.map(([id, key, visible], i) =>
          visible ? (
            <button key={id} className={current === id ? 'active' : ''} onClick={() => go(id)} aria-keyshortcuts={`Alt+${i + 1}`}>
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
