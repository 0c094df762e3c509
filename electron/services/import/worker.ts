/**
 * The import's worker threads, off the UI path. One entry, three roles:
 * - head: reads the first rows of a file for the preview (an XLSX may need the whole zip read).
 * - reader: streams the file, normalises rows and sends batches to the writer.
 * - writer: owns its own connection to the store (WAL) and writes the batches in one transaction;
 *   cancel or any failure rolls it back, so the store is left as it was.
 * Reader and writer run at once: parsing the next batch overlaps writing this one.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { toWire, type HeadToCore, type ReaderToCore, type ReaderToWriter, type WorkerData, type WriterToCore, type WriterToReader } from './messages';

const data = workerData as WorkerData & { port?: MessagePort };
const parent = parentPort!;

async function runHead(d: Extract<WorkerData, { role: 'head' }>): Promise<void> {
  try {
    const { readHead } = await import('./source');
    const head = await readHead(d.path, { sheet: d.sheet, maxRows: d.maxRows });
    parent.postMessage({ type: 'head', head } satisfies HeadToCore);
  } catch (e) {
    parent.postMessage({ type: 'error', error: toWire(e) } satisfies HeadToCore);
  }
}

async function runReader(d: Extract<WorkerData, { role: 'reader' }>, port: MessagePort): Promise<void> {
  const cancelled = new Int32Array(d.cancel);
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', (m: WriterToReader) => {
    if (m.type === 'ack') {
      inFlight--;
      wake?.();
      wake = null;
    }
  });
  let rows = 0;
  let bytes = 0;
  try {
    const { readRows } = await import('./reader');
    const result = await readRows(d.path, d.plan, {
      batchSize: d.batchSize,
      shouldStop: () => Atomics.load(cancelled, 0) === 1,
      onBytes: (b) => {
        bytes = b;
      },
      onBatch: async (batch) => {
        rows += batch.orders.length + batch.courier.length + batch.rejected.length;
        port.postMessage({ type: 'batch', batch } satisfies ReaderToWriter);
        parent.postMessage({ type: 'progress', bytes, rows } satisfies ReaderToCore);
        // Bounded memory: never more than a few batches ahead of the writer.
        inFlight++;
        while (inFlight >= d.maxInFlight && Atomics.load(cancelled, 0) === 0) await new Promise<void>((r) => (wake = r));
      },
    });
    if (result.stopped) {
      port.postMessage({ type: 'abort' } satisfies ReaderToWriter);
    } else {
      port.postMessage({ type: 'end', meta: { header: result.header, encoding: result.encoding, sheet: result.sheet }, dataRows: result.dataRows } satisfies ReaderToWriter);
    }
    parent.postMessage({ type: 'read-done', result } satisfies ReaderToCore);
  } catch (e) {
    port.postMessage({ type: 'abort' } satisfies ReaderToWriter);
    parent.postMessage({ type: 'error', error: toWire(e) } satisfies ReaderToCore);
  } finally {
    port.close();
  }
}

async function runWriter(d: Extract<WorkerData, { role: 'writer' }>, port: MessagePort): Promise<void> {
  // Each role loads only what it uses: a worker's start-up is part of the import's time.
  const [{ openDatabase }, { ImportWriter, ImportCancelled }, { warmRegionData }] = await Promise.all([import('../db/open'), import('./writer'), import('../risk/data')]);
  const cancelled = new Int32Array(d.cancel);
  const db = openDatabase(d.dbFile);
  // Its own connection, with a bigger (bounded) page cache: a large import's index pages stay in
  // memory instead of being re-read from disk mid-transaction (about a third faster at 500k rows).
  db.pragma('cache_size = -131072');
  // Its commit must not stop to copy the WAL into the store file (a third of a second at 100k
  // rows): that is done by the passive checkpoint after the result has been sent (finish, below).
  db.pragma('wal_autocheckpoint = 0');
  const writer = new ImportWriter(db, { ...d.options, now: new Date(d.options.now) });
  let begun = false;
  let written = 0;
  const finish = (msg: WriterToCore) => {
    port.close();
    parent.postMessage(msg);
    try {
      // Move the import's pages from the WAL into the store file now, on this thread, rather than
      // on the UI thread's next write. Interrupting it is harmless: the WAL stays valid.
      if (msg.type === 'done') db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
    }
  };
  // The reader's first rows take a moment: load the risk screen's region data meanwhile (the
  // messages wait in the port). Screening is on by default; an import without it pays ~0.2 s here.
  warmRegionData();
  port.on('message', (m: ReaderToWriter) => {
    try {
      if (Atomics.load(cancelled, 0) === 1) {
        writer.rollback();
        finish({ type: 'cancelled' });
        return;
      }
      if (m.type === 'abort') {
        writer.rollback();
        finish({ type: 'aborted' });
        return;
      }
      if (!begun) {
        writer.begin();
        begun = true;
      }
      if (m.type === 'batch') {
        writer.write(m.batch);
        written += m.batch.orders.length + m.batch.courier.length + m.batch.rejected.length;
        port.postMessage({ type: 'ack' } satisfies WriterToReader);
        parent.postMessage({ type: 'written', rows: written } satisfies WriterToCore);
        return;
      }
      const result = writer.finish(m.meta, m.dataRows, () => Atomics.load(cancelled, 0) === 1);
      finish({ type: 'done', result, dataRows: m.dataRows });
    } catch (e) {
      writer.rollback();
      finish(e instanceof ImportCancelled ? { type: 'cancelled' } : { type: 'error', error: toWire(e) });
    }
  });
}

switch (data.role) {
  case 'head':
    void runHead(data);
    break;
  case 'reader':
    void runReader(data, data.port!);
    break;
  case 'writer':
    void runWriter(data, data.port!);
    break;
}
