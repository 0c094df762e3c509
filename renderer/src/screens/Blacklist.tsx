/** The blacklist (team leads): search, add with a reason and an expiry, remove, CSV in and out. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BLACKLIST_KINDS,
  type BlacklistKind,
  type BlacklistPage,
  type BlacklistReason,
  type TableImportResult,
} from '../../../shared/contracts/risk';
import { endOfDay } from '../../../shared/risk/expiry';
import { api } from '../api';
import { downloadBase64, toBase64 } from '../files';
import { BlacklistReasonFields } from '../components/BlacklistFields';
import { formatTime } from '../format';
import { useApp } from '../store';
import '../risk.css';

const PAGE = 100;



export function Blacklist() {
  const { t, i18n } = useTranslation();
  const { session, fail, notify } = useApp();
  const tz = session!.settings.businessTimeZone;
  const [page, setPage] = useState<BlacklistPage | null>(null);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<BlacklistKind | ''>('');
  const [includeExpired, setIncludeExpired] = useState(false);
  const [offset, setOffset] = useState(0);
  const [imported, setImported] = useState<TableImportResult | null>(null);
  // The add form.
  const [newKind, setNewKind] = useState<BlacklistKind>('phone');
  const [value, setValue] = useState('');
  const [name, setName] = useState('');
  const [place, setPlace] = useState({ province: '', city: '', district: '', address: '' });
  const [reason, setReason] = useState<BlacklistReason | ''>('');
  const [note, setNote] = useState('');
  const [expires, setExpires] = useState('');

  const load = useCallback(async () => {
    try {
      setPage(await api.listBlacklist({ query: query.trim() || undefined, kind: kind || undefined, includeExpired, limit: PAGE, offset }));
    } catch (e) {
      fail(e);
    }
  }, [query, kind, includeExpired, offset, fail]);

  useEffect(() => {
    void load();
  }, [load]);

  async function add(e: React.FormEvent) {
    e.preventDefault();
    if (!reason) return;
    try {
      const entry = newKind === 'name_address' ? { kind: newKind, name, ...place } : { kind: newKind, value };
      const added = await api.addBlacklist({ entry, reason, note, expiresAt: expires ? endOfDay(expires, tz) : null });
      notify({ kind: 'info', key: 'blacklist.added', params: { count: added.length } });
      setValue('');
      setName('');
      setNote('');
      await load();
    } catch (err) {
      fail(err);
    }
  }

  // Removing asks once more on the same button: an entry's reason, note and author are not kept.
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  async function remove(id: string) {
    if (confirmRemove !== id) {
      setConfirmRemove(id);
      return;
    }
    setConfirmRemove(null);
    try {
      await api.removeBlacklist({ id });
      notify({ kind: 'info', key: 'blacklist.removed' });
      await load();
    } catch (err) {
      fail(err);
    }
  }

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
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
      const f = await api.exportBlacklist({ includeExpired });
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
        <label className="button">
          {t('blacklist.import')}
          <input type="file" accept=".csv,.txt,.xlsx,text/csv" hidden onChange={(e) => void onFile(e)} data-testid="blacklist-import" />
        </label>
        <button onClick={() => void exportCsv()}>{t('blacklist.export')}</button>
      </section>

      <form className="panel blacklist-add" onSubmit={(e) => void add(e)} data-testid="blacklist-add">
        <label>
          {t('blacklist.kind')}
          <select value={newKind} onChange={(e) => setNewKind(e.target.value as BlacklistKind)}>
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
              <input required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            {(['province', 'city', 'district'] as const).map((f) => (
              <label key={f}>
                {t(`blacklist.${f}`)}
                <input value={place[f]} onChange={(e) => setPlace({ ...place, [f]: e.target.value })} />
              </label>
            ))}
            <label>
              {t('blacklist.address')}
              <input required value={place.address} onChange={(e) => setPlace({ ...place, address: e.target.value })} />
            </label>
          </>
        ) : (
          <label>
            {t(`blacklist.kinds.${newKind}`)}
            <input required value={value} onChange={(e) => setValue(e.target.value)} name="value" />
          </label>
        )}
        <BlacklistReasonFields reason={reason} onReason={setReason} expires={expires} onExpires={setExpires} />
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
          {t('blacklist.imported', { imported: imported.imported, rejected: imported.rejected.length })}
          <ul className="mini-list">
            {imported.rejected.slice(0, 100).map((r) => (
              <li key={r.row}>{t(`risk.rejects.${r.code}`, { row: r.row, value: r.value })}</li>
            ))}
          </ul>
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
            <tbody>
              {page?.entries.map((e) => (
                <tr key={e.id} className={e.expired ? 'muted' : ''}>
                  <td>{t(`blacklist.kinds.${e.kind}`)}</td>
                  <td className={e.kind === 'name_address' ? '' : 'mono'}>{e.display}</td>
                  <td>{t(`blacklist.reasons.${e.reason}`)}</td>
                  <td>{e.note}</td>
                  <td>{e.addedBy}</td>
                  <td>{formatTime(e.addedAt, lang, tz)}</td>
                  <td>{e.expiresAt ? `${formatTime(e.expiresAt, lang, tz)}${e.expired ? ` (${t('blacklist.expired')})` : ''}` : t('blacklist.never')}</td>
                  <td>
                    <button className="link" onClick={() => void remove(e.id)} onBlur={() => setConfirmRemove((c) => (c === e.id ? null : c))}>
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
