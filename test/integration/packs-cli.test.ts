/** `callcard pack ...` as a trainer or an editor's task runner uses it: real process, real files. */
import { spawnSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/services/cli/main';
import { BASE_PACK, edit, SHIPPED_DEFAULT_TEXT, SHIPPED_DEFAULT_VERSION, where } from '../helpers/packs';
import { scratchDir } from '../helpers/store';

const dir = scratchDir('callcard-pack-cli-');
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** The real binary, as a shell or an editor's task runner starts it. */
function spawnCli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/callcard.mjs', ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same entry point in this process (each spawn costs seconds); exit 2 is a usage error. */
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  let code: number;
  try {
    code = await runCli(args);
  } catch (e) {
    err.push(String(e));
    code = 2;
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('callcard pack', () => {
  it('validate --json: the problems with line, column, path, code and message; exit 1 when invalid', () => {
    const broken = edit(BASE_PACK, '            next: done', '            next: dnoe');
    const r = spawnCli('pack', 'validate', file('broken.yaml', broken), '--json', '--lang', 'en');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { ok: boolean; errors: Record<string, unknown>[] };
    expect(json.ok).toBe(false);
    expect(json.errors[0]).toEqual({
      ...where(broken, 'dnoe'),
      path: 'flows.verify.steps[2].answers[0].next',
      code: 'unknown_step',
      message: 'There is no step "dnoe" in the Verify flow. Did you mean "done"?',
    });
  });

  it('validate: exit 0 for the shipped pack, in the chosen language; 2 without a file; 1 for a missing file', async () => {
    const ok = await cli('pack', 'validate', 'resources/packs/default.yaml', '--lang', 'zh-TW');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('檢查通過');
    expect((await cli('pack', 'validate')).code).toBe(2);
    const missing = await cli('pack', 'validate', join(dir, 'nope.yaml'), '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out)).toMatchObject({ ok: false, error: { code: 'file_unreadable' } });
  });

  it('load, list, activate and roll back over a data folder', async () => {
    const data = join(dir, 'data');
    const v2 = file('v2.yaml', SHIPPED_DEFAULT_TEXT.replace(/^version: .*$/m, 'version: 9.0.0'));
    expect((await cli('pack', 'load', v2, '--data-dir', data, '--lang', 'en')).out).toContain('Loaded default 9.0.0.');
    const act = await cli('pack', 'activate', 'default', '9.0.0', '--data-dir', data, '--json');
    expect(act.code).toBe(0);
    expect(JSON.parse(act.out)).toMatchObject({ scope: '*', packId: 'default', version: '9.0.0' });
    const list = JSON.parse((await cli('pack', 'list', '--data-dir', data, '--json')).out) as { versions: { version: string; activeFor: string[]; loadedAt: string }[] };
    // In words, the time a version was loaded is on the business clock (Shanghai: UTC+8), to the minute.
    const words = (await cli('pack', 'list', '--data-dir', data, '--lang', 'en')).out.split('\n');
    const shanghai = new Date(Date.parse(list.versions[0].loadedAt) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(words.find((l) => l.startsWith('default\t9.0.0'))).toContain(`\t${shanghai}\t`);
    expect(list.versions.map((v) => [v.version, v.activeFor])).toEqual([
      ['9.0.0', ['*']],
      [SHIPPED_DEFAULT_VERSION, []],
    ]);
    expect((await cli('pack', 'rollback', '--data-dir', data, '--lang', 'en')).out).toContain(`back on default ${SHIPPED_DEFAULT_VERSION}`);
    const invalid = await cli('pack', 'load', file('bad.yaml', edit(BASE_PACK, 'outcome: confirmed', 'outcome: confirmd')), '--data-dir', data, '--json');
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.out)).toMatchObject({ ok: false, stored: { packId: 'test', valid: false } });
    const refused = await cli('pack', 'activate', 'test', '1.0.0', '--data-dir', data, '--lang', 'en');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('cannot be activated');
  });

  it('load: a pack saved as GBK is refused as not UTF-8 and stores nothing (its version stays free for the right file)', async () => {
    const data = join(dir, 'data-gbk');
    const gbk = join(dir, 'gbk.yaml');
    writeFileSync(gbk, iconv.encode(BASE_PACK, 'gbk'));
    const r = await cli('pack', 'load', gbk, '--data-dir', data, '--json', '--lang', 'zh-CN');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { ok: boolean; stored: unknown; errors: { code: string; message: string; line: number }[] };
    expect(json.ok).toBe(false);
    expect(json.stored ?? null).toBeNull();
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]).toMatchObject({ code: 'not_utf8', line: where(BASE_PACK, '测试话术').line });
    expect(json.errors[0].message).toContain('另存为 UTF-8');
    // The same pack saved right loads under the same version.
    expect((await cli('pack', 'load', file('utf8.yaml', BASE_PACK), '--data-dir', data, '--lang', 'en')).out).toContain('Loaded test 1.0.0.');
  });

  it('validate: an empty file says it is empty; a file far past any pack is not read at all', async () => {
    const empty = await cli('pack', 'validate', file('empty.yaml', '# 待写\n'), '--lang', 'en');
    expect(empty.code).toBe(1);
    expect(empty.out + empty.err).toContain('This file is empty');
    const huge = file('huge.yaml', `# ${'x'.repeat(8_000_010)}\n`);
    const r = await cli('pack', 'validate', huge, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toContain('far too large to be a script pack');
  });

  it('activate: a pack written for some products only for one of them, never as the default', async () => {
    const data = join(dir, 'data-products');
    expect((await cli('pack', 'load', file('abalone.yaml', BASE_PACK), '--data-dir', data)).code).toBe(0);
    const refused = await cli('pack', 'activate', 'test', '1.0.0', '--data-dir', data, '--lang', 'en');
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      'test 1.0.0 is written only for 鲍鱼罐头, so it cannot be the default for all products. Activate it for one of them (on the command line: --product <product>).',
    );
    const json = await cli('pack', 'activate', 'test', '1.0.0', '--data-dir', data, '--json');
    expect(JSON.parse(json.out.split('\n')[0])).toMatchObject({ error: { code: 'pack_products_only', params: { products: '鲍鱼罐头' } } });
    const ok = await cli('pack', 'activate', 'test', '1.0.0', '--product', '鲍鱼罐头', '--data-dir', data, '--lang', 'en');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('test 1.0.0 is now active for 鲍鱼罐头');
    const list = JSON.parse((await cli('pack', 'list', '--data-dir', data, '--json')).out) as { active: { scope: string; packId: string }[] };
    expect(list.active.map((a) => `${a.scope} ${a.packId}`)).toEqual(['* default', '鲍鱼罐头 test']);
  });

  it('validate: a tab used for indentation is one problem, with its line and what to do', () => {
    const tabbed = edit(BASE_PACK, '\n  upsell:\n', '\n\tupsell:\n');
    const path = file('tab.yaml', tabbed);
    const r = spawnCli('pack', 'validate', path, '--lang', 'en');
    expect(r.code).toBe(1);
    const line = where(tabbed, '\tupsell:').line;
    expect(r.out.trim().split('\n')).toEqual([
      `${path}:${line}:1  This file cannot be read as YAML or JSON: tabs cannot indent YAML: replace the tab at the start of this line with spaces (editors can convert all indentation to spaces), then load the file again so the rest can be checked.  [syntax_error]`,
      expect.stringMatching(/1 problem/),
    ]);
  });
});
