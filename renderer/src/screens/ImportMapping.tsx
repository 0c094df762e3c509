/** The mapping step: which field each column of the file is, on a preview of its first rows. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../shared/contracts/intake';
import { FIELDS_BY_KIND, IMPORT_KINDS, missingRequiredFields, REQUIRED_ORDER_FIELDS, type ImportField, type ImportKind } from '../../../shared/intake';
import { isSubmitEnter } from '../keys';

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
  const kind = preview.kind;
  const [fields, setFields] = useState<(ImportField | null)[]>(() => preview.columns.map((c) => c.field));
  const [save, setSave] = useState(false);
  const [profileName, setProfileName] = useState(preview.profile?.name ?? preview.fileName.replace(/\.(csv|txt|tsv|xlsx)$/i, '').slice(0, 40));

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
      <p className={preview.profile ? 'notice info' : 'muted'} data-testid="import-profile">
        {preview.profile ? t('intake.profileMatched', { name: preview.profile.name }) : t('intake.profileNone')}
      </p>

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
