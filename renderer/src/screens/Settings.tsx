import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FLOWS, LOCALES, ROLES, type Flow, type Locale, type Role } from '../../../shared/domain';
import { OUTCOMES, REASON_LISTS, type OutcomeCode, type ReasonList } from '../../../shared/outcomes';
import { formatLadder, parseLadder, Settings as SettingsSchema, type Settings as SettingsT, type SettingsPatch } from '../../../shared/settings';
import { api } from '../api';
import { setLanguage } from '../i18n';
import { useApp } from '../store';

/** Personal settings for everyone; queue rules, outcome names and reasons for team leads. */
export function Settings() {
  const { t, i18n } = useTranslation();
  const { session, setSession, fail, notify } = useApp();
  const s = session!;
  // A lead, or anyone on a store where nobody holds the lead role any more (the core says which).
  const isLead = s.actsAsLead;
  const [agentName, setAgentName] = useState(s.agent?.name ?? '');
  const [shopName, setShopName] = useState(s.settings.shopName);
  const [roles, setRoles] = useState<Role[]>(s.agent?.roles ?? []);
  const [zone, setZone] = useState(s.settings.businessTimeZone);
  const [problem, setProblem] = useState<string | null>(null);

  async function save(patch: { settings?: SettingsPatch; agentName?: string; roles?: Role[] }): Promise<boolean> {
    try {
      setSession(await api.updateSettings(patch));
      notify({ kind: 'success', key: 'settings.saved' });
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  }
  const [personalSaved, setPersonalSaved] = useState(false);

  async function changeLanguage(language: Locale) {
    setLanguage(language);
    await save({ settings: { language } });
  }

  const personalForm = useRef<HTMLFormElement>(null);

  return (
    <main className="settings">
      <form
        className="panel settings-form"
        ref={personalForm}
        noValidate
        onChange={() => setPersonalSaved(false)}
        onSubmit={(e) => {
          e.preventDefault();
          if (!agentName.trim() || !shopName.trim()) {
            setProblem(t('settings.nameRequired'));
            return focusField(personalForm.current, agentName.trim() ? 'shopName' : 'agentName');
          }
          setProblem(null);
          void save({ agentName: agentName.trim(), roles, settings: { shopName: shopName.trim(), businessTimeZone: zone.trim() } }).then(setPersonalSaved);
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
          <input name="shopName" required maxLength={80} value={shopName} readOnly={!isLead} onChange={(e) => setShopName(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('settings.roles')}</legend>
          {ROLES.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                disabled={!isLead}
                onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
              />
              {t(`roles.${r}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('settings.timeZone')}
          <input name="timeZone" value={zone} readOnly={!isLead} onChange={(e) => setZone(e.target.value)} />
        </label>
        {!isLead && <p className="muted small">{t('settings.rolesByLead')}</p>}
        {roles.length === 0 && <p className="muted small">{t('settings.rolesRequired')}</p>}
        <SaveRow problem={problem} saved={personalSaved} disabled={roles.length === 0} label={t('settings.save')} />
      </form>
      {isLead && <QueueRules settings={s.settings} onSave={(settings) => save({ settings })} />}
      {/* One form per language: switching the language here must not carry one language's names into another's. */}
      {isLead && <OutcomeNames key={i18n.language} settings={s.settings} onSave={(settings) => save({ settings })} />}
    </main>
  );
}

/** Moves the focus to a form's field by name (the one a problem is about). */
function focusField(form: HTMLFormElement | null, name: string): void {
  form?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
}

/**
 * A form's foot: what is wrong, the save button, and "saved" beside it — the forms lower down are
 * out of sight of the notice at the top of the page. "Saved" stays until the form is changed.
 */
function SaveRow({ problem, saved, disabled, label }: { problem: string | null; saved: boolean; disabled?: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="row save-row">
        <button type="submit" className="primary" disabled={disabled}>
          {label}
        </button>
        <span role="status" className="saved-note" data-testid="saved-note">
          {saved ? `✓ ${t('settings.saved')}` : ''}
        </span>
      </div>
    </>
  );
}

/** A whole number typed in a box; NaN (refused by the schema) for anything else. */
function wholeNumber(v: string): number {
  return /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
}

/** Calling hours, click-to-dial, which flow comes first, and when unanswered calls are retried. */
function QueueRules({ settings, onSave }: { settings: SettingsT; onSave(patch: SettingsPatch): Promise<boolean> }) {
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
  /** The field the problem is about: marked, and given the focus. */
  const [bad, setBad] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const invalid = (field: string, message: string) => {
    setProblem(message);
    setBad(field);
    focusField(form.current, field);
  };

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
      if (!parsed[f]) return invalid(`ladder-${f}`, t('settings.badLadder', { flow: t(`flows.${f}`) }));
    }
    // Checked here with the settings' own schema, so the lead reads what to fix instead of the
    // core's raw schema message (and "abc" minutes no longer saves as 0).
    const callingHours = { start: start.trim(), end: end.trim() };
    if (!SettingsSchema.shape.callingHours.safeParse(callingHours).success) {
      return invalid(SettingsSchema.shape.callingHours.shape.start.safeParse(callingHours.start).success ? 'callingEnd' : 'callingStart', t('settings.badCallingHours'));
    }
    if (!SettingsSchema.shape.dialUriTemplate.safeParse(dialUri).success) return invalid('dialUri', t('settings.badDialUri'));
    const upsellAfterVerify = { enabled: upsellOn, delayMinutes: wholeNumber(upsellDelay) };
    if (!SettingsSchema.shape.upsellAfterVerify.safeParse(upsellAfterVerify).success) return invalid('upsellDelay', t('settings.badUpsellDelay'));
    const unpaidReminderMaxAgeDays = wholeNumber(unpaidDays);
    if (!SettingsSchema.shape.unpaidReminderMaxAgeDays.safeParse(unpaidReminderMaxAgeDays).success) return invalid('unpaidDays', t('settings.badUnpaidDays'));
    setProblem(null);
    setBad(null);
    void onSave({
      callingHours,
      dialUriTemplate: dialUri.trim(),
      flowPriority: priority,
      retryLadders: parsed as SettingsT['retryLadders'],
      upsellAfterVerify,
      unpaidReminderMaxAgeDays,
    }).then(setSaved);
  }

  return (
    <form className="panel settings-form" ref={form} noValidate onSubmit={submit} onChange={() => setSaved(false)} data-testid="queue-rules">
      <h2>{t('settings.queueRules')}</h2>
      <div className="row">
        <label>
          {t('settings.callingFrom')}
          <input name="callingStart" value={start} onChange={(e) => setStart(e.target.value)} aria-invalid={bad === 'callingStart'} />
        </label>
        <label>
          {t('settings.callingTo')}
          <input name="callingEnd" value={end} onChange={(e) => setEnd(e.target.value)} aria-invalid={bad === 'callingEnd'} />
        </label>
      </div>
      <label>
        {t('settings.dialUri')}
        <input name="dialUri" value={dialUri} onChange={(e) => setDialUri(e.target.value)} aria-invalid={bad === 'dialUri'} />
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
              <input name={`ladder-${f}`} value={ladders[f]} onChange={(e) => setLadders({ ...ladders, [f]: e.target.value })} aria-invalid={bad === `ladder-${f}`} />
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
        <input name="upsellDelay" inputMode="numeric" value={upsellDelay} onChange={(e) => setUpsellDelay(e.target.value)} aria-invalid={bad === 'upsellDelay'} />
      </label>
      <label>
        {t('settings.unpaidDays')}
        <input name="unpaidDays" inputMode="numeric" value={unpaidDays} onChange={(e) => setUnpaidDays(e.target.value)} aria-invalid={bad === 'unpaidDays'} />
      </label>
      <SaveRow problem={problem} saved={saved} label={t('settings.saveRules')} />
    </form>
  );
}

/** Leads rename and re-key outcomes for the current language, and add reasons to the lists. */
function OutcomeNames({ settings, onSave }: { settings: SettingsT; onSave(patch: SettingsPatch): Promise<boolean> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const current = settings.outcomeOverrides[locale] ?? {};
  const [names, setNames] = useState<Partial<Record<OutcomeCode, { label?: string; key?: string }>>>(current);
  const [reasons, setReasons] = useState<Record<ReasonList, string>>(
    Object.fromEntries(Object.keys(REASON_LISTS).map((l) => [l, (settings.extraReasons[l as ReasonList] ?? []).join('\n')])) as Record<ReasonList, string>,
  );

  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

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
    void onSave({ outcomeOverrides: { ...settings.outcomeOverrides, [locale]: cleaned }, extraReasons: extra }).then(setSaved);
  }

  return (
    <form className="panel settings-form wide" onSubmit={submit} onChange={() => setSaved(false)}>
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
      <SaveRow problem={problem} saved={saved} label={t('settings.saveNames')} />
    </form>
  );
}
