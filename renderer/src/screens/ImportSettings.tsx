/** Intake settings, beside the file picker: revisit delay, fresh-lead window, online verify, and the status words the shop added. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COURIER_EVENTS,
  PLATFORM_STATUS_TARGETS,
  type CourierEvent,
  type IntakeSettings,
  type PlatformStatusTarget,
} from '../../../shared/intake';
import { api } from '../api';
import { useApp } from '../store';

export function ImportSettings() {
  const { t } = useTranslation();
  const { fail, notify } = useApp();
  const [s, setS] = useState<IntakeSettings | null>(null);
  const [word, setWord] = useState('');
  const [target, setTarget] = useState<string>('platform:cancelled');

  useEffect(() => {
    api.getIntakeSettings({}).then(setS, fail);
  }, [fail]);

  if (!s) return null;

  async function save(next: IntakeSettings) {
    try {
      setS(await api.updateIntakeSettings({ settings: next }));
      notify({ kind: 'success', key: 'intake.settings.saved' });
    } catch (e) {
      fail(e);
    }
  }

  function addWord() {
    if (!s || word.trim() === '') return;
    const [table, value] = target.split(':');
    const label = word.trim();
    void save(
      table === 'platform'
        ? { ...s, platformStatuses: { ...s.platformStatuses, [label]: value as PlatformStatusTarget } }
        : { ...s, courierStatuses: { ...s.courierStatuses, [label]: value as CourierEvent } },
    );
    setWord('');
  }

  function removeWord(table: 'platform' | 'courier', label: string) {
    if (!s) return;
    if (table === 'platform') {
      const { [label]: _gone, ...rest } = s.platformStatuses;
      void save({ ...s, platformStatuses: rest });
    } else {
      const { [label]: _gone, ...rest } = s.courierStatuses;
      void save({ ...s, courierStatuses: rest });
    }
  }

  const words: ['platform' | 'courier', string, string][] = [
    ...Object.entries(s.platformStatuses).map(([k, v]) => ['platform', k, t(`status.${v}`)] as ['platform', string, string]),
    ...Object.entries(s.courierStatuses).map(([k, v]) => ['courier', k, t(`intake.courierEvents.${v}`)] as ['courier', string, string]),
  ];

  return (
    <details className="import-settings" data-testid="import-settings">
      <summary>{t('intake.settings.title')}</summary>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          void save({
            ...s,
            revisitDelayDays: Number(f.get('revisitDelayDays')),
            staleAfterDays: Number(f.get('staleAfterDays')),
            verifyOnlinePaid: f.get('verifyOnlinePaid') === 'on',
          });
        }}
      >
        <label>
          {t('intake.settings.revisitDelayDays')}
          <input name="revisitDelayDays" type="number" min={0} max={60} defaultValue={s.revisitDelayDays} />
        </label>
        <label>
          {t('intake.settings.staleAfterDays')}
          <input name="staleAfterDays" type="number" min={1} max={365} defaultValue={s.staleAfterDays} />
        </label>
        <label className="check">
          <input name="verifyOnlinePaid" type="checkbox" defaultChecked={s.verifyOnlinePaid} />
          {t('intake.settings.verifyOnlinePaid')}
        </label>
        <button type="submit">{t('intake.settings.save')}</button>
      </form>
      <h4>{t('intake.settings.words')}</h4>
      <ul className="mini-list">
        {words.map(([table, label, meaning]) => (
          <li key={`${table}:${label}`} className="row">
            <span>
              “{label}” → {meaning}
            </span>
            <button className="link" onClick={() => removeWord(table, label)} aria-label={t('intake.settings.remove', { label })}>
              ×
            </button>
          </li>
        ))}
        {words.length === 0 && <li className="muted">{t('intake.settings.noWords')}</li>}
      </ul>
      <div className="row">
        <input aria-label={t('intake.settings.word')} placeholder={t('intake.settings.word')} value={word} maxLength={40} onChange={(e) => setWord(e.target.value)} />
        <select aria-label={t('intake.settings.means')} value={target} onChange={(e) => setTarget(e.target.value)}>
          <optgroup label={t('intake.kinds.orders')}>
            {PLATFORM_STATUS_TARGETS.map((v) => (
              <option key={v} value={`platform:${v}`}>
                {t(`status.${v}`)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('intake.kinds.courier')}>
            {COURIER_EVENTS.map((v) => (
              <option key={v} value={`courier:${v}`}>
                {t(`intake.courierEvents.${v}`)}
              </option>
            ))}
          </optgroup>
        </select>
        <button onClick={addWord} disabled={word.trim() === ''}>
          {t('intake.settings.add')}
        </button>
      </div>
    </details>
  );
}
