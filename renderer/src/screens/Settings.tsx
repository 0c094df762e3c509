import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, ROLES, type Locale, type Role } from '../../../shared/domain';
import { api } from '../api';
import { setLanguage } from '../i18n';
import { useApp } from '../store';

/** Who is working, the shop, the language (applied at once and remembered), roles and time zone. */
export function Settings() {
  const { t } = useTranslation();
  const { session, setSession, fail, notify } = useApp();
  const s = session!;
  const [agentName, setAgentName] = useState(s.agent?.name ?? '');
  const [shopName, setShopName] = useState(s.settings.shopName);
  const [roles, setRoles] = useState<Role[]>(s.agent?.roles ?? []);
  const [zone, setZone] = useState(s.settings.businessTimeZone);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    try {
      setSession(await api.updateSettings({ agentName, roles, settings: { shopName, businessTimeZone: zone } }));
      notify({ kind: 'info', key: 'settings.saved' });
    } catch (err) {
      fail(err);
    }
  }

  async function changeLanguage(language: Locale) {
    setLanguage(language);
    try {
      setSession(await api.updateSettings({ settings: { language } }));
    } catch (err) {
      fail(err);
    }
  }

  return (
    <main className="settings">
      <form className="panel settings-form" onSubmit={save}>
        <h2>{t('settings.title')}</h2>
        <label>
          {t('settings.language')}
          <select name="language" value={s.settings.language} onChange={(e) => void changeLanguage(e.target.value as Locale)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`locales.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.agentName')}
          <input name="agentName" required maxLength={40} value={agentName} onChange={(e) => setAgentName(e.target.value)} />
        </label>
        <label>
          {t('settings.shopName')}
          <input name="shopName" required maxLength={80} value={shopName} onChange={(e) => setShopName(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('settings.roles')}</legend>
          {ROLES.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
              />
              {t(`roles.${r}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('settings.timeZone')}
          <input name="timeZone" value={zone} onChange={(e) => setZone(e.target.value)} />
        </label>
        <p className="muted small">{t('settings.ladder', { steps: s.settings.retryLadders.verify.map((r) => ('minutes' in r ? t('settings.rungMinutes', { count: r.minutes }) : t('settings.rungMorning', { time: r.nextMorningAt }))).join(' → ') })}</p>
        <button type="submit" className="primary" disabled={roles.length === 0}>
          {t('settings.save')}
        </button>
      </form>
    </main>
  );
}
