/**
 * An agent's call while another connection writes the store (a lead's import holds it for its whole
 * file, in one transaction): refused in words the agent can act on, nothing half-written, and the
 * same call goes through once the store is free.
 */
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { serializeError } from '../../shared/dispatch';
import { translator } from '../../shared/i18n';
import { record, seedMatters, takeCard } from '../helpers/flows';
import { callcardError, countRows, openReadyStore } from '../helpers/store';

describe('a call while an import holds the store', () => {
  test('is refused as "store busy" after a short wait, writes nothing, and goes through once the import is done', async () => {
    const store = await openReadyStore({ now: '2026-11-20T04:00:00.000Z' });
    await seedMatters(store, [{ orderNo: 'BUSY-1', flow: 'verify', dueAt: '2026-11-20T03:00:00.000Z' }]);
    const card = await takeCard(store);
    const importer = new Database(store.db.name);
    try {
      importer.prepare('BEGIN IMMEDIATE').run();
      importer.prepare("UPDATE settings SET value = value WHERE key = 'language'").run();
      const started = Date.now();
      const e = await callcardError(() => record(store, card.taskId, { outcome: 'confirmed', note: '地址对', attempts: card.attempts }), 'store_busy');
      // Waited for the write lock (a short import would have finished), not frozen for the import's length.
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(serializeError(e, translator('zh-CN')).message).toContain('正在导入订单文件');
      expect(countRows(store.db, 'call_outcomes')).toBe(0);
      importer.prepare('COMMIT').run();
      await record(store, card.taskId, { outcome: 'confirmed', note: '地址对', attempts: card.attempts });
      expect(countRows(store.db, 'call_outcomes')).toBe(1);
    } finally {
      if (importer.inTransaction) importer.prepare('ROLLBACK').run();
      importer.close();
    }
  });
});
