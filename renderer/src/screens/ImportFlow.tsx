/**
 * Importing an export, step by step: choose a file (sent in chunks), check the column mapping on
 * a preview (sheet, header row, file type, save as a profile), watch the import (rows, rate,
 * Cancel), read the summary (and download the rows that could not be imported).
 * Keyboard: every step is native controls; Esc closes when nothing is running.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportProgress } from '../../../shared/contracts/intake';
import type { ImportField, ImportKind } from '../../../shared/intake';
import { api } from '../api';
import { toBase64 } from '../files';
import { useApp } from '../store';
import { ImportMapping } from './ImportMapping';
import { ImportProgressView, ImportSummaryView } from './ImportProgress';
import { ImportSettings } from './ImportSettings';
import '../intake.css';

/** File bytes per request: a request body stays a few MB (base64 adds a third). */
const CHUNK = 4 * 1024 * 1024;

type Step =
  | { kind: 'pick' }
  | { kind: 'uploading'; fileName: string; sent: number; size: number }
  | { kind: 'analysing'; fileName: string }
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'running'; progress: ImportProgress; cancelling: boolean }
  | { kind: 'ended'; progress: ImportProgress };


/** What the file being imported is, once known (a courier file is not "importing orders"). */
function kindOf(step: Step): ImportKind {
  if (step.kind === 'preview') return step.preview.kind;
  if (step.kind === 'running' || step.kind === 'ended') return step.progress.kind;
  return 'orders';
}

export function ImportFlow({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const { fail, notify } = useApp();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const heading = useRef<HTMLHeadingElement>(null);
  const alive = useRef(true);
  const busy = step.kind === 'uploading' || step.kind === 'analysing' || step.kind === 'running';

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // Each step starts with the focus on its heading, so a screen reader and the Tab key start there.
  useEffect(() => {
    heading.current?.focus();
  }, [step.kind]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape' && !busy) {
        e.preventDefault();
        onClose();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);

  async function upload(file: File) {
    // A new file is a new start: the last file's problem no longer applies (it stayed on screen over
    // the next file's mapping and summary, so a clean import looked failed).
    notify(null);
    try {
      setStep({ kind: 'uploading', fileName: file.name, sent: 0, size: file.size });
      const { uploadId } = await api.beginUpload({ fileName: file.name, size: file.size });
      for (let offset = 0; offset < file.size; offset += CHUNK) {
        const chunk = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
        await api.appendUpload({ uploadId, offset, chunkBase64: toBase64(chunk) });
        if (!alive.current) return;
        setStep({ kind: 'uploading', fileName: file.name, sent: Math.min(file.size, offset + CHUNK), size: file.size });
      }
      setStep({ kind: 'analysing', fileName: file.name });
      setStep({ kind: 'preview', preview: await api.previewImport({ uploadId }) });
    } catch (e) {
      fail(e);
      setStep({ kind: 'pick' });
    }
  }

  async function repreview(current: ImportPreview, opts: { sheet?: string | null; headerRow?: number; kind?: ImportKind }) {
    notify(null);
    try {
      setStep({ kind: 'preview', preview: await api.previewImport({ uploadId: current.uploadId, ...opts }) });
    } catch (e) {
      fail(e);
    }
  }

  async function follow(first: ImportProgress) {
    let p = first;
    setStep({ kind: 'running', progress: p, cancelling: false });
    // Long poll: the host answers at the next change, so the bar moves without a timer.
    while (p.state === 'running') {
      p = await api.importProgress({ importId: p.importId, waitMs: 2000 });
      if (!alive.current) return;
      setStep((s) => (s.kind === 'running' ? { ...s, progress: p } : s));
    }
    setStep({ kind: 'ended', progress: p });
    if (p.state === 'done') onImported();
  }

  async function start(preview: ImportPreview, mapping: Partial<Record<ImportField, number>>, kind: ImportKind, saveProfile: string | undefined) {
    notify(null);
    try {
      await follow(await api.startImport({ uploadId: preview.uploadId, kind, sheet: preview.sheet, headerRow: preview.headerRow, mapping, saveProfile }));
    } catch (e) {
      fail(e);
    }
  }

  async function cancel(p: ImportProgress) {
    setStep((s) => (s.kind === 'running' ? { ...s, cancelling: true } : s));
    try {
      await api.cancelImport({ importId: p.importId });
    } catch (e) {
      fail(e);
    }
  }

  return (
    <section className="panel import-flow" role="dialog" aria-modal="false" aria-labelledby="import-flow-title" data-testid="import-flow">
      <header className="row">
        <h3 id="import-flow-title" ref={heading} tabIndex={-1}>
          {kindOf(step) === 'courier' ? t('intake.titleCourier') : t('intake.title')}
        </h3>
        <span className="spacer" />
        <button onClick={onClose} disabled={busy} aria-keyshortcuts="Escape">
          {t('intake.close')} <kbd>Esc</kbd>
        </button>
      </header>

      {step.kind === 'pick' && (
        <div className="import-pick">
          <label className="button primary">
            {t('intake.choose')}
            <input
              type="file"
              accept=".csv,.txt,.tsv,.xlsx,text/csv"
              className="visually-hidden"
              data-testid="import-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void upload(file);
              }}
            />
          </label>
          <p className="muted small">{t('intake.formats')}</p>
          <ImportSettings />
        </div>
      )}

      {step.kind === 'uploading' && (
        <div role="status">
          <p>{t('intake.uploading', { percent: step.size ? Math.floor((step.sent * 100) / step.size) : 100 })}</p>
          <progress max={step.size || 1} value={step.sent} aria-label={step.fileName} />
        </div>
      )}
      {step.kind === 'analysing' && <p role="status">{t('intake.analysing')}</p>}

      {step.kind === 'preview' && (
        <ImportMapping
          key={`${step.preview.uploadId}-${step.preview.sheet}-${step.preview.headerRow}-${step.preview.kind}`}
          preview={step.preview}
          onOptions={(opts) => void repreview(step.preview, opts)}
          onStart={(mapping, kind, saveProfile) => void start(step.preview, mapping, kind, saveProfile)}
          onBack={() => setStep({ kind: 'pick' })}
        />
      )}

      {step.kind === 'running' && <ImportProgressView progress={step.progress} cancelling={step.cancelling} onCancel={() => void cancel(step.progress)} />}

      {step.kind === 'ended' && <ImportSummaryView progress={step.progress} onDone={onClose} onAgain={() => setStep({ kind: 'pick' })} />}
    </section>
  );
}
