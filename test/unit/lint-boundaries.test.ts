/**
 * Proves the runtime boundaries in eslint.config.js actually fire: the same line is an error in one
 * folder and fine in another. Uses ESLint's Node API on in-memory text (the files need not exist).
 */
import { ESLint } from 'eslint';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.js') });

const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-globals',
  'no-restricted-syntax',
  'callcard/layer-imports',
]);

/** The boundary violations ESLint reports for `code` placed at `file` (relative to the project). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`${file}: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages
    .filter((m) => m.severity === 2 && m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId))
    .map((m) => m.ruleId as string);
}

const IMPORT_ELECTRON = "import { app } from 'electron';\nexport const name = app.name;\n";
const IMPORT_FS = "import fs from 'node:fs';\nexport const exists = fs.existsSync('.');\n";

describe('only electron/main and electron/preload may import electron', () => {
  test.each(['electron/main/x.ts', 'electron/preload/x.ts'])('%s may', async (file) => {
    expect(await violations(file, IMPORT_ELECTRON)).toEqual([]);
  });

  test.each([
    'electron/services/x.ts',
    'electron/webhost/x.ts',
    'shared/x.ts',
    'renderer/src/x.tsx',
    'server/x.ts',
    'bench/x.ts',
    'scripts/x.mjs',
  ])('%s may not', async (file) => {
    expect(await violations(file, IMPORT_ELECTRON)).toContain('no-restricted-imports');
  });

  test('nor through a subpath, require() or a dynamic import()', async () => {
    const file = 'electron/services/x.ts';
    expect(await violations(file, "import { ipcMain } from 'electron/main';\nexport { ipcMain };\n")).toContain(
      'no-restricted-imports',
    );
    expect(await violations(file, "export const e = await import('electron');\n")).toContain('no-restricted-syntax');
    expect(await violations('scripts/x.cjs', "module.exports = require('electron');\n")).toContain(
      'no-restricted-syntax',
    );
  });
});

describe('shared/ is pure', () => {
  test.each([
    IMPORT_FS,
    "import { join } from 'path';\nexport const p = join('a');\n",
    "import { readFile } from 'fs/promises';\nexport { readFile };\n",
    "import { createHash } from 'crypto';\nexport { createHash };\n",
    "import Database from 'better-sqlite3';\nexport { Database };\n",
    "import { useState } from 'react';\nexport { useState };\n",
    "import { openCore } from '../electron/services/core';\nexport { openCore };\n",
    "import { App } from '../renderer/src/App';\nexport { App };\n",
  ])('refuses %s', async (code) => {
    expect((await violations('shared/x.ts', code)).length).toBeGreaterThan(0);
  });

  test.each([
    'export const w = window.innerWidth;\n',
    "export const t = document.title;\n",
    "export const v = localStorage.getItem('k');\n",
    "export const r = fetch('https://example.com');\n",
    'export const e = process.env.HOME;\n',
  ])('refuses the global in %s', async (code) => {
    expect(await violations('shared/x.ts', code)).toContain('no-restricted-globals');
  });

  test('allows zod and its own modules', async () => {
    const code = "import { z } from 'zod';\nimport { LOCALES } from './domain';\nexport const L = z.enum(LOCALES);\n";
    expect(await violations('shared/x.ts', code)).toEqual([]);
  });
});

describe('renderer/ is a browser page', () => {
  test.each([
    IMPORT_FS,
    "import { spawn } from 'child_process';\nexport { spawn };\n",
    "import Database from 'better-sqlite3';\nexport { Database };\n",
    "import { openCore } from '../../electron/services/core';\nexport { openCore };\n",
    "import { registerIpc } from '../../electron/main/ipc';\nexport { registerIpc };\n",
    "import { start } from '../../server/index';\nexport { start };\n",
  ])('refuses %s', async (code) => {
    expect((await violations('renderer/src/x.tsx', code)).length).toBeGreaterThan(0);
  });

  test('refuses Node globals', async () => {
    expect(await violations('renderer/src/x.tsx', 'export const e = process.env.HOME;\n')).toContain(
      'no-restricted-globals',
    );
  });

  test('allows react, the DOM and the shared contract', async () => {
    const code = [
      "import { useState } from 'react';",
      "import type { CallCard } from '../../shared/contract';",
      "import { LOCALES } from '../../shared/domain';",
      'export const x: [typeof useState, CallCard | null, number, string] = [useState, null, LOCALES.length, document.title];',
      '',
    ].join('\n');
    expect(await violations('renderer/src/x.tsx', code)).toEqual([]);
  });
});

describe('electron/services/ (the core) knows no door', () => {
  test.each([
    "import { registerIpc } from '../main/ipc';\nexport { registerIpc };\n",
    "import '../preload/index';\n",
    "import { api } from '../../renderer/src/api';\nexport { api };\n",
    "export * from '../main/security';\n",
  ])('refuses %s', async (code) => {
    expect(await violations('electron/services/x.ts', code)).toContain('callcard/layer-imports');
  });

  test('allows Node, SQLite and shared', async () => {
    const code = [
      IMPORT_FS,
      "import Database from 'better-sqlite3';",
      "import { contract } from '../../shared/contract';",
      'export const y = [Database, contract];',
      '',
    ].join('\n');
    expect(await violations('electron/services/x.ts', code)).toEqual([]);
  });
});

describe('electron/preload/ stays bundle-free', () => {
  test('may import shared types, not shared code', async () => {
    const file = 'electron/preload/x.ts';
    expect(await violations(file, "import type { CallcardBridge } from '../../shared/contract';\nexport type B = CallcardBridge;\n")).toEqual([]);
    expect(await violations(file, "import { METHOD_NAMES } from '../../shared/contract';\nexport { METHOD_NAMES };\n")).toContain(
      'callcard/layer-imports',
    );
  });
});
