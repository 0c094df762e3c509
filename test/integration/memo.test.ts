/**
 * Settings, the signed-in agent and the packs in force are kept in memory per connection (the
 * hot path reads them on every card). What a user must never see: a change made elsewhere on the
 * same data folder (the CLI beside the web host) ignored, or a change that failed and was rolled
 * back still in effect.
 */
import { expect, test } from 'vitest';
import { loadSettings, saveSettings, getMeta, setMeta } from '../../electron/services/settings';
import { openReadyStore, openTestStore } from '../helpers/store';

test('a change saved by another process on the same data folder is seen at once', async () => {
  const desk = await openReadyStore({ agentName: '小王' });
  expect((await desk.call('getSession', {})).settings.shopName).not.toBe('新店名');

  // The CLI (its own connection) renames the shop and the agent while the desk keeps running.
  const cli = openTestStore({ dataDir: desk.dataDir, clock: desk.clock });
  await cli.call('updateSettings', { settings: { shopName: '新店名' }, agentName: '王小二' });

  const session = await desk.call('getSession', {});
  expect(session.settings.shopName).toBe('新店名');
  expect(session.agent!.name).toBe('王小二');
});

test('a settings change rolled back with its transaction is not kept', async () => {
  const store = await openReadyStore();
  const { db, clock } = store;
  const before = loadSettings(db).shopName;
  expect(() =>
    db.transaction(() => {
      saveSettings(db, { shopName: '不该留下' }, clock.now);
      setMeta(db, 'probe', 'rolled-back', clock.now);
      // Read inside the transaction: the new value is what this transaction sees...
      expect(loadSettings(db).shopName).toBe('不该留下');
      expect(getMeta(db, 'probe')).toBe('rolled-back');
      throw new Error('the rest of the change failed');
    })(),
  ).toThrow('the rest of the change failed');
  // ...and after the rollback the stored value is back, in memory as on disk.
  expect(loadSettings(db).shopName).toBe(before);
  expect(getMeta(db, 'probe')).toBeNull();
  expect((await store.call('getSession', {})).settings.shopName).toBe(before);
});

test('a kept setting is read from the store once, not on every card', async () => {
  const store = await openReadyStore();
  const { db, clock } = store;
  saveSettings(db, { shopName: '一次' }, clock.now);
  expect(loadSettings(db).shopName).toBe('一次');
  // Written behind the core's back on the same connection: the kept value stands (a second
  // connection's write would have been seen, as above).
  db.prepare("UPDATE settings SET value = json_set(value, '$.shopName', '暗改') WHERE key = 'workstation'").run();
  expect(loadSettings(db).shopName).toBe('一次');
});
