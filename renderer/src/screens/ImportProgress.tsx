/** The running import (rows, rate, Cancel) and its summary (counts, new cards, conflicts, rejected rows). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProgress, IntakeSummary } from '../../../shared/contracts/intake';
import { PLATFORM_STATUS_TARGETS, type PlatformStatusTarget } from '../../../shared/intake';
import { api } from '../api';
import { progressLine } from '../importProgressText';
import { downloadBlob } from '../files';
import { useApp } from '../store';

export function ImportProgressView({ progress, cancelling, onCancel }: { progress: ImportProgress; cancelling: boolean; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v);
  const total = progress.rowsTotal;
  const line = progressLine(progress);
  return (
    <div className="import-progress" data-testid="import-progress">
      <p>
        <strong>{t('intake.progress.title', { file: progress.fileName })}</strong>
      </p>
      <progress
        max={total ?? progress.bytesTotal}
        value={total ? Math.min(progress.rowsDone, total) : progress.bytesDone}
        aria-label={t('intake.progress.title', { file: progress.fileName })}
      />
      <p role="status" aria-live="polite" className="row">
        <span data-testid="import-progress-rows">
          {t(line.key, {
            done: line.params.done === undefined ? undefined : n(line.params.done),
            total: line.params.total == null ? '…' : n(line.params.total),
          })}
        </span>
        {line.showRate && <span className="muted">{t('intake.progress.rate', { rate: n(progress.rowsPerSecond) })}</span>}
      </p>
      <button onClick={onCancel} disabled={cancelling} data-testid="import-cancel">
        {cancelling ? t('intake.progress.cancelling') : t('intake.progress.cancel')}
      </button>
    </div>
  );
}

async function downloadRejected(summary: IntakeSummary): Promise<void> {
  const parts: string[] = ['\uFEFF'];
  let offset: number | null = 0;
  let fileName = 'rejected.csv';
  while (offset !== null) {
    const page = await api.rejectedRowsCsv({ importId: summary.importId, offset });
    parts.push(page.csv);
    fileName = page.fileName;
    offset = page.nextOffset;
  }
  downloadBlob(fileName, parts, 'text/csv;charset=utf-8');
}

function UnknownStatuses({ summary }: { summary: IntakeSummary }) {
  const { t } = useTranslation();
  const { fail, notify } = useApp();
  const [choice, setChoice] = useState<Record<string, PlatformStatusTarget | ''>>({});
  const [saved, setSaved] = useState(false);
  async function save() {
    try {
      const current = await api.getIntakeSettings({});
      const added = Object.fromEntries(Object.entries(choice).filter(([, v]) => v)) as Record<string, PlatformStatusTarget>;
      await api.updateIntakeSettings({ settings: { platformStatuses: { ...current.platformStatuses, ...added } } });
      setSaved(true);
      notify({ kind: 'success', key: 'intake.summary.statusesSaved' });
    } catch (e) {
      fail(e);
    }
  }
  return (
    <div className="unknown-statuses">
      <p>{t('intake.summary.unknownStatuses')}</p>
      {summary.unknownStatuses.map((u) => (
        <label key={u.label} className="check">
          {t('intake.summary.statusMeans', { label: u.label, count: u.count })}
          <select value={choice[u.label] ?? ''} onChange={(e) => setChoice({ ...choice, [u.label]: e.target.value as PlatformStatusTarget | '' })}>
            <option value="">{t('intake.summary.unmapped')}</option>
            {PLATFORM_STATUS_TARGETS.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button onClick={() => void save()} disabled={saved || !Object.values(choice).some(Boolean)}>
        {t('intake.summary.saveStatuses')}
      </button>
    </div>
  );
}

export function ImportSummaryView({ progress, onDone, onAgain }: { progress: ImportProgress; onDone(): void; onAgain(): void }) {
  const { t, i18n } = useTranslation();
  const s = progress.summary;
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v);
  if (progress.state !== 'done' || !s) {
    return (
      <div className="import-summary" data-testid="import-ended">
        <p className={progress.state === 'cancelled' ? 'notice info' : 'notice error'} role="alert">
          {progress.state === 'cancelled' ? t('intake.cancelled') : t('intake.failed', { message: progress.error?.message ?? '' })}
        </p>
        <div className="row">
          <button onClick={onAgain}>{t('intake.back')}</button>
          <button className="primary" onClick={onDone}>
            {t('intake.summary.done')}
          </button>
        </div>
      </div>
    );
  }
  // Chinese lists items with 、; Intl's "unit" lists run Chinese items together.
  const tasks = Object.entries(s.tasksOpened)
    .filter(([, count]) => count)
    .map(([flow, count]) => `${t(`flows.${flow}`)} ${n(count)}`)
    .join(i18n.language.startsWith('zh') ? '、' : ', ');
  return (
    <div className="import-summary" data-testid="intake-summary" role="status">
      <p>
        <strong>{t('intake.summary.title', { file: s.fileName })}</strong> <span className="muted">{t('intake.summary.total', { count: s.totalRows })}</span>
      </p>
      <dl className="summary-counts">
        {(
          [
            ['created', s.created],
            ['updated', s.updated],
            ['unchanged', s.unchanged],
            ['rejected', s.rejectedCount],
          ] as const
        ).map(([key, value]) => (
          <div key={key} data-testid={`summary-${key}`}>
            <dt>{t(`intake.summary.${key}`)}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>
      {s.totalRows === 0 && (
        <p className="notice info" data-testid="summary-no-rows">
          {t('intake.summary.noRows')}
        </p>
      )}
      {s.profile && (
        <p className="muted" data-testid="summary-profile">
          {t('intake.summary.profileUsed', { name: s.profile })}
        </p>
      )}
      <p data-testid="summary-tasks">{tasks ? t('intake.summary.tasks', { tasks }) : t('intake.summary.noTasks')}</p>
      {s.tasksClosed > 0 && <p className="muted">{t('intake.summary.closed', { count: s.tasksClosed })}</p>}
      {s.flaggedPhones > 0 && (
        <details data-testid="summary-flagged">
          <summary>{t('intake.summary.flagged', { count: s.flaggedPhones })}</summary>
          <ul className="mini-list">
            {s.flaggedSample.slice(0, 50).map((f) => (
              <li key={f.row}>
                {t('intake.summary.rowNo', { row: f.row })} · <span className="mono">{f.orderNo}</span> — <span className="mono">{f.phone || '—'}</span>
              </li>
            ))}
          </ul>
          {s.flaggedPhones > 50 && <p className="muted small">{t('intake.summary.flaggedMore', { count: s.flaggedPhones - 50 })}</p>}
        </details>
      )}

      {s.conflictCount > 0 && (
        <details open>
          <summary>{t('intake.summary.conflicts', { count: s.conflictCount })}</summary>
          <ul className="mini-list">
            {s.conflicts.slice(0, 50).map((c) => (
              <li key={`${c.row}-${c.orderNo}`}>
                {t('intake.summary.rowNo', { row: c.row })} · <span className="mono">{c.orderNo}</span> — {c.reason}
              </li>
            ))}
          </ul>
        </details>
      )}

      {s.unknownStatuses.length > 0 && s.kind === 'orders' && <UnknownStatuses summary={s} />}

      {s.rejectedCount > 0 && (
        <div className="rejected-rows">
          <h4>{t('intake.summary.rejectedTitle')}</h4>
          <table className="rejected">
            <thead>
              <tr>
                <th>{t('import.row')}</th>
                <th>{t('import.field')}</th>
                <th>{t('import.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {s.rejected.slice(0, 200).map((r) => (
                <tr key={`${r.row}-${r.field}`}>
                  <td>{r.row}</td>
                  <td>{t(`intake.fields.${r.field}`, { defaultValue: r.field })}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {s.rejectedCount > 200 && <p className="muted small">{t('intake.summary.more', { count: s.rejectedCount - 200 })}</p>}
          <button onClick={() => void downloadRejected(s)} data-testid="download-rejected">
            {t('intake.summary.download')}
          </button>
        </div>
      )}

      <div className="row">
        <span className="spacer" />
        <button onClick={onAgain}>{t('intake.back')}</button>
        <button className="primary" onClick={onDone} data-testid="import-done">
          {t('intake.summary.done')}
        </button>
      </div>
    </div>
  );
}
