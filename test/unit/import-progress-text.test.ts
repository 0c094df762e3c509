import { describe, expect, it } from 'vitest';
import { progressLine } from '../../renderer/src/importProgressText';

describe('the running import’s status line', () => {
  it('counts rows against an estimate, then the exact total', () => {
    expect(progressLine({ state: 'running', rowsDone: 0, rowsTotal: null, rowsTotalExact: false })).toMatchObject({ key: 'intake.progress.rows', params: { total: null } });
    expect(progressLine({ state: 'running', rowsDone: 40_000, rowsTotal: 98_000, rowsTotalExact: false })).toMatchObject({ key: 'intake.progress.rowsEstimate', showRate: true });
    expect(progressLine({ state: 'running', rowsDone: 90_000, rowsTotal: 100_000, rowsTotalExact: true })).toMatchObject({ key: 'intake.progress.rows', params: { done: 90_000, total: 100_000 } });
  });

  it('says it is finishing (screening, saving) once every row is written and the import still runs, without a rate', () => {
    expect(progressLine({ state: 'running', rowsDone: 100_000, rowsTotal: 100_000, rowsTotalExact: true })).toEqual({
      key: 'intake.progress.finishing',
      params: { total: 100_000 },
      showRate: false,
    });
    // An estimate reached is not the end of the file.
    expect(progressLine({ state: 'running', rowsDone: 100_000, rowsTotal: 100_000, rowsTotalExact: false }).key).toBe('intake.progress.rowsEstimate');
  });
});
