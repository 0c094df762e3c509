import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ERROR_LOG, errorLog } from '../../electron/services/errorLog';
import { scratchDir } from '../helpers/store';

const root = scratchDir('callcard-errlog-');
let n = 0;
const freshDir = () => {
  const dir = join(root, String(++n));
  mkdirSync(dir);
  return dir;
};

describe('the error log under the data folder', () => {
  afterEach(() => vi.restoreAllMocks());

  test('each failure gets its own reference, with its time, method and stack', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dir = freshDir();
    const report = errorLog(dir, () => new Date('2026-12-07T08:00:00Z'));
    const a = report(new Error('no such table: x'), 'listOrders');
    const b = report('plain text');
    expect(a).toMatch(/^[0-9A-F]{6}$/);
    expect(b).not.toBe(a);
    const log = readFileSync(join(dir, ERROR_LOG), 'utf8');
    expect(log).toContain(`2026-12-07T08:00:00.000Z ${a} listOrders\nError: no such table: x\n    at `);
    expect(log).toContain(`${b}\nplain text\n`);
  });

  test('a log past 5 MB starts afresh, the previous one kept beside it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dir = freshDir();
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, ERROR_LOG), 'x'.repeat(5 * 1024 * 1024 + 1));
    const ref = errorLog(dir)(new Error('later'));
    expect(statSync(join(dir, `${ERROR_LOG}.1`)).size).toBe(5 * 1024 * 1024 + 1);
    expect(readFileSync(join(dir, ERROR_LOG), 'utf8')).toContain(ref);
  });

  test('a data folder it cannot write to still gives a reference (the console has the detail)', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const dir = freshDir();
    writeFileSync(join(dir, 'logs'), 'a file where the folder should be');
    const ref = errorLog(dir)(new Error('disk gone'));
    expect(ref).toMatch(/^[0-9A-F]{6}$/);
    expect(existsSync(join(dir, ERROR_LOG))).toBe(false);
    expect(errors.mock.calls[0]?.join(' ')).toContain(ref);
  });
});
