import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../shared/domain';
import { localeForTags } from '../../../shared/i18n';
import { api } from '../api';
import { setLanguage } from '../i18n';
import { useApp } from '../store';

/** First run: who is working, for which shop, in which language. */
export function Setup() {
  const { t } = useTranslation();
  const [agentName, setAgentName] = useState('');
  const [shopName, setShopName] = useState('');
  // The machine's language to begin with (a Taiwanese or English Windows opens in its own).
  const [language, setLang] = useState<Locale>(() => localeForTags(navigator.languages?.length ? navigator.languages : [navigator.language]));
  useEffect(() => setLanguage(language), []);
  const [busy, setBusy] = useState(false);
  const { setSession, fail } = useApp();

  const [problem, setProblem] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (busy) return;
    // Spaces only passed the browser's check and came back as the core's raw schema message.
    if (!agentName.trim() || !shopName.trim()) return setProblem(true);
    setProblem(false);
    setBusy(true);
    try {
      setSession(await api.completeSetup({ agentName: agentName.trim(), shopName: shopName.trim(), language }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="setup">
      <form className="panel setup-form" onSubmit={submit} aria-labelledby="setup-title">
        <h1 id="setup-title">{t('setup.title')}</h1>
        <p className="muted">{t('setup.intro')}</p>
        <label>
          {t('setup.agentName')}
          <input name="agentName" autoFocus required maxLength={40} value={agentName} onChange={(e) => setAgentName(e.target.value)} />
        </label>
        <label>
          {t('setup.shopName')}
          <input name="shopName" required maxLength={80} value={shopName} onChange={(e) => setShopName(e.target.value)} />
        </label>
        <label>
          {t('setup.language')}
          <select
            name="language"
            value={language}
            onChange={(e) => {
              const l = e.target.value as Locale;
              setLang(l);
              setLanguage(l);
            }}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`locales.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small">{t('setup.rolesNote')}</p>
        {problem && (
          <p className="problem" role="alert">
            {t('setup.nameRequired')}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('setup.start')}
        </button>
      </form>
    </main>
  );
}
