/**
 * Risk rules (team leads): each rule's switch, points and parameters (with a line on when it
 * fires), the level thresholds, how regions are compared, the remote-area list, and the importable
 * number-range table. Saving screens the orders still to ship again.
 *
 * The form checks itself before sending, with the same ranges the core checks (NUMBER_FIELDS): each
 * problem is said under its field in the screen's language, an emptied field stays empty until it
 * is filled, and the result of saving is said in the save bar, which stays in view at the foot of
 * the window however long the form is.
 */
import { FilePick } from '../components/FilePick';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableImportResult } from '../../../shared/contracts/risk';
import { RULE_IDS } from '../../../shared/risk/rules';
import {
  NUMBER_FIELDS,
  riskSettingsProblems,
  type RemoteArea,
  type RiskSettings as Settings,
  type RiskSettingsDraft,
  type RiskSettingsProblem,
  type RuleId,
} from '../../../shared/risk/settings';
import { api, ApiError } from '../api';
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

const AREAS_PATH = 'rules.remote_area.areas';

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

const read = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);

/** Every number of the settings as the text in its field (what the lead typed, empty included). */
function numberTexts(s: Settings): Record<string, string> {
  return Object.fromEntries(NUMBER_FIELDS.map((f) => [f.path, String(read(s, f.path))]));
}

/** The settings as typed: an empty field is null (never 0), so it is said to be empty rather than saved. */
function draftOf(s: Settings, nums: Record<string, string>, areas: string): RiskSettingsDraft {
  const d = structuredClone(s) as unknown as Record<string, Record<string, unknown>>;
  for (const f of NUMBER_FIELDS) {
    const [head, ...rest] = f.path.split('.');
    const text = (nums[f.path] ?? '').trim();
    let target = d[head];
    for (const k of rest.slice(0, -1)) target = target[k] as Record<string, unknown>;
    target[rest.at(-1)!] = text === '' ? null : Number(text);
  }
  (d.rules.remote_area as Record<string, unknown>).areas = parseAreas(areas);
  return d as unknown as RiskSettingsDraft;
}

export function RiskSettings() {
  const { t } = useTranslation();
  const { fail } = useApp();
  const [s, setS] = useState<Settings | null>(null);
  const [nums, setNums] = useState<Record<string, string>>({});
  const [areas, setAreas] = useState('');
  const [prefixes, setPrefixes] = useState(0);
  const [imported, setImported] = useState<TableImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  /** Fields left once (their problem is said from then on) and whether a save was tried (all are said). */
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  /** What the core refused, under the field it concerns (when it names one). */
  const [refused, setRefused] = useState<{ path: string; text: string } | null>(null);
  /** The last save's or screening's result, said beside the buttons. */
  const [status, setStatus] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string } | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    api.getRiskSettings({}).then((r) => {
      setS(r);
      setNums(numberTexts(r));
      setAreas(areasText(r.rules.remote_area.areas));
    }, fail);
    api.phonePrefixCount({}).then((r) => setPrefixes(r.count), fail);
  }, [fail]);

  const problems = useMemo(() => (s ? riskSettingsProblems(draftOf(s, nums, areas)) : []), [s, nums, areas]);

  if (!s) return <main className="risk-settings">{t('common.loading')}</main>;

  const problemText = (p: RiskSettingsProblem) => t(`risk.settings.problems.${p.problem}`, p.params);
  /** What is said under a field: its own problems once it was left or a save was tried, or the core's refusal. */
  const said = (path: string): string[] => {
    const own = tried || touched.has(path) ? problems.filter((p) => p.path === path).map(problemText) : [];
    return refused?.path === path ? [...own, refused.text] : own;
  };
  const leave = (path: string) => setTouched((prev) => (prev.has(path) ? prev : new Set(prev).add(path)));
  /** A change makes the last result old news: "saved" (or the core's refusal) is no longer said. */
  const changed = () => setStatus((st) => (st?.kind === 'busy' ? st : null));
  const edit = (path: string, text: string) => {
    setNums({ ...nums, [path]: text });
    if (refused?.path === path) setRefused(null);
    changed();
  };
  const change = (next: Settings) => {
    setS(next);
    changed();
  };
  const rule = <K extends RuleId>(id: K, patch: Partial<Settings['rules'][K]>) => change({ ...s, rules: { ...s.rules, [id]: { ...s.rules[id], ...patch } } });
  // After a try to save, how many problems are left is said live beside the button until none is.
  const shown = tried && problems.length ? { kind: 'error', text: t('risk.settings.fixBeforeSave', { count: problems.length }) } : status;

  /** A number field: the text as typed, its problems under it, tied to it for screen readers. */
  const numberField = (path: string, label: string, opts: { min?: number; max?: number } = {}) => {
    const lines = said(path);
    const id = `risk-${path.replace(/\./g, '-')}`;
    return (
      <label key={path}>
        {label}
        <input
          type="number"
          inputMode="numeric"
          step={1}
          min={opts.min}
          max={opts.max}
          data-path={path}
          value={nums[path] ?? ''}
          aria-invalid={lines.length ? true : undefined}
          aria-describedby={lines.length ? `${id}-problem` : undefined}
          onChange={(e) => edit(path, e.target.value)}
          onBlur={() => leave(path)}
        />
        {lines.length > 0 && (
          <span className="problem" id={`${id}-problem`} role="alert">
            {lines.join(' ')}
          </span>
        )}
      </label>
    );
  };
  const bounds = (path: string) => NUMBER_FIELDS.find((f) => f.path === path);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!s || busy) return;
    setTried(true);
    setRefused(null);
    if (problems.length) {
      setStatus(null);
      // The first field with a problem, top to bottom, takes the focus.
      const wrong = new Set(problems.map((p) => p.path));
      [...(form.current?.querySelectorAll<HTMLElement>('[data-path]') ?? [])].find((el) => wrong.has(el.dataset.path!))?.focus();
      return;
    }
    // No problem left: every number is one.
    const draft = draftOf(s, nums, areas) as unknown as Settings;
    setBusy(true);
    setStatus({ kind: 'busy', text: t('risk.settings.saving') });
    try {
      const r = await api.updateRiskSettings({
        patch: { compareLevel: draft.compareLevel, thresholds: draft.thresholds, screenOnImport: draft.screenOnImport, rules: draft.rules },
      });
      setS(r.settings);
      setNums(numberTexts(r.settings));
      setAreas(areasText(r.settings.rules.remote_area.areas));
      setTried(false);
      setTouched(new Set());
      setStatus({ kind: 'ok', text: t('risk.settings.saved', { count: r.rescreened.screened }) });
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setStatus(null);
        fail(err);
        return;
      }
      // The core's words, beside the button and under the field they concern.
      const text = t(`errors.${err.code}`, err.params);
      setStatus({ kind: 'error', text });
      const path = err.code === 'risk_unknown_province' ? AREAS_PATH : typeof err.params.path === 'string' ? err.params.path : null;
      if (path) {
        setRefused({ path, text });
        form.current?.querySelector<HTMLElement>(`[data-path="${path}"]`)?.focus();
      }
    } finally {
      setBusy(false);
    }
  }

  async function rescreenAll() {
    setBusy(true);
    setStatus({ kind: 'busy', text: t('risk.settings.rescreening') });
    try {
      const r = await api.rescreen({ all: true });
      setStatus({ kind: 'ok', text: t('risk.settings.rescreened', { ...r }) });
    } catch (err) {
      setStatus(err instanceof ApiError ? { kind: 'error', text: t(`errors.${err.code}`, err.params) } : null);
      if (!(err instanceof ApiError)) fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function onPrefixFile(file: File) {
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

  const areaLines = said(AREAS_PATH);
  return (
    <main className="risk-settings">
      {/* noValidate: every problem is said in the screen's language under its field, never in the browser's own popup. */}
      <form ref={form} noValidate className="panel" onSubmit={(e) => void save(e)} data-testid="risk-settings">
        <h2>{t('risk.settings.title')}</h2>
        <p className="muted small">{t('risk.settings.intro')}</p>
        <div className="row risk-thresholds">
          <label>
            {t('risk.settings.compareLevel')}
            <select value={s.compareLevel} onChange={(e) => change({ ...s, compareLevel: e.target.value as Settings['compareLevel'] })}>
              <option value="province">{t('risk.settings.province')}</option>
              <option value="city">{t('risk.settings.city')}</option>
            </select>
          </label>
          {numberField('thresholds.medium', t('risk.settings.medium'), bounds('thresholds.medium'))}
          {numberField('thresholds.high', t('risk.settings.high'), bounds('thresholds.high'))}
          <label className="check">
            <input type="checkbox" checked={s.screenOnImport} onChange={(e) => change({ ...s, screenOnImport: e.target.checked })} />
            {t('risk.settings.screenOnImport')}
          </label>
        </div>
        <table className="risk-rules">
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
              const weightPath = `rules.${id}.weight`;
              const weightLines = said(weightPath);
              return (
                <tr key={id} data-rule={id}>
                  <td>
                    <input type="checkbox" aria-label={t(`risk.rules.${id}`)} checked={r.enabled} onChange={(e) => rule(id, { enabled: e.target.checked })} />
                  </td>
                  <td className="risk-rule-name">
                    <div>{t(`risk.rules.${id}`)}</div>
                    <div className="muted small" data-testid="rule-explain">
                      {t(`risk.settings.explain.${id}`)}
                    </div>
                  </td>
                  <td>
                    <input
                      type="number"
                      inputMode="numeric"
                      step={1}
                      min={bounds(weightPath)?.min}
                      max={bounds(weightPath)?.max}
                      data-path={weightPath}
                      aria-label={`${t(`risk.rules.${id}`)} · ${t('risk.settings.weight')}`}
                      aria-invalid={weightLines.length ? true : undefined}
                      aria-describedby={weightLines.length ? `risk-${id}-weight-problem` : undefined}
                      value={nums[weightPath] ?? ''}
                      onChange={(e) => edit(weightPath, e.target.value)}
                      onBlur={() => leave(weightPath)}
                    />
                    {weightLines.length > 0 && (
                      <span className="problem" id={`risk-${id}-weight-problem`} role="alert">
                        {weightLines.join(' ')}
                      </span>
                    )}
                  </td>
                  <td>
                    <div className="row risk-params">
                      {(PARAMS[id] ?? []).map((p) =>
                        typeof r[p] === 'boolean' ? (
                          <label key={p} className="check">
                            <input type="checkbox" checked={r[p] as boolean} onChange={(e) => rule(id, { [p]: e.target.checked })} />
                            {t(`risk.settings.params.${p}`)}
                          </label>
                        ) : (
                          numberField(`rules.${id}.${p}`, t(`risk.settings.params.${p}`), bounds(`rules.${id}.${p}`))
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
          <textarea
            value={areas}
            data-path={AREAS_PATH}
            aria-invalid={areaLines.length ? true : undefined}
            aria-describedby={areaLines.length ? 'risk-areas-problem' : undefined}
            onChange={(e) => {
              setAreas(e.target.value);
              if (refused?.path === AREAS_PATH) setRefused(null);
              changed();
            }}
            onBlur={() => leave(AREAS_PATH)}
            data-testid="remote-areas"
          />
          {areaLines.length > 0 && (
            <span className="problem" id="risk-areas-problem" role="alert">
              {areaLines.join(' ')}
            </span>
          )}
        </label>
        {/* Stays at the foot of the window while the form is longer than it: the result is said where the button is. */}
        <div className="risk-save-bar">
          <button type="submit" className="primary" disabled={busy}>
            {t('risk.settings.save')}
          </button>
          <button type="button" onClick={() => void rescreenAll()} disabled={busy}>
            {t('risk.settings.rescreenAll')}
          </button>
          <p className={`risk-save-status ${shown?.kind ?? ''}`} role="status" aria-live="polite" data-testid="risk-save-status">
            {shown?.text}
          </p>
        </div>
      </form>

      <section className="panel">
        <h3>{t('risk.settings.prefixes')}</h3>
        <p className="muted small">{t('risk.settings.prefixesIntro')}</p>
        <div className="row">
          <span>{t('risk.settings.prefixCount', { count: prefixes })}</span>
          <FilePick accept=".csv,.txt,.xlsx,text/csv" busy={busy} onFile={(f) => void onPrefixFile(f)} testId="prefix-import">
            {t('risk.settings.importPrefixes')}
          </FilePick>
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
