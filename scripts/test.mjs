#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, unit + integration (vitest, real SQLite), then the browser e2e
 * (Playwright in Chromium against the web host). Prints each suite's totals and, last, the sum
 * as `N passed, N failed` (what CI reads). Exit code 1 if anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const tmp = '.tmp/test-results';
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const bin = (name) => join('node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function count(label, passed, failed, skipped = 0) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

// Whole-project checks count as one test each.
count('typecheck', ...(run('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) ? [1, 0] : [0, 1]));
count('lint', ...(run('lint', bin('eslint'), ['.', '--max-warnings=0']) ? [1, 0] : [0, 1]));

const vitestJson = join(tmp, 'vitest.json');
const vitestOk = run('unit + integration', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  count('vitest', v.numPassedTests, v.numFailedTests + (vitestOk || v.numFailedTests ? 0 : 1), v.numPendingTests + v.numTodoTests);
} else count('vitest', 0, 1);

const built = run('build renderer', 'npm', ['run', 'build:web', '--silent']);
if (!built) count('e2e', 0, 1);
else {
  const pwJson = join(tmp, 'playwright.json');
  const pwOk = run('e2e (Chromium)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    count('e2e', s.expected + s.flaky, s.unexpected + (pwOk || s.unexpected ? 0 : 1), s.skipped);
  } else count('e2e', 0, 1);
}

console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
