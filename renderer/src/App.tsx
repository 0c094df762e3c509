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
import { hasRole, useApp, type Screen } from './store';
import { FLOWS } from '../../shared/domain';
import { OUTCOME_CODES } from '../../shared/outcomes';

// The dashboard brings the charts library: loaded when a lead first opens it, not with every window.
const Dashboard = lazy(() => import('./screens/Dashboard').then((m) => ({ default: m.Dashboard })));

export function App() {
  const { t } = useTranslation();
  // Core errors carry flow and outcome codes (a key clash "in the verify call"): said in words, in the
  // language on screen now (a notice is translated again when the language changes).
  const noticeParams = (params?: Record<string, string | number>) => {
    if (!params) return params;
    const out = { ...params };
    if (typeof out.flow === 'string' && (FLOWS as readonly string[]).includes(out.flow)) out.flow = t(`flows.${out.flow}`);
    if (typeof out.outcome === 'string' && (OUTCOME_CODES as readonly string[]).includes(out.outcome)) out.outcome = t(`outcomes.${out.outcome}`);
    return out;
  };
  const { session, screen, notice, loadSession, go, notify } = useApp();

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
        {notice ? <p className="notice error">{t(notice.key, noticeParams(notice.params))}</p> : <p className="muted pad">{t('common.loading')}</p>}
      </div>
    );
  }
  if (!session.setupDone) {
    return (
      <div className="app">
        {notice && <p className={`notice ${notice.kind}`}>{t(notice.key, noticeParams(notice.params))}</p>}
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
      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          {t(notice.key, noticeParams(notice.params))}
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
      {current === 'dashboard' && (
        <Suspense fallback={<p className="muted pad">{t('common.loading')}</p>}>
          <Dashboard />
        </Suspense>
      )}
      {current === 'myday' && <MyDay />}
    </div>
  );
}
