/** The blacklist (team leads): search, add with a reason and an expiry, remove, CSV in and out. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BLACKLIST_KINDS,
  type BlacklistImportResult,
  type BlacklistKind,
  type BlacklistPage,
  type BlacklistReason,
} from '../../../shared/contracts/risk';
import { endOfDay } from '../../../shared/risk/expiry';
import { api, ApiError } from '../api';
import { useLatestAnswer } from '../latest';
import { downloadBase64, toBase64 } from '../files';
import { BlacklistReasonFields, expiryProblem } from '../components/BlacklistFields';
import { FilePick } from '../components/FilePick';
import { formatTime } from '../format';
import { isLocale } from '../../../shared/i18n';
import { useApp } from '../store';
import '../risk.css';

const PAGE = 100;

/** Core refusals that concern one field of the add form: said under it. */
const FIELD_ERRORS = new Set(['blacklist_bad_value', 'blacklist_expiry_past', 'blacklist_bad_expiry']);

/** What is wrong in the add form, said under each field. */
type Problems = Partial<Record<'value' | 'name' | 'address' | 'reason' | 'expires', string>>;

export function Blacklist() {
  const { t, i18n } = useTranslation();
  const { session, fail, notify } = useApp();
  const tz = session!.settings.businessTimeZone;
  const [page, setPage] = useState<BlacklistPage | null>(null);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<BlacklistKind | ''>('');
  const [includeExpired, setIncludeExpired] = useState(false);
  const [offset, setOffset] = useState(0);
  const [imported, setImported] = useState<BlacklistImportResult | null>(null);
  // The add form.
  const [newKind, setNewKind] = useState<BlacklistKind>('phone');
  const [value, setValue] = useState('');
  const [name, setName] = useState('');
  const [place, setPlace] = useState({ province: '', city: '', district: '', address: '' });
  const [reason, setReason] = useState<BlacklistReason | ''>('');
  const [note, setNote] = useState('');
  const [expires, setExpires] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const addForm = useRef<HTMLFormElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const table = useRef<HTMLTableSectionElement>(null);
  /** After a removal: the row index whose remove button takes the focus once the list is back. */
  const focusRow = useRef<number | null>(null);

  const latest = useLatestAnswer();
  const load = useCallback(
    () => latest(api.listBlacklist({ query: query.trim() || undefined, kind: kind || undefined, includeExpired, limit: PAGE, offset }), setPage, fail),
    [query, kind, includeExpired, offset, fail, latest],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // The list is back after a removal: the focus goes to the remove button now in that row (the
  // next entry), else the last one, else the search box, instead of falling to the page's top.
  useEffect(() => {
    const row = focusRow.current;
    if (row === null || !page) return;
    focusRow.current = null;
    const buttons = table.current?.querySelectorAll<HTMLButtonElement>('button[data-remove]') ?? [];
    (buttons[Math.min(row, buttons.length - 1)] ?? search.current)?.focus();
  }, [page]);

  /** One check per field, said under it in the screen's language; the first field with a problem takes the focus. */
  function check(): Problems {
    const p: Problems = {};
    const required = (label: string) => t('blacklist.required', { field: label });
    if (newKind === 'name_address') {
      if (!name.trim()) p.name = required(t('blacklist.name'));
      if (!place.address.trim()) p.address = required(t('blacklist.address'));
    } else if (!value.trim()) {
      p.value = required(t(`blacklist.kinds.${newKind}`));
    }
    if (!reason) p.reason = t('blacklist.reasonRequired');
    const past = expiryProblem(expires, tz);
    if (past) p.expires = t('blacklist.expiresPast', past);
    return p;
  }

  function flag(p: Problems) {
    setProblems(p);
    const first = (['value', 'name', 'address', 'reason', 'expires'] as const).find((k) => p[k]);
    if (first) addForm.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  async function add(e: React.FormEvent) {
    e.preventDefault();
    const p = check();
    if (Object.keys(p).length || !reason) return flag(p);
    setProblems({});
    try {
      const entry = newKind === 'name_address' ? { kind: newKind, name, ...place } : { kind: newKind, value };
      const added = await api.addBlacklist({ entry, reason, note, expiresAt: expires ? endOfDay(expires, tz) : null });
      notify({ kind: 'success', key: 'blacklist.added', params: { count: added.length } });
      setValue('');
      setName('');
      setNote('');
      await load();
    } catch (err) {
      // What the core refuses about a field is said under that field.
      if (err instanceof ApiError && FIELD_ERRORS.has(err.code)) {
        const text = t(`errors.${err.code}`, err.params);
        flag(err.code === 'blacklist_bad_value' ? (newKind === 'name_address' ? { address: text } : { value: text }) : { expires: text });
      } else {
        fail(err);
      }
    }
  }

  // Removing asks once more on the same button: an entry's reason, note and author are not kept.
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  async function remove(id: string, row: number) {
    if (confirmRemove !== id) {
      setConfirmRemove(id);
      return;
    }
    setConfirmRemove(null);
    try {
      await api.removeBlacklist({ id });
      notify({ kind: 'success', key: 'blacklist.removed' });
      focusRow.current = row;
      await load();
    } catch (err) {
      fail(err);
    }
  }

  async function onFile(file: File) {
    try {
      const r = await api.importBlacklist({ fileName: file.name, contentBase64: toBase64(await file.arrayBuffer()) });
      setImported(r);
      await load();
    } catch (err) {
      fail(err);
    }
  }

  async function exportCsv() {
    try {
      const f = await api.exportBlacklist({ includeExpired, lang: isLocale(i18n.language) ? i18n.language : undefined });
      downloadBase64(f.fileName, f.contentBase64, 'text/csv');
    } catch (err) {
      fail(err);
    }
  }

  const lang = i18n.language;
  return (
    <main className="blacklist">
      <section className="panel toolbar">
        <h2>{t('blacklist.title')}</h2>
        <input
          ref={search}
          type="search"
          placeholder={t('blacklist.search')}
          aria-label={t('blacklist.search')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOffset(0);
          }}
        />
        <select aria-label={t('blacklist.kind')} value={kind} onChange={(e) => setKind(e.target.value as BlacklistKind | '')}>
          <option value="">{t('blacklist.allKinds')}</option>
          {BLACKLIST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`blacklist.kinds.${k}`)}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={includeExpired} onChange={(e) => setIncludeExpired(e.target.checked)} />
          {t('blacklist.includeExpired')}
        </label>
        <span className="spacer" />
        <FilePick accept=".csv,.txt,.xlsx,text/csv" onFile={(f) => void onFile(f)} testId="blacklist-import">
          {t('blacklist.import')}
        </FilePick>
        <button onClick={() => void exportCsv()}>{t('blacklist.export')}</button>
      </section>

      <form ref={addForm} noValidate className="panel blacklist-add" onSubmit={(e) => void add(e)} data-testid="blacklist-add">
        <label>
          {t('blacklist.kind')}
          <select
            value={newKind}
            onChange={(e) => {
              setNewKind(e.target.value as BlacklistKind);
              setProblems({});
            }}
          >
            {BLACKLIST_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`blacklist.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {newKind === 'name_address' ? (
          <>
            <label>
              {t('blacklist.name')}
              <input required name="name" value={name} aria-invalid={problems.name ? true : undefined} onChange={(e) => setName(e.target.value)} />
              {problems.name && (
                <span className="problem" role="alert">
                  {problems.name}
                </span>
              )}
            </label>
            {(['province', 'city', 'district'] as const).map((f) => (
              <label key={f}>
                {t(`blacklist.${f}`)}
                <input value={place[f]} onChange={(e) => setPlace({ ...place, [f]: e.target.value })} />
              </label>
            ))}
            <label>
              {t('blacklist.address')}
              <input
                required
                name="address"
                value={place.address}
                aria-invalid={problems.address ? true : undefined}
                onChange={(e) => setPlace({ ...place, address: e.target.value })}
              />
              {problems.address && (
                <span className="problem" role="alert">
                  {problems.address}
                </span>
              )}
            </label>
          </>
        ) : (
          <label>
            {t(`blacklist.kinds.${newKind}`)}
            <input required value={value} aria-invalid={problems.value ? true : undefined} onChange={(e) => setValue(e.target.value)} name="value" />
            {problems.value && (
              <span className="problem" role="alert">
                {problems.value}
              </span>
            )}
          </label>
        )}
        <BlacklistReasonFields
          reason={reason}
          onReason={(r) => {
            setReason(r);
            setProblems((p) => ({ ...p, reason: undefined }));
          }}
          expires={expires}
          onExpires={(d) => {
            setExpires(d);
            setProblems((p) => ({ ...p, expires: undefined }));
          }}
          timeZone={tz}
          reasonProblem={problems.reason}
          expiryProblemText={problems.expires}
        />
        <label>
          {t('blacklist.note')}
          <input value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t('blacklist.add')}
        </button>
      </form>

      {imported && (
        <section className="panel" role="status" data-testid="blacklist-imported">
          <p>{t('blacklist.imported', { imported: imported.imported, rejected: imported.rejected.length })}</p>
          <ImportRows title={t('blacklist.importRejected')} testId="blacklist-import-rejected" rows={imported.rejected} text={(r) => t(`risk.rejects.${r.code}`, { row: r.row, value: r.value })} />
          <ImportRows title={t('blacklist.importNoticesTitle')} testId="blacklist-import-notices" rows={imported.notices} text={(r) => t(`blacklist.importNotices.${r.code}`, { row: r.row, value: r.value })} />
          <button className="link" onClick={() => setImported(null)}>
            {t('common.close')}
          </button>
        </section>
      )}

      <section className="panel">
        {page && page.total === 0 ? (
          <p className="muted">{t('blacklist.empty')}</p>
        ) : (
          <table data-testid="blacklist-table">
            <thead>
              <tr>
                <th>{t('blacklist.kind')}</th>
                <th>{t('blacklist.value')}</th>
                <th>{t('blacklist.reason')}</th>
                <th>{t('blacklist.note')}</th>
                <th>{t('blacklist.addedBy')}</th>
                <th>{t('blacklist.addedAt')}</th>
                <th>{t('blacklist.expiresAt')}</th>
                <th />
              </tr>
            </thead>
            <tbody ref={table}>
              {page?.entries.map((e, i) => (
                <tr key={e.id} className={e.expired ? 'muted' : ''}>
                  <td>{t(`blacklist.kinds.${e.kind}`)}</td>
                  <td className={e.kind === 'name_address' ? '' : 'mono'}>{e.display}</td>
                  <td>{t(`blacklist.reasons.${e.reason}`)}</td>
                  <td>{e.note}</td>
                  <td>{e.addedBy}</td>
                  <td>{formatTime(e.addedAt, lang, tz)}</td>
                  {/* The expiry date as picked, with its year: blacklisted through that day (business zone). */}
                  <td className="nowrap">{e.expiresOn ? `${e.expiresOn}${e.expired ? ` (${t('blacklist.expired')})` : ''}` : t('blacklist.never')}</td>
                  <td>
                    <button
                      className="link"
                      data-remove
                      onClick={() => void remove(e.id, i)}
                      onBlur={() => setConfirmRemove((c) => (c === e.id ? null : c))}
                    >
                      {confirmRemove === e.id ? t('blacklist.confirmRemove') : t('blacklist.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page && page.total > PAGE && (
          <div className="row pager">
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              ‹
            </button>
            <button disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
              ›
            </button>
          </div>
        )}
        {page && <p className="muted small">{t('blacklist.count', { count: page.total })}</p>}
        <p className="muted small">{t('blacklist.csvHint')}</p>
      </section>
    </main>
  );
}

/** The rows of an import that need a word (not imported, or imported with a note), the first 100. */
function ImportRows<R extends { row: number }>({ title, testId, rows, text }: { title: string; testId: string; rows: R[]; text(r: R): string }) {
  if (rows.length === 0) return null;
  return (
    <>
      <p className="small">{title}</p>
      <ul className="mini-list" data-testid={testId}>
        {rows.slice(0, 100).map((r) => (
          <li key={r.row}>{text(r)}</li>
        ))}
      </ul>
    </>
  );
}
