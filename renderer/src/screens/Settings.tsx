import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FLOWS, LOCALES, ROLES, type Flow, type Locale, type Role } from '../../../shared/domain';
import { OUTCOMES, REASON_LISTS, type OutcomeCode, type ReasonList } from '../../../shared/outcomes';
import { formatLadder, parseLadder, Settings as SettingsSchema, type Settings as SettingsT, type SettingsPatch } from '../../../shared/settings';
import { api } from '../api';
import { setLanguage } from '../i18n';
import { hasRole, useApp } from '../store';

/** Personal settings for everyone; queue rules, outcome names and reasons for team leads. */
export function Settings() {
  const { t, i18n } = useTranslation();
  const { session, setSession, fail, notify } = useApp();
  const s = session!;
  const isLead = hasRole(s, 'lead');
  const [agentName, setAgentName] = useState(s.agent?.name ?? '');
  const [shopName, setShopName] = useState(s.settings.shopName);
  const [roles, setRoles] = useState<Role[]>(s.agent?.roles ?? []);
  const [zone, setZone] = useState(s.settings.businessTimeZone);
  const [problem, setProblem] = useState<string | null>(null);

  async function save(patch: { settings?: SettingsPatch; agentName?: string; roles?: Role[] }) {
    try {
      setSession(await api.updateSettings(patch));
      notify({ kind: 'info', key: 'settings.saved' });
    } catch (err) {
      fail(err);
    }
  }

  async function changeLanguage(language: Locale) {
    setLanguage(language);
    await save({ settings: { language } });
  }

  return (
    <main className="settings">
      <form
        className="panel settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!agentName.trim() || !shopName.trim()) return setProblem(t('settings.nameRequired'));
          setProblem(null);
          void save({ agentName: agentName.trim(), roles, settings: { shopName: shopName.trim(), businessTimeZone: zone.trim() } });
        }}
      >
        <h2>{t('settings.title')}</h2>
        {/* Buttons, not a list: arrowing through a list switched the whole screen at every step. */}
        <fieldset className="choice-row" role="radiogroup" aria-label={t('settings.language')}>
          <legend>{t('settings.language')}</legend>
          {LOCALES.map((l) => (
            <button
              key={l}
              type="button"
              role="radio"
              aria-checked={s.settings.language === l}
              className={s.settings.language === l ? 'selected' : ''}
              data-locale={l}
              onClick={() => s.settings.language !== l && void changeLanguage(l)}
            >
              {t(`locales.${l}`)}
            </button>
          ))}
        </fieldset>
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
              <input type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
              {t(`roles.${r}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('settings.timeZone')}
          <input name="timeZone" value={zone} onChange={(e) => setZone(e.target.value)} />
        </label>
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={roles.length === 0}>
          {t('settings.save')}
        </button>
      </form>
      {isLead && <QueueRules settings={s.settings} onSave={(settings) => void save({ settings })} />}
      {/* One form per language: switching the language here must not carry one language's names into another's. */}
      {isLead && <OutcomeNames key={i18n.language} settings={s.settings} onSave={(settings) => void save({ settings })} />}
    </main>
  );
}

/** A whole number typed in a box; NaN (refused by the schema) for anything else. */
function wholeNumber(v: string): number {
  return /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
}

/** Calling hours, click-to-dial, which flow comes first, and when unanswered calls are retried. */
function QueueRules({ settings, onSave }: { settings: SettingsT; onSave(patch: SettingsPatch): void }) {
  const { t } = useTranslation();
  const [start, setStart] = useState(settings.callingHours.start);
  const [end, setEnd] = useState(settings.callingHours.end);
  const [dialUri, setDialUri] = useState(settings.dialUriTemplate);
  const [priority, setPriority] = useState<Flow[]>(settings.flowPriority);
  const [ladders, setLadders] = useState<Record<Flow, string>>(
    Object.fromEntries(FLOWS.map((f) => [f, formatLadder(settings.retryLadders[f])])) as Record<Flow, string>,
  );
  const [upsellOn, setUpsellOn] = useState(settings.upsellAfterVerify.enabled);
  const [upsellDelay, setUpsellDelay] = useState(String(settings.upsellAfterVerify.delayMinutes));
  const [unpaidDays, setUnpaidDays] = useState(String(settings.unpaidReminderMaxAgeDays));
  const [problem, setProblem] = useState<string | null>(null);

  function move(i: number, d: number) {
    const next = [...priority];
    const [f] = next.splice(i, 1);
    next.splice(Math.max(0, Math.min(next.length, i + d)), 0, f);
    setPriority(next);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed: Partial<Record<Flow, ReturnType<typeof parseLadder>>> = {};
    for (const f of FLOWS) {
      parsed[f] = parseLadder(ladders[f]);
      if (!parsed[f]) return setProblem(t('settings.badLadder', { flow: t(`flows.${f}`) }));
    }
    // Checked here with the settings' own schema, so the lead reads what to fix instead of the
    // core's raw schema message (and "abc" minutes no longer saves as 0).
    const callingHours = { start: start.trim(), end: end.trim() };
    if (!SettingsSchema.shape.callingHours.safeParse(callingHours).success) return setProblem(t('settings.badCallingHours'));
    if (!SettingsSchema.shape.dialUriTemplate.safeParse(dialUri).success) return setProblem(t('settings.badDialUri'));
    const upsellAfterVerify = { enabled: upsellOn, delayMinutes: wholeNumber(upsellDelay) };
    if (!SettingsSchema.shape.upsellAfterVerify.safeParse(upsellAfterVerify).success) return setProblem(t('settings.badUpsellDelay'));
    const unpaidReminderMaxAgeDays = wholeNumber(unpaidDays);
    if (!SettingsSchema.shape.unpaidReminderMaxAgeDays.safeParse(unpaidReminderMaxAgeDays).success) return setProblem(t('settings.badUnpaidDays'));
    setProblem(null);
    onSave({
      callingHours,
      dialUriTemplate: dialUri.trim(),
      flowPriority: priority,
      retryLadders: parsed as SettingsT['retryLadders'],
      upsellAfterVerify,
      unpaidReminderMaxAgeDays,
    });
  }

  return (
    <form className="panel settings-form" onSubmit={submit} data-testid="queue-rules">
      <h2>{t('settings.queueRules')}</h2>
      <div className="row">
        <label>
          {t('settings.callingFrom')}
          <input name="callingStart" value={start} onChange={(e) => setStart(e.target.value)} pattern="\d{1,2}:\d{2}" />
        </label>
        <label>
          {t('settings.callingTo')}
          <input name="callingEnd" value={end} onChange={(e) => setEnd(e.target.value)} pattern="\d{1,2}:\d{2}" />
        </label>
      </div>
      <label>
        {t('settings.dialUri')}
        <input name="dialUri" value={dialUri} onChange={(e) => setDialUri(e.target.value)} />
      </label>
      <fieldset className="priority">
        <legend>{t('settings.flowPriority')}</legend>
        <ol>
          {priority.map((f, i) => (
            <li key={f}>
              {t(`flows.${f}`)}
              <button type="button" className="link" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('settings.moveUp')}>
                ↑
              </button>
              <button type="button" className="link" disabled={i === priority.length - 1} onClick={() => move(i, 1)} aria-label={t('settings.moveDown')}>
                ↓
              </button>
            </li>
          ))}
        </ol>
      </fieldset>
      <fieldset>
        <legend>{t('settings.ladders')}</legend>
        <div className="ladders">
          {FLOWS.map((f) => (
            <label key={f}>
              {t(`flows.${f}`)}
              <input name={`ladder-${f}`} value={ladders[f]} onChange={(e) => setLadders({ ...ladders, [f]: e.target.value })} />
            </label>
          ))}
        </div>
        <p className="muted small">{t('settings.ladderHelp')}</p>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={upsellOn} onChange={(e) => setUpsellOn(e.target.checked)} />
        {t('settings.upsellAfterVerify')}
      </label>
      <label>
        {t('settings.upsellDelay')}
        <input name="upsellDelay" inputMode="numeric" value={upsellDelay} onChange={(e) => setUpsellDelay(e.target.value)} />
      </label>
      <label>
        {t('settings.unpaidDays')}
        <input name="unpaidDays" inputMode="numeric" value={unpaidDays} onChange={(e) => setUnpaidDays(e.target.value)} />
      </label>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary">
        {t('settings.saveRules')}
      </button>
    </form>
  );
}

/** Leads rename and re-key outcomes for the current language, and add reasons to the lists. */
function OutcomeNames({ settings, onSave }: { settings: SettingsT; onSave(patch: SettingsPatch): void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const current = settings.outcomeOverrides[locale] ?? {};
  const [names, setNames] = useState<Partial<Record<OutcomeCode, { label?: string; key?: string }>>>(current);
  const [reasons, setReasons] = useState<Record<ReasonList, string>>(
    Object.fromEntries(Object.keys(REASON_LISTS).map((l) => [l, (settings.extraReasons[l as ReasonList] ?? []).join('\n')])) as Record<ReasonList, string>,
  );

  const [problem, setProblem] = useState<string | null>(null);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    // A key the core would refuse ("!", "，") is named here instead of coming back as its raw schema text.
    const badKey = OUTCOMES.find((o) => {
      const k = names[o.code]?.key?.trim();
      return !!k && !/^[a-z0-9]$/.test(k.toLowerCase());
    });
    if (badKey) return setProblem(t('settings.badKey', { outcome: t(`outcomes.${badKey.code}`) }));
    setProblem(null);
    const cleaned = Object.fromEntries(
      Object.entries(names)
        .map(([code, o]) => [code, { ...(o?.label?.trim() ? { label: o.label.trim() } : {}), ...(o?.key?.trim() ? { key: o.key.trim().toLowerCase() } : {}) }])
        .filter(([, o]) => Object.keys(o as object).length > 0),
    );
    const extra = Object.fromEntries(
      Object.entries(reasons).map(([l, text]) => [l, text.split('\n').map((x) => x.trim()).filter(Boolean)]),
    ) as SettingsT['extraReasons'];
    onSave({ outcomeOverrides: { ...settings.outcomeOverrides, [locale]: cleaned }, extraReasons: extra });
  }

  return (
    <form className="panel settings-form wide" onSubmit={submit}>
      <h2>{t('settings.outcomeNames', { language: t(`locales.${locale}`) })}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('settings.outcome')}</th>
            <th>{t('settings.flows')}</th>
            <th>{t('settings.label')}</th>
            <th>{t('settings.key')}</th>
          </tr>
        </thead>
        <tbody>
          {OUTCOMES.map((o) => (
            <tr key={o.code}>
              <td>{t(`outcomes.${o.code}`)}</td>
              <td className="small muted">{o.flows.map((f) => t(`flows.${f}`)).join(' ')}</td>
              <td>
                <input
                  aria-label={`${t(`outcomes.${o.code}`)} ${t('settings.label')}`}
                  value={names[o.code]?.label ?? ''}
                  maxLength={30}
                  placeholder={t(`outcomes.${o.code}`)}
                  onChange={(e) => setNames({ ...names, [o.code]: { ...names[o.code], label: e.target.value } })}
                />
              </td>
              <td>
                <input
                  className="key-input"
                  aria-label={`${t(`outcomes.${o.code}`)} ${t('settings.key')}`}
                  maxLength={1}
                  value={names[o.code]?.key ?? ''}
                  placeholder={o.key.toUpperCase()}
                  onChange={(e) => setNames({ ...names, [o.code]: { ...names[o.code], key: e.target.value } })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('settings.extraReasons')}</h3>
      <div className="ladders">
        {(Object.keys(REASON_LISTS) as ReasonList[]).map((l) => (
          <label key={l}>
            {t(`reasonLists.${l}`)}
            <textarea rows={3} value={reasons[l]} onChange={(e) => setReasons({ ...reasons, [l]: e.target.value })} placeholder={t('settings.oneReasonPerLine')} />
          </label>
        ))}
      </div>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary">
        {t('settings.saveNames')}
      </button>
    </form>
  );
}
