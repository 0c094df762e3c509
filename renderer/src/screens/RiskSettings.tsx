/**
 * Risk rules (team leads): each rule's switch, points and parameters, the level thresholds, how
 * regions are compared, the remote-area list, and the importable number-range table. Saving
 * screens the orders still to ship again.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RescreenResult, TableImportResult } from '../../../shared/contracts/risk';
import { RULE_IDS } from '../../../shared/risk/rules';
import type { RemoteArea, RiskSettings as Settings, RuleId } from '../../../shared/risk/settings';
import { api } from '../api';
import { useApp } from '../store';
import { toBase64 } from '../files';
import '../risk.css';

/** The tunable parameters of each rule beyond its switch and points. */
const PARAMS: { [K in RuleId]?: string[] } = {
  duplicate_order: ['windowHours'],
  multi_account: ['windowHours', 'minContactsPerAddress', 'minNamesPerPhone'],
  ip_region_mismatch: ['ignoreDatacenterIps'],
  invalid_contact: ['deadNumberMaxAgeDays'],
  buyer_history: ['maxCounted', 'restrictCodAfterRefusals'],
};

function areasText(areas: RemoteArea[]): string {
  return areas.map((a) => (a.city ? `${a.province} ${a.city}` : a.province)).join('\n');
}

function parseAreas(text: string): RemoteArea[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().split(/[\s,，/]+/).filter(Boolean))
    .filter((p) => p.length > 0)
    .map(([province, city]) => (city ? { province, city } : { province }));
}

export function RiskSettings() {
  const { t } = useTranslation();
  const { fail, notify } = useApp();
  const [s, setS] = useState<Settings | null>(null);
  const [areas, setAreas] = useState('');
  const [prefixes, setPrefixes] = useState(0);
  const [imported, setImported] = useState<TableImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.getRiskSettings({}).then((r) => {
      setS(r);
      setAreas(areasText(r.rules.remote_area.areas));
    }, fail);
    api.phonePrefixCount({}).then((r) => setPrefixes(r.count), fail);
  }, [fail]);

  if (!s) return <main className="risk-settings">{t('common.loading')}</main>;

  const rule = <K extends RuleId>(id: K, patch: Partial<Settings['rules'][K]>) => setS({ ...s, rules: { ...s.rules, [id]: { ...s.rules[id], ...patch } } });

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!s) return;
    setBusy(true);
    try {
      const r = await api.updateRiskSettings({
        patch: {
          compareLevel: s.compareLevel,
          thresholds: s.thresholds,
          screenOnImport: s.screenOnImport,
          rules: { ...s.rules, remote_area: { ...s.rules.remote_area, areas: parseAreas(areas) } },
        },
      });
      setS(r.settings);
      setAreas(areasText(r.settings.rules.remote_area.areas));
      notify({ kind: 'info', key: 'risk.settings.saved', params: { count: r.rescreened.screened } });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function rescreenAll() {
    setBusy(true);
    try {
      const r: RescreenResult = await api.rescreen({ all: true });
      notify({ kind: 'info', key: 'risk.settings.rescreened', params: { ...r } });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function onPrefixFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    try {
      setImported(await api.importPhonePrefixes({ fileName: file.name, contentBase64: toBase64(await file.arrayBuffer()) }));
      setPrefixes((await api.phonePrefixCount({})).count);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const num = (v: string) => (v === '' ? 0 : Number(v));
  return (
    <main className="risk-settings">
      <form className="panel" onSubmit={(e) => void save(e)} data-testid="risk-settings">
        <h2>{t('risk.settings.title')}</h2>
        <p className="muted small">{t('risk.settings.intro')}</p>
        <div className="row">
          <label>
            {t('risk.settings.compareLevel')}
            <select value={s.compareLevel} onChange={(e) => setS({ ...s, compareLevel: e.target.value as Settings['compareLevel'] })}>
              <option value="province">{t('risk.settings.province')}</option>
              <option value="city">{t('risk.settings.city')}</option>
            </select>
          </label>
          <label>
            {t('risk.settings.medium')}
            <input type="number" min={1} value={s.thresholds.medium} onChange={(e) => setS({ ...s, thresholds: { ...s.thresholds, medium: num(e.target.value) } })} />
          </label>
          <label>
            {t('risk.settings.high')}
            <input type="number" min={1} value={s.thresholds.high} onChange={(e) => setS({ ...s, thresholds: { ...s.thresholds, high: num(e.target.value) } })} />
          </label>
          <label className="check">
            <input type="checkbox" checked={s.screenOnImport} onChange={(e) => setS({ ...s, screenOnImport: e.target.checked })} />
            {t('risk.settings.screenOnImport')}
          </label>
        </div>
        <table>
          <thead>
            <tr>
              <th>{t('risk.settings.enabled')}</th>
              <th />
              <th>{t('risk.settings.weight')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {RULE_IDS.map((id) => {
              const r = s.rules[id] as Settings['rules'][RuleId] & Record<string, unknown>;
              return (
                <tr key={id} data-rule={id}>
                  <td>
                    <input type="checkbox" aria-label={t(`risk.rules.${id}`)} checked={r.enabled} onChange={(e) => rule(id, { enabled: e.target.checked })} />
                  </td>
                  <td>{t(`risk.rules.${id}`)}</td>
                  <td>
                    <input type="number" min={0} max={200} value={r.weight} onChange={(e) => rule(id, { weight: num(e.target.value) })} />
                  </td>
                  <td>
                    <div className="row">
                    {(PARAMS[id] ?? []).map((p) =>
                      typeof r[p] === 'boolean' ? (
                        <label key={p} className="check">
                          <input type="checkbox" checked={r[p] as boolean} onChange={(e) => rule(id, { [p]: e.target.checked })} />
                          {t(`risk.settings.params.${p}`)}
                        </label>
                      ) : (
                        <label key={p}>
                          {t(`risk.settings.params.${p}`)}
                          <input type="number" min={0} value={r[p] as number} onChange={(e) => rule(id, { [p]: num(e.target.value) })} />
                        </label>
                      ),
                    )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <label>
          {t('risk.settings.remoteAreas')}
          <textarea value={areas} onChange={(e) => setAreas(e.target.value)} data-testid="remote-areas" />
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {t('risk.settings.save')}
          </button>
          <button type="button" onClick={() => void rescreenAll()} disabled={busy}>
            {t('risk.settings.rescreenAll')}
          </button>
        </div>
      </form>

      <section className="panel">
        <h3>{t('risk.settings.prefixes')}</h3>
        <p className="muted small">{t('risk.settings.prefixesIntro')}</p>
        <div className="row">
          <span>{t('risk.settings.prefixCount', { count: prefixes })}</span>
          <label className={`button ${busy ? 'disabled' : ''}`}>
            {t('risk.settings.importPrefixes')}
            <input type="file" accept=".csv,.txt,.xlsx,text/csv" hidden disabled={busy} onChange={(e) => void onPrefixFile(e)} data-testid="prefix-import" />
          </label>
        </div>
        {imported && (
          <div role="status">
            {t('risk.settings.imported', { imported: imported.imported, rejected: imported.rejected.length })}
            <ul className="mini-list">
              {imported.rejected.slice(0, 100).map((r) => (
                <li key={r.row}>{t(`risk.rejects.${r.code}`, { row: r.row, value: r.value })}</li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </main>
  );
}
