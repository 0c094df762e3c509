/**
 * The mapping step: which field each column of the file is, on a preview of its first rows. A saved
 * profile can be applied by hand (a file whose header set no profile has, e.g. an export that gained
 * a column) and deleted, after a confirmation in the page.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportProfileView } from '../../../shared/contracts/intake';
import { FIELDS_BY_KIND, IMPORT_KINDS, missingRequiredFields, REQUIRED_ORDER_FIELDS, type ImportField, type ImportKind } from '../../../shared/intake';
import { api } from '../api';
import { applyProfile, profilesForKind } from '../importProfiles';
import { escapeHere, isSubmitEnter } from '../keys';
import { useApp } from '../store';

const HEADER_ROWS = Array.from({ length: 20 }, (_, i) => i + 1);

function formatSize(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1
    ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(mb)} MB`
    : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`;
}

export function ImportMapping({
  preview,
  onOptions,
  onStart,
  onBack,
}: {
  preview: ImportPreview;
  onOptions(opts: { sheet?: string | null; headerRow?: number; kind?: ImportKind }): void;
  onStart(mapping: Partial<Record<ImportField, number>>, kind: ImportKind, saveProfile: string | undefined): void;
  onBack(): void;
}) {
  const { t, i18n } = useTranslation();
  const { fail, notify } = useApp();
  const kind = preview.kind;
  const [fields, setFields] = useState<(ImportField | null)[]>(() => preview.columns.map((c) => c.field));
  const [save, setSave] = useState(false);
  const [profileName, setProfileName] = useState(preview.profile?.name ?? preview.fileName.replace(/\.(csv|txt|tsv|xlsx)$/i, '').slice(0, 40));

  // Saved profiles of this file's kind (null until loaded), the one in the list, the one applied by hand.
  const [allProfiles, setAllProfiles] = useState<ImportProfileView[] | null>(null);
  const [chosen, setChosen] = useState(preview.profile?.name ?? '');
  const [applied, setApplied] = useState<{ name: string; missing: ImportField[] } | null>(null);
  const [asking, setAsking] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // After the last profile is deleted the list stays (saying so), so the focus has somewhere to go.
  const [deletedHere, setDeletedHere] = useState(false);
  const profileSelect = useRef<HTMLSelectElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const deleteYes = useRef<HTMLButtonElement>(null);
  const alive = useRef(true);
  const profiles = useMemo(() => (allProfiles ? profilesForKind(allProfiles, kind) : []), [allProfiles, kind]);
  const chosenProfile = profiles.find((p) => p.name === chosen) ?? null;
  // The matched profile stops being named once deleted.
  const matched = preview.profile && (allProfiles === null || allProfiles.some((p) => p.name === preview.profile?.name)) ? preview.profile : null;

  useEffect(() => {
    alive.current = true;
    api.listImportProfiles({}).then((list) => alive.current && setAllProfiles(list), fail);
    return () => {
      alive.current = false;
    };
  }, [fail]);

  // The confirmation takes the focus, so Enter deletes and Esc keeps.
  useEffect(() => {
    if (asking) deleteYes.current?.focus();
  }, [asking]);

  const mapping = useMemo(() => {
    const m: Partial<Record<ImportField, number>> = {};
    fields.forEach((f, i) => {
      if (f) m[f] = i;
    });
    return m;
  }, [fields]);
  const missing = missingRequiredFields(kind, new Set(Object.keys(mapping) as ImportField[]));
  const required = new Set<ImportField>(kind === 'orders' ? REQUIRED_ORDER_FIELDS : ['waybillNo', 'courierStatus']);
  const fieldName = (f: ImportField) => t(`intake.fields.${f}`);
  const canStart = missing.length === 0 && (!save || profileName.trim() !== '');

  function choose(column: number, field: ImportField | null) {
    // One column per field: choosing a field for this column takes it from any other.
    setFields((prev) => prev.map((f, i) => (i === column ? field : f === field ? null : f)));
  }

  function start() {
    if (canStart) onStart(mapping, kind, save ? profileName.trim() : undefined);
  }

  function pick(name: string) {
    setChosen(name);
    setAsking(false);
    const profile = profiles.find((p) => p.name === name);
    if (!profile) {
      setApplied(null);
      return;
    }
    const result = applyProfile(profile, preview.columns.map((c) => c.header), fields);
    setFields(result.fields);
    setApplied({ name, missing: result.missing });
    // Saving again keeps the profile's name: it then fits this file's headers by itself.
    setProfileName(name);
  }

  function keep() {
    setAsking(false);
    requestAnimationFrame(() => deleteButton.current?.focus());
  }

  async function remove(name: string) {
    setDeleting(true);
    try {
      await api.deleteImportProfile({ name });
      if (!alive.current) return;
      setAllProfiles((list) => list?.filter((p) => p.name !== name) ?? null);
      setDeletedHere(true);
      setChosen('');
      setApplied((a) => (a?.name === name ? null : a));
      setAsking(false);
      notify({ kind: 'success', key: 'intake.profileDeleted', params: { name } });
      requestAnimationFrame(() => profileSelect.current?.focus());
      // Saved or deleted elsewhere meanwhile: the list as the store has it now.
      const list = await api.listImportProfiles({});
      if (alive.current) setAllProfiles(list);
    } catch (e) {
      fail(e);
    } finally {
      if (alive.current) setDeleting(false);
    }
  }

  return (
    <div className="import-mapping" data-testid="import-mapping">
      <p className="muted small">
        {t('intake.fileInfo', { name: preview.fileName, size: formatSize(preview.size, i18n.language), encoding: t(`intake.encodings.${preview.encoding}`, { defaultValue: preview.encoding }) })}
      </p>
      <div className="row import-options">
        {preview.fileType === 'xlsx' && preview.sheets.length > 0 && (
          <label>
            {t('intake.sheet')}
            <select value={preview.sheet ?? ''} onChange={(e) => onOptions({ sheet: e.target.value, kind })} data-testid="import-sheet">
              {preview.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('intake.headerRow')}
          <select value={preview.headerRow} onChange={(e) => onOptions({ sheet: preview.sheet, headerRow: Number(e.target.value), kind })} data-testid="import-header-row">
            {(HEADER_ROWS.includes(preview.headerRow) ? HEADER_ROWS : [...HEADER_ROWS, preview.headerRow]).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {/* The number alone did not say whether the right row was chosen: its first cells do. */}
        <span className="muted small header-now" data-testid="import-header-now">
          {t('intake.headerNow', { cells: preview.columns.slice(0, 6).map((c) => c.header || '—').join(' · ') + (preview.columns.length > 6 ? ' …' : '') })}
        </span>
        <label>
          {t('intake.kind')}
          <select value={kind} onChange={(e) => onOptions({ sheet: preview.sheet, headerRow: preview.headerRow, kind: e.target.value as ImportKind })} data-testid="import-kind">
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`intake.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {(profiles.length > 0 || deletedHere) && (
        <div className="row import-profiles">
          <label>
            {t('intake.profileUse')}
            <select
              ref={profileSelect}
              aria-label={t('intake.profileUse')}
              value={chosenProfile ? chosen : ''}
              onChange={(e) => pick(e.target.value)}
              data-testid="import-profile-select"
            >
              <option value="">{profiles.length > 0 ? t('intake.profileChoose') : t('intake.profileNoneSaved')}</option>
              {profiles.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          {!asking && (
            <button
              ref={deleteButton}
              type="button"
              disabled={!chosenProfile || deleting}
              aria-label={chosenProfile ? t('intake.profileDeleteNamed', { name: chosenProfile.name }) : undefined}
              onClick={() => setAsking(true)}
              data-testid="import-profile-delete"
            >
              {t('intake.profileDelete')}
            </button>
          )}
          {asking && chosenProfile && (
            <span
              className="profile-ask"
              role="group"
              aria-labelledby="import-profile-ask"
              data-testid="import-profile-ask"
              // The import flow's own Esc (closing it) must not see it.
              onKeyDown={escapeHere(keep)}
            >
              <span id="import-profile-ask">{t('intake.profileDeleteAsk', { name: chosenProfile.name })}</span>
              <button ref={deleteYes} type="button" className="danger" disabled={deleting} onClick={() => void remove(chosenProfile.name)} data-testid="import-profile-delete-yes">
                {t('intake.profileDeleteYes')}
              </button>
              <button type="button" onClick={keep} aria-keyshortcuts="Escape" data-testid="import-profile-delete-no">
                {t('intake.profileDeleteNo')} <kbd>Esc</kbd>
              </button>
            </span>
          )}
        </div>
      )}
      <p className={applied || matched ? 'notice info' : 'muted'} data-testid="import-profile">
        {applied ? t('intake.profileApplied', { name: applied.name }) : matched ? t('intake.profileMatched', { name: matched.name }) : t('intake.profileNone')}
      </p>
      {applied && applied.missing.length > 0 && (
        <p className="notice warn" role="status" data-testid="import-profile-missing">
          {t('intake.profileNotFound', {
            count: applied.missing.length,
            fields: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(applied.missing.map(fieldName)),
          })}
        </p>
      )}

      <div className="table-scroll">
        <table className="mapping-table">
          <thead>
            <tr>
              <th>{t('intake.column')}</th>
              <th>{t('intake.header')}</th>
              <th>{t('intake.samples')}</th>
              <th>{t('intake.field')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c) => (
              <tr key={c.index} className={fields[c.index] ? 'mapped' : ''}>
                <td className="mono">{c.index + 1}</td>
                <td>{c.header || <span className="muted">—</span>}</td>
                <td className="samples">{c.samples.filter(Boolean).join(' · ')}</td>
                <td>
                  <select
                    aria-label={t('intake.field') + ' ' + (c.header || c.index + 1)}
                    value={fields[c.index] ?? ''}
                    onChange={(e) => choose(c.index, (e.target.value || null) as ImportField | null)}
                    data-testid={`mapping-${c.index}`}
                  >
                    <option value="">{t('intake.ignore')}</option>
                    {FIELDS_BY_KIND[kind].map((f) => (
                      <option key={f} value={f}>
                        {required.has(f) ? t('intake.requiredMark', { field: fieldName(f) }) : fieldName(f)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {preview.rows.length > 0 && (
        <details className="preview-rows">
          <summary>{t('intake.previewRows')}</summary>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  {preview.columns.map((c) => (
                    <th key={c.index}>{c.header}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((cell, j) => (
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}

      {missing.length > 0 && (
        <p className="notice error" role="alert" data-testid="import-missing">
          {t('intake.missing', { fields: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(missing.map(fieldName)) })}
        </p>
      )}

      <div className="row import-actions">
        <label className="check">
          <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} data-testid="import-save-profile" />
          {t('intake.saveProfile')}
        </label>
        {save && (
          <input
            aria-label={t('intake.profileName')}
            placeholder={t('intake.profileName')}
            value={profileName}
            maxLength={40}
            onChange={(e) => setProfileName(e.target.value)}
            onKeyDown={(e) => {
              if (isSubmitEnter(e)) {
                e.preventDefault();
                start();
              }
            }}
            data-testid="import-profile-name"
          />
        )}
        <span className="spacer" />
        <button onClick={onBack}>{t('intake.back')}</button>
        <button className="primary" disabled={!canStart} onClick={start} data-testid="import-start">
          {t('intake.start')}
        </button>
      </div>
    </div>
  );
}
