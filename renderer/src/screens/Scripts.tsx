import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackCallView, PackIssueView, PackList, PackVersionDetail, PackVersionSummary } from '../../../shared/contracts/packs';
import { activationScopes, DEFAULT_SCOPE } from '../../../shared/contracts/packs';
import { FLOWS, type Flow, type Locale } from '../../../shared/domain';
import { FLOW_STATUSES, orderFitsFlow } from '../../../shared/flows';
import {
  BUILTIN_SAMPLE,
  HELD_SAMPLE,
  SAMPLE_SHIPMENT,
  cardScriptContext,
  describeIssue,
  MAX_PACK_CHARS,
  runScript,
  sampleForPack,
  sampleScriptContext,
  type CardLike,
  type SampleOrder,
  type ScriptContext,
  type ScriptEvent,
  validatePackText,
} from '../../../shared/scriptpack';
import { api, ApiError } from '../api';
import { FilePick } from '../components/FilePick';
import { ScriptBody, stamp, useScriptKeys } from '../components/ScriptView';
import { downloadBlob } from '../files';
import { formatTime } from '../format';
import { useOutcomeLabel } from '../outcomes';
import { useApp } from '../store';
import '../packs.css';

type SampleChoice = 'held' | 'plain' | 'custom' | 'order';

/**
 * How to write a pack, shipped inside the app: an installed workstation has no docs/ folder. The
 * guide, its worked example (the shipped default pack, as is: loaded back unchanged it is the same
 * version) and the schema editors complete from are bundled into the page at build time, so the
 * browser host and Electron hand them out alike; each is fetched only when asked for.
 */
const GUIDE_FILES = {
  guide: { fileName: 'script-packs.md', type: 'text/markdown;charset=utf-8', load: () => import('../../../docs/script-packs.md?raw') },
  example: { fileName: 'default.yaml', type: 'text/yaml;charset=utf-8', load: () => import('../../../resources/packs/default.yaml?raw') },
  schema: { fileName: 'script-pack.schema.json', type: 'application/json;charset=utf-8', load: () => import('../../../resources/schemas/script-pack.schema.json?raw') },
} as const;
type GuideFile = keyof typeof GUIDE_FILES;

/** The trainer's workspace: load a pack file, see its problems in place, preview it, activate or roll back versions. */
export function Scripts() {
  const { t, i18n } = useTranslation();
  const { session, fail, notify } = useApp();
  const s = session!;
  const tz = s.settings.businessTimeZone;
  const lang = i18n.language;
  const outcomeLabel = useOutcomeLabel(s);
  const [list, setList] = useState<PackList | null>(null);
  const [busy, setBusy] = useState(false);
  /** The file just loaded (or a stored version opened): its text and problems. */
  const [opened, setOpened] = useState<{ title: string; source: string; issues: PackIssueView[] } | null>(null);
  const [focusLine, setFocusLine] = useState<number | null>(null);
  const [selected, setSelected] = useState<PackVersionDetail | null>(null);
  /** The scope the trainer picked for the selected version ('' until then: the first allowed one). */
  const [scope, setScope] = useState('');
  const [calls, setCalls] = useState<PackCallView[]>([]);
  const [callOrderNo, setCallOrderNo] = useState('');

  const refresh = useCallback(async () => {
    try {
      setList(await api.listPacks({}));
    } catch (e) {
      fail(e);
    }
  }, [fail]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const loadCalls = useCallback(
    async (v: PackVersionSummary | null, orderNo: string) => {
      try {
        const r = await api.listPackCalls(orderNo.trim() ? { orderNo: orderNo.trim() } : v ? { packId: v.packId, version: v.version } : {});
        setCalls(r.calls);
      } catch (e) {
        fail(e);
      }
    },
    [fail],
  );

  const open = useCallback(
    async (v: PackVersionSummary) => {
      try {
        const d = await api.getPackVersion({ packId: v.packId, version: v.version });
        setSelected(d);
        setOpened({ title: `${v.packId} ${v.version} · ${v.fileName}`, source: d.source, issues: d.issues });
        setScope('');
        setFocusLine(null);
        void loadCalls(v, '');
      } catch (e) {
        fail(e);
      }
    },
    [fail, loadCalls],
  );

  function focusFirstProblem() {
    requestAnimationFrame(() => {
      const row = document.querySelector<HTMLElement>('[data-testid="pack-problems"] tr.issue-row');
      row?.focus({ preventScroll: true });
      row?.scrollIntoView?.({ block: 'center' });
    });
  }

  async function onFile(file: File) {
    setBusy(true);
    try {
      const text = await file.text();
      if (text.length > MAX_PACK_CHARS) {
        // Not sent (the store takes no pack this large): said as the validator says it.
        const issues = validatePackText(text).issues.map((i) => ({ ...i, message: describeIssue(i, t) }));
        setOpened({ title: file.name, source: '', issues });
        notify({ kind: 'error', key: 'packs.screen.unreadable', params: { file: file.name, count: issues.length } });
        focusFirstProblem();
        return;
      }
      const r = await api.loadPack({ fileName: file.name, text });
      setOpened({ title: file.name, source: text, issues: r.validation.issues });
      setFocusLine(r.validation.issues[0]?.line ?? null);
      // The first problem in view with the focus on it (the focus fell to the page and the list sat below the fold).
      if (r.validation.issues.length) focusFirstProblem();
      if (r.refusal) notify({ kind: 'error', key: `errors.${r.refusal.code}`, params: r.refusal.params });
      else if (!r.stored) notify({ kind: 'error', key: 'packs.screen.unreadable', params: { file: file.name, count: r.validation.issues.length } });
      else if (!r.stored.valid) notify({ kind: 'error', key: 'packs.screen.loadedInvalid', params: { file: file.name, count: r.validation.issues.length } });
      else notify({ kind: 'success', key: r.stored.status === 'unchanged' ? 'packs.screen.loadedSame' : 'packs.screen.loadedNew', params: { pack: r.stored.packId, version: r.stored.version } });
      await refresh();
      if (r.stored?.valid) {
        const d = await api.getPackVersion({ packId: r.stored.packId, version: r.stored.version });
        setSelected(d);
        setScope('');
        void loadCalls(d.summary, '');
      } else setSelected(null);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function downloadGuide(which: GuideFile) {
    const f = GUIDE_FILES[which];
    try {
      downloadBlob(f.fileName, [(await f.load()).default], f.type);
    } catch (e) {
      fail(e);
    }
  }

  const scopeName = (sc: string) => (sc === DEFAULT_SCOPE ? t('packs.screen.defaultScope') : sc);

  // Only where the version may go: a pack written for some products, for those (never the default).
  const scopes = useMemo(() => (selected ? activationScopes(selected.summary.products, list?.products) : [DEFAULT_SCOPE]), [selected, list]);
  // The first allowed one until the trainer picks another (a product pack has no "all products").
  const target = scopes.includes(scope) ? scope : scopes[0];

  async function activate() {
    if (!selected) return;
    try {
      const a = await api.activatePack({ packId: selected.summary.packId, version: selected.summary.version, product: target === DEFAULT_SCOPE ? undefined : target });
      notify({ kind: 'success', key: 'packs.screen.activated', params: { pack: a.packId ?? '', version: a.version ?? '', scope: scopeName(a.scope) } });
      await refresh();
    } catch (e) {
      failInScope(e);
    }
  }

  // The core names the default scope "*": errors say it as the screen does ("All products (default)").
  function failInScope(e: unknown) {
    if (e instanceof ApiError && e.params.scope === DEFAULT_SCOPE) notify({ kind: 'error', key: `errors.${e.code}`, params: { ...e.params, scope: scopeName(DEFAULT_SCOPE) } });
    else fail(e);
  }

  async function rollback(sc: string) {
    try {
      const a = await api.rollbackPack({ product: sc === DEFAULT_SCOPE ? undefined : sc });
      if (a.packId) notify({ kind: 'success', key: 'packs.screen.rolledBack', params: { pack: a.packId, version: a.version ?? '', scope: scopeName(a.scope) } });
      else notify({ kind: 'success', key: 'packs.screen.cleared', params: { scope: scopeName(a.scope) } });
      await refresh();
    } catch (e) {
      failInScope(e);
    }
  }

  const packName = (v: PackVersionSummary) => v.name[lang as Locale] ?? Object.values(v.name)[0] ?? v.packId;

  return (
    <main className="scripts" data-testid="scripts">
      <section className="panel">
        <h2>{t('packs.screen.title')}</h2>
        <FilePick accept=".yaml,.yml,.json,application/json,text/yaml" busy={busy} onFile={(f) => void onFile(f)} testId="pack-file" describedBy="pack-load-hint">
          {busy ? t('packs.screen.loading') : t('packs.screen.load')}
        </FilePick>
        <p className="muted small" id="pack-load-hint">
          {t('packs.screen.loadHint')}
        </p>
        <p className="muted small guide-files" data-testid="pack-guide">
          {t('packs.screen.howTo')}{' '}
          {(Object.keys(GUIDE_FILES) as GuideFile[]).map((k, i) => (
            <span key={k}>
              {i > 0 && ' · '}
              <button type="button" className="link small" onClick={() => void downloadGuide(k)} data-guide={k}>
                {t(`packs.screen.guideFiles.${k}`)}
              </button>
            </span>
          ))}
        </p>

        <h3>{t('packs.screen.activations')}</h3>
        <table data-testid="active-packs">
          <thead>
            <tr>
              <th>{t('packs.screen.scope')}</th>
              <th>{t('packs.screen.version')}</th>
              <th>{t('packs.screen.when')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list?.active.map((a) => (
              <tr key={a.scope} data-scope={a.scope}>
                <td>{scopeName(a.scope)}</td>
                <td className="mono">{a.packId ? `${a.packId} ${a.version}` : '—'}</td>
                <td>
                  {formatTime(a.activatedAt, lang, tz)} {a.activatedBy && <span className="muted">({a.activatedBy})</span>}
                </td>
                <td>
                  <button className="link small" onClick={() => void rollback(a.scope)} data-testid="rollback">
                    {t('packs.screen.rollback')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <h3>{t('packs.screen.packs')}</h3>
        {list && list.versions.length === 0 && <p className="muted">{t('packs.screen.noPacks')}</p>}
        <table data-testid="pack-versions">
          <thead>
            <tr>
              <th>{t('packs.screen.version')}</th>
              <th>{t('packs.screen.products')}</th>
              <th>{t('packs.screen.loadedAt')}</th>
              <th>{t('packs.screen.activeFor')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list?.versions.map((v) => (
              <tr key={`${v.packId}@${v.version}`} data-pack={v.packId} data-version={v.version} className={selected?.summary.packId === v.packId && selected.summary.version === v.version ? 'selected' : ''}>
                <td>
                  <strong>{packName(v)}</strong> <span className="mono">{v.packId} {v.version}</span>{' '}
                  {v.valid ? <span className="valid">✓ {t('packs.screen.valid')}</span> : <span className="invalid">✗ {t('packs.screen.errorsCount', { count: v.issueCount })}</span>}
                </td>
                <td>{v.products.length ? v.products.join(t('common.listSeparator')) : <span className="muted">{t('packs.screen.anyProduct')}</span>}</td>
                <td>
                  {formatTime(v.loadedAt, lang, tz)} {v.loadedBy && <span className="muted">({v.loadedBy})</span>}
                </td>
                <td>
                  {v.activeFor.map((sc) => (
                    <span key={sc} className="active-tag">
                      {scopeName(sc)}
                    </span>
                  ))}
                </td>
                <td>
                  <button className="link small" onClick={() => void open(v)} data-testid="open-version">
                    {t('packs.screen.view')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        {selected && (
          <div className="row activate" data-testid="activate-row">
            <strong className="mono">
              {selected.summary.packId} {selected.summary.version}
            </strong>
            <label>
              {t('packs.screen.activateFor')}
              <select value={target} onChange={(e) => setScope(e.target.value)} name="scope">
                {scopes.map((sc) => (
                  <option key={sc} value={sc}>
                    {scopeName(sc)}
                  </option>
                ))}
              </select>
            </label>
            <button className="primary" disabled={!selected.summary.valid} onClick={() => void activate()} data-testid="activate">
              {t('packs.screen.activate')}
            </button>
            {selected.summary.products.length > 0 && (
              <span className="muted small" data-testid="products-only">
                {t('packs.screen.productsOnly', { products: selected.summary.products.join(t('common.listSeparator')) })}
              </span>
            )}
          </div>
        )}

        {list && list.history.length > 0 && (
          <details>
            <summary>{t('packs.screen.history')}</summary>
            <ul className="mini-list">
              {list.history.map((h) => (
                <li key={h.id}>
                  {formatTime(h.activatedAt, lang, tz)} · {scopeName(h.scope)} · {t(`packs.screen.historyAction.${h.action}`)} {h.packId ? `${h.packId} ${h.version}` : t('packs.screen.defaultScope')}
                  {h.activatedBy && <span className="muted"> ({h.activatedBy})</span>}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <section className="panel">
        {selected?.pack ? (
          <Preview key={`${selected.summary.packId}@${selected.summary.version}`} detail={selected} />
        ) : (
          <p className="muted">{t('packs.screen.preview')}</p>
        )}
      </section>

      {opened && (
        <section className="panel wide" data-testid="pack-problems">
          <h3>{opened.issues.length ? t('packs.screen.problems', { file: opened.title }) : opened.title}</h3>
          {opened.issues.length > 0 && (
            <table className="issues">
              <thead>
                <tr>
                  <th>{t('packs.screen.line')}</th>
                  <th>{t('packs.screen.column')}</th>
                  <th>{t('packs.screen.problem')}</th>
                  <th>{t('packs.screen.where')}</th>
                </tr>
              </thead>
              <tbody>
                {opened.issues.map((i, n) => (
                  // Tab reaches each problem; Enter (or a click) shows its line in the text below.
                  <tr
                    key={n}
                    tabIndex={0}
                    className="issue-row"
                    onClick={() => setFocusLine(i.line)}
                    onKeyDown={(e) => {
                      if (e.key !== 'Enter' && e.key !== ' ') return;
                      e.preventDefault();
                      setFocusLine(i.line);
                    }}
                    data-code={i.code}
                    data-line={i.line}
                  >
                    <td className="num">{i.line}</td>
                    <td className="num">{i.column}</td>
                    <td>{describeIssue(i, t)}</td>
                    <td className="mono small">{i.path}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <SourceView source={opened.source} bad={new Set(opened.issues.map((i) => i.line))} focus={focusLine} />
        </section>
      )}

      {selected && (
        <section className="panel wide" data-testid="pack-calls">
          <h3>{t('packs.screen.calls')}</h3>
          <div className="row">
            <input
              placeholder={t('packs.screen.orderByNo')}
              aria-label={t('packs.screen.orderByNo')}
              value={callOrderNo}
              onChange={(e) => setCallOrderNo(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && !e.nativeEvent.isComposing && void loadCalls(selected.summary, callOrderNo)}
            />
            <button onClick={() => void loadCalls(selected.summary, callOrderNo)}>{t('packs.screen.useOrder')}</button>
          </div>
          {calls.length === 0 ? (
            <p className="muted">{t('packs.screen.noCalls')}</p>
          ) : (
            <>
              <DropOff calls={calls} outcomeLabel={outcomeLabel} />
              <table>
                <thead>
                  <tr>
                    <th>{t('packs.screen.when')}</th>
                    <th>{t('packs.screen.callOrder')}</th>
                    <th>{t('packs.screen.callOutcome')}</th>
                    <th>{t('packs.screen.callAgent')}</th>
                    <th>{t('packs.screen.callVersion')}</th>
                    <th>{t('packs.screen.callPath')}</th>
                  </tr>
                </thead>
                <tbody>
                  {calls.map((c) => (
                    <tr key={c.outcomeId}>
                      <td>{formatTime(c.createdAt, lang, tz)}</td>
                      <td className="mono">{c.orderNo}</td>
                      <td>
                        {t(`flows.${c.flow}`)} · {outcomeLabel(c.outcome)}
                      </td>
                      <td>{c.agentName}</td>
                      <td className="mono">
                        {c.packId} {c.version}
                      </td>
                      <td className="path-list">{c.path.map((p) => (p.objection ? `(${p.objection})` : p.step)).join(' → ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </main>
  );
}

/** Where calls end: the last step each call reached, by outcome. */
function DropOff({ calls, outcomeLabel }: { calls: PackCallView[]; outcomeLabel: (code: PackCallView['outcome']) => string }) {
  const { t } = useTranslation();
  const rows = useMemo(() => {
    const counts = new Map<string, { flow: Flow; step: string; outcome: PackCallView['outcome']; n: number }>();
    for (const c of calls) {
      const steps = c.path.filter((p) => !p.objection);
      // The step before the end step is where the customer decided.
      const last = steps.length > 1 ? steps[steps.length - 2].step : (steps[0]?.step ?? '—');
      const key = `${c.flow}|${last}|${c.outcome}`;
      const row = counts.get(key) ?? { flow: c.flow, step: last, outcome: c.outcome, n: 0 };
      row.n++;
      counts.set(key, row);
    }
    return [...counts.values()].sort((a, b) => b.n - a.n).slice(0, 12);
  }, [calls]);
  return (
    <details open>
      <summary className="muted small">{t('packs.screen.dropOff')}</summary>
      <ul className="mini-list">
        {rows.map((r) => (
          <li key={`${r.flow}${r.step}${r.outcome}`}>
            {t(`flows.${r.flow}`)} · <span className="mono">{r.step}</span> → {outcomeLabel(r.outcome)}: <strong>{r.n}</strong>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The pack's text with line numbers; lines with a problem stand out, the chosen one is scrolled to. */
function SourceView({ source, bad, focus }: { source: string; bad: Set<number>; focus: number | null }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/), [source]);
  useEffect(() => {
    // Another file: start at its top unless a problem line is chosen.
    if (focus === null) {
      if (box.current) box.current.scrollTop = 0;
      return;
    }
    // Scroll the source box only: scrollIntoView would move the whole page too.
    const line = box.current?.querySelector<HTMLElement>(`[data-line="${focus}"]`);
    if (box.current && line) box.current.scrollTop = line.offsetTop - box.current.clientHeight / 2;
  }, [focus, source]);
  return (
    <div className="source-view" ref={box} aria-label={t('packs.screen.source')} data-testid="pack-source">
      {lines.map((l, i) => (
        <div key={i} className={`src-line ${bad.has(i + 1) ? 'bad' : ''} ${focus === i + 1 ? 'focus' : ''}`} data-line={i + 1}>
          <span className="src-no">{i + 1}</span>
          <span>{l || ' '}</span>
        </div>
      ))}
    </div>
  );
}

/** Walks a version's script with a sample or real order, in any of its locales, by click or key. */
function Preview({ detail }: { detail: PackVersionDetail }) {
  const { t, i18n } = useTranslation();
  const { session, fail } = useApp();
  const s = session!;
  const pack = detail.pack!;
  const flows = FLOWS.filter((f) => pack.flows[f]);
  const [flow, setFlow] = useState<Flow>(flows[0]);
  const [locale, setLocale] = useState<Locale>(pack.locales.includes(i18n.language as Locale) ? (i18n.language as Locale) : pack.locales[0]);
  const [sample, setSample] = useState<SampleChoice>('held');
  const [custom, setCustom] = useState<SampleOrder>(BUILTIN_SAMPLE);
  const [withCourier, setWithCourier] = useState(false);
  const [orderNo, setOrderNo] = useState('');
  /** The real order chosen by its number (its facts are said in the preview's language when run). */
  const [real, setReal] = useState<{ order: CardLike['order'] & { status: string }; risk?: unknown } | null>(null);
  /** The number last asked for that matches no order. */
  const [missing, setMissing] = useState<string | null>(null);
  const [events, setEvents] = useState<ScriptEvent[]>([]);
  const [startedAt, setStartedAt] = useState(() => new Date().toISOString());
  const lt = useMemo(() => {
    const fixed = i18n.getFixedT(locale);
    return (key: string, params?: Record<string, string | number>) => String(fixed(key, params ?? {}));
  }, [i18n, locale]);
  const who = useMemo(
    () => ({ agentName: s.agent?.name, shopName: s.settings.shopName || undefined, timeZone: s.settings.businessTimeZone }),
    [s],
  );

  const restart = () => {
    setEvents([]);
    setStartedAt(new Date().toISOString());
  };

  async function useOrder() {
    const no = orderNo.trim();
    if (!no) return;
    try {
      const d = await api.getOrder({ orderNo: no });
      // Risk, when the screening feature knows the order: the careful opening can be previewed too.
      const risk = await api.getOrderRisk({ orderNo: d.order.orderNo }).catch(() => undefined);
      setReal({ order: d.order, risk });
      setMissing(null);
      setSample('order');
      restart();
      // The order is in use: out of its box, so Shift+1… walk the script (they typed "!" into the number).
      if (document.activeElement instanceof HTMLInputElement && document.activeElement.name === 'orderNo') document.activeElement.blur();
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'order_not_found')) return fail(e);
      // The script on screen must not go on speaking the previous order as if it were this one.
      setReal(null);
      setMissing(no);
      setSample((c) => (c === 'order' ? 'held' : c));
      restart();
    }
  }

  const context = useMemo((): ScriptContext => {
    if (sample === 'order' && real) return cardScriptContext({ order: real.order, isCallback: false, unanswered: 0, risk: real.risk }, who, lt);
    const base = sample === 'held' ? sampleForPack(HELD_SAMPLE, pack.products) : sample === 'plain' ? sampleForPack(BUILTIN_SAMPLE, pack.products) : custom;
    const withShipment: SampleOrder = withCourier
      ? { ...base, shipment: SAMPLE_SHIPMENT }
      : base;
    // A made-up order is in the state the flow's calls are for (a track call's has shipped).
    return sampleScriptContext(withShipment, who, flow);
  }, [sample, real, custom, withCourier, who, lt, flow, pack.products]);

  // A real order the flow's calls are not for (a track call of an order not yet shipped): the
  // script would speak of a parcel that does not exist. Said plainly above the script.
  const misfit = sample === 'order' && real && !orderFitsFlow(real.order.status, flow) ? real.order : null;

  const view = useMemo(
    () => runScript({ pack, flow, context, locale, t: lt, events, startedAt }),
    [pack, flow, context, locale, lt, events, startedAt],
  );
  const controls = useMemo(
    () => ({
      answer: (id: string) => setEvents((ev) => stamp(ev, { answer: id })),
      objection: (id: string) => setEvents((ev) => stamp(ev, { objection: id })),
      back: () => setEvents((ev) => ev.slice(0, -1)),
    }),
    [],
  );
  const { objectionMode, setObjectionMode } = useScriptKeys(view, controls, { nav: true });

  const field = (name: 'customerName' | 'product' | 'package' | 'address', label: string) => (
    <label>
      {label}
      <input
        name={name}
        value={String(custom[name] ?? '')}
        onChange={(e) => {
          const v = e.target.value;
          setCustom((c) => ({ ...c, [name]: v }));
          restart();
        }}
      />
    </label>
  );

  return (
    <div className="preview" data-testid="pack-preview">
      <h3>
        {t('packs.screen.preview')} <span className="mono muted small">{detail.summary.packId} {detail.summary.version}</span>
      </h3>
      <div className="preview-controls">
        <label>
          {t('packs.screen.flow')}
          <select value={flow} onChange={(e) => (setFlow(e.target.value as Flow), restart())} name="flow">
            {flows.map((f) => (
              <option key={f} value={f}>
                {t(`flows.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('packs.screen.locale')}
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} name="locale">
            {pack.locales.map((l) => (
              <option key={l} value={l}>
                {t(`locales.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('packs.screen.sampleOrder')}
          <select value={sample} onChange={(e) => (setSample(e.target.value as SampleChoice), setMissing(null), restart())} name="sample">
            <option value="held">{t('packs.screen.builtinSample')}</option>
            <option value="plain">{t('packs.screen.builtinPlain')}</option>
            <option value="custom">✎</option>
            {real && <option value="order">{real.order.orderNo}</option>}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={withCourier} onChange={(e) => setWithCourier(e.target.checked)} />
          {t('packs.screen.shipmentSample')}
        </label>
        <input
          placeholder={t('packs.screen.orderByNo')}
          aria-label={t('packs.screen.orderByNo')}
          name="orderNo"
          value={orderNo}
          onChange={(e) => setOrderNo(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void useOrder();
            }
          }}
          aria-invalid={missing !== null && missing === orderNo.trim() ? true : undefined}
        />
        <button onClick={() => void useOrder()} disabled={!orderNo.trim()}>
          {t('packs.screen.useOrder')}
        </button>
        <button className="link" onClick={restart}>
          {t('packs.screen.restart')}
        </button>
      </div>
      {sample === 'custom' && (
        <div className="preview-controls">
          {field('customerName', t('order.customer'))}
          <label>
            ♀/♂
            <select
              value={custom.gender ?? ''}
              onChange={(e) => setCustom((c) => ({ ...c, gender: e.target.value === 'male' || e.target.value === 'female' ? e.target.value : undefined }))}
            >
              <option value="">—</option>
              <option value="female">♀</option>
              <option value="male">♂</option>
            </select>
          </label>
          {field('product', t('fields.product'))}
          {field('package', t('fields.package'))}
          <label>
            {t('fields.amount')}
            <input
              name="amount"
              inputMode="decimal"
              defaultValue={(custom.amountFen / 100).toFixed(2)}
              onChange={(e) => (setCustom((c) => ({ ...c, amountFen: Math.round(Number(e.target.value) * 100) || 0 })), restart())}
            />
          </label>
          {field('address', t('order.address'))}
        </div>
      )}
      {missing && (
        <p className="preview-warning" role="alert" data-testid="preview-order-missing">
          {t('packs.screen.orderNotFound', { orderNo: missing })}
        </p>
      )}
      {misfit && (
        <p className="preview-warning" role="status" data-testid="preview-misfit">
          {t('packs.screen.orderMisfit', {
            orderNo: misfit.orderNo,
            status: t(`status.${misfit.status}`, { defaultValue: misfit.status }),
            flow: t(`flows.${flow}`),
            statuses: FLOW_STATUSES[flow].map((st) => t(`status.${st}`)).join(t('common.listSeparator')),
          })}
        </p>
      )}
      <ScriptBody
        view={view}
        session={s}
        controls={controls}
        objectionMode={objectionMode}
        onObjectionMode={setObjectionMode}
        canBack={events.length > 0}
        locale={view.locale}
      />
      <p className="path-list" data-testid="preview-path">
        {t('packs.screen.pathTaken')}: {view.path.map((p) => (p.objection ? `(${p.objection})` : p.step)).join(' → ')}
      </p>
    </div>
  );
}
