import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Orders } from './screens/Orders';
import { Scripts } from './screens/Scripts';
import { Blacklist } from './screens/Blacklist';
import { RiskSettings } from './screens/RiskSettings';
import { Settings } from './screens/Settings';
import { Setup } from './screens/Setup';
import { Work } from './screens/Work';
import { hasRole, useApp, type Screen } from './store';

export function App() {
  const { t } = useTranslation();
  const { session, screen, notice, loadSession, go, notify } = useApp();

  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  // Alt+1..6 switch screens from anywhere, typing or not.
  useEffect(() => {
    const screens: Screen[] = ['work', 'orders', 'settings', 'scripts', 'blacklist', 'risk'];
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
        {notice ? <p className="notice error">{t(notice.key, notice.params)}</p> : <p className="muted pad">{t('common.loading')}</p>}
      </div>
    );
  }
  if (!session.setupDone) {
    return (
      <div className="app">
        {notice && <p className={`notice ${notice.kind}`}>{t(notice.key, notice.params)}</p>}
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
  ];
  const current = (screen === 'work' && !hasRole(session, 'agent')) || (screen === 'scripts' && !hasRole(session, 'trainer')) || ((screen === 'blacklist' || screen === 'risk') && !hasRole(session, 'lead')) ? 'orders' : screen;
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
        <span className="who">
          {session.agent?.name} · {session.settings.shopName}
        </span>
      </nav>
      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          {t(notice.key, notice.params)}
          <button className="link" onClick={() => notify(null)} aria-label={t('common.close')}>
            ×
          </button>
        </div>
      )}
      {current === 'work' && <Work />}
      {current === 'orders' && <Orders />}
      {current === 'settings' && <Settings />}
      {current === 'scripts' && <Scripts />}
      {current === 'blacklist' && <Blacklist />}
      {current === 'risk' && <RiskSettings />}
    </div>
  );
}
