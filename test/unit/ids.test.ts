import { expect, test } from 'vitest';
import { uuidv7 } from '../../electron/services/ids';

test('record ids are UUIDv7, unique, and sort in the order they were made (past the random pool refill)', () => {
  const ids = Array.from({ length: 20_000 }, () => uuidv7());
  for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(ids);
  // The time prefix is now's.
  expect(Math.abs(parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16) - Date.now())).toBeLessThan(60_000);
});
