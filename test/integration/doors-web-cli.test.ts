import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract';
import { openCore, type Core } from '../../electron/services/core';
import { startWebHost, type WebHost } from '../../electron/webhost/server';
import { scratchDir } from '../helpers/store';

/** The parts of an envelope (or plain-text reply) these tests read. */
type ApiReply = { ok?: boolean; value?: unknown; error?: { code: string; message: string } } & Record<string, unknown>;

function post(host: WebHost, path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; json: ApiReply; headers: Record<string, unknown> }>((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      `${host.url}${path.replace(/^\//, '')}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-callcard-token': host.token, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, json: (text.startsWith('{') ? JSON.parse(text) : { text }) as ApiReply, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string; headers: Record<string, unknown> }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

describe('web host door', () => {
  let core: Core;
  let host: WebHost;
  const dir = scratchDir('callcard-web-');
  beforeAll(async () => {
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<html><head></head><body>app</body></html>');
    core = openCore({ dataDir: join(dir, 'data') });
    host = await startWebHost({ core, staticDir });
  });
  afterAll(async () => {
    await host.close();
    core.close();
  });

  it('listens on loopback only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('exposes exactly the contract methods, each validating its arguments', async () => {
    for (const m of METHOD_NAMES) {
      const r = await post(host, `/api/${m}`, { notAnArgument: 1 });
      expect(r.json.ok, m).toBe(false);
      expect(r.json.error?.code, m).toBe('invalid_arguments');
      expect(r.json.error?.message, m).toContain(m);
    }
    const unknown = await post(host, '/api/dropAllTables', {});
    expect(unknown.json.error?.code).toBe('unknown_method');
  });

  it('answers a valid call with the core result', async () => {
    const r = await post(host, '/api/getSession', {});
    expect(r.json).toMatchObject({ ok: true, value: { setupDone: false, settings: { language: 'zh-CN' } } });
  });

  it('refuses calls without the page token and from foreign Host names', async () => {
    const noToken = await post(host, '/api/getSession', {}, { 'x-callcard-token': 'guess' });
    expect(noToken.status).toBe(403);
    expect(noToken.json.error?.code).toBe('untrusted_sender');
    const rebound = await get(host.url, { host: `evil.example:${host.port}` });
    expect(rebound.status).toBe(421);
  });

  it("tells a page of an earlier run (a restarted host) that it is outdated, and does nothing it asks", async () => {
    const earlier = 'A'.repeat(32);
    expect(earlier).not.toBe(host.token);
    const r = await post(host, '/api/completeSetup', { agentName: '王婷', shopName: '好物优选', language: 'zh-CN' }, { 'x-callcard-token': earlier });
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe('page_outdated');
    expect(r.json.error?.message).toContain('刷新页面');
    expect((await post(host, '/api/getSession', {})).json).toMatchObject({ ok: true, value: { setupDone: false } });
  });

  it('serves the page (and its token) only to a browser that brought the access key once', async () => {
    // Anyone else on the machine who reaches the port gets a page saying where the link is.
    const stranger = await get(host.url);
    expect(stranger.status).toBe(401);
    expect(stranger.text).toContain('?key=');
    expect(stranger.text).not.toContain(host.token);
    expect((await get(`${host.url}?key=${'B'.repeat(32)}`)).status).toBe(401);
    expect((await get(host.url, { cookie: `callcard_key_${host.port + 1}=${host.key}` })).status).toBe(401);
    // The printed link: the key goes into a cookie for this port and out of the address bar.
    expect(host.openUrl).toBe(`${host.url}?key=${host.key}`);
    const first = await get(host.openUrl);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(`callcard_key_${host.port}=${host.key}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const later = await get(`${host.url}orders`, { cookie: `other=1; callcard_key_${host.port}=${host.key}` });
    expect(later.status).toBe(200);
    expect(later.text).toContain(host.token);
  });

  it('serves the app with a strict CSP and its token, and nothing outside the app folder', async () => {
    const page = await get(host.url, { cookie: `callcard_key_${host.port}=${host.key}` });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-eval');
    expect(page.text).toContain(`<meta name="callcard-token" content="${host.token}">`);
    const traversal = await get(`${host.url}..%2F..%2Fdata%2Fcallcard.db`, { cookie: `callcard_key_${host.port}=${host.key}` });
    expect(traversal.status).toBe(404);
    // A broken escape is a bad request, not an internal error that quotes the parser.
    for (const broken of ['%', 'api/%E0%A4%A', '%ZZ']) {
      const r = await get(`${host.url}${broken}`);
      expect([r.status, r.text]).toEqual([400, 'Bad request']);
    }
  });
});

describe('an unexpected failure behind the web host', () => {
  it('reaches the page as a reference only; the SQL and paths stay in the log under the data folder', async () => {
    const dir = scratchDir('callcard-web-fail-');
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<html><head></head><body>app</body></html>');
    const core = openCore({ dataDir: join(dir, 'data') });
    // A bug in a handler: the store's words name a table and the file the store lives in.
    const failing: Core = {
      ...core,
      handlers: { ...core.handlers, listOrders: () => core.ctx.db.prepare(`SELECT secret FROM ${'missing_table'} -- ${dir}`).all() as never },
    };
    const host = await startWebHost({ core: failing, staticDir });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const r = await post(host, '/api/listOrders', {});
      expect(r.status).toBe(500);
      const error = r.json.error as { code: string; message: string; params: { ref: string } };
      expect(error.code).toBe('internal');
      expect(error.params.ref).toMatch(/^[0-9A-F]{6}$/);
      expect(JSON.stringify(r.json)).not.toMatch(/missing_table|SELECT|callcard-web-fail/);
      expect(error.message).toContain(`编号 ${error.params.ref}`);
      const log = readFileSync(join(dir, 'data', 'logs', 'errors.log'), 'utf8');
      expect(log).toContain(`${error.params.ref} listOrders`);
      expect(log).toContain('missing_table');
      expect(errors).toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      await host.close();
      core.close();
    }
  });
});

describe('callcard CLI door', () => {
  const cli = (args: string[]) => {
    // The real command, as `npx callcard` runs it.
    const r = spawnSync(process.execPath, ['bin/callcard.mjs', ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const dataDir = scratchDir('callcard-cli-');

  it('lists exactly the contract methods and validates them like the other doors', () => {
    const list = cli(['api', '--list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out).methods.sort()).toEqual([...METHOD_NAMES].sort());
    const bad = cli(['api', 'listOrders', '{"limit":"lots"}', '--data-dir', dataDir, '--json', '--lang', 'en']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).error.code).toBe('invalid_arguments');
    expect(bad.err).toContain('limit');
  });

  it('imports a file, reporting bad rows by row number, as one JSON object', () => {
    const file = join(dataDir, 'orders.csv');
    writeFileSync(
      file,
      '\uFEFF订单编号,收货人,联系电话,省份,城市,区县,详细地址,商品名称,套餐,数量,订单金额,支付方式,下单时间\n' +
        'C1,陈女士,138 0013 8000,广东省,深圳市,南山区,科技园1栋,晚安冻膜,5盒,1,¥99.00,货到付款,2026/11/20 10:05\n' +
        'C2,李先生,,广东省,深圳市,南山区,科技园2栋,晚安冻膜,5盒,1,99,货到付款,2026/11/20 10:06\n' +
        'C3,王女士,13900139000,广东省,广州市,天河区,"体育西路1号,B座",晚安冻膜,5盒,1,九十九,货到付款,2026/11/20 10:07\n',
    );
    const r = cli(['import', file, '--data-dir', dataDir, '--json', '--lang', 'en']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ created: 1, updated: 0 });
    expect(summary.rejected).toEqual([
      expect.objectContaining({ row: 3, field: 'phone', reason: 'Phone is empty' }),
      expect.objectContaining({ row: 4, field: 'amount', value: '九十九', reason: 'Amount (yuan) is not an amount of money: “九十九”' }),
    ]);
    const again = JSON.parse(cli(['import', file, '--data-dir', dataDir, '--json']).out);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

    const list = JSON.parse(cli(['orders', 'list', '--data-dir', dataDir, '--json']).out);
    expect(list.orders).toEqual([
      expect.objectContaining({ order_no: 'C1', status: 'pending_verify', phone: '13800138000', name: '陈女士', province: '广东省', city: '深圳市', amount_fen: 9900 }),
    ]);
  });

  it('fails with a clear message and a non-zero code when the file cannot be read', () => {
    const missing = cli(['import', join(dataDir, 'nope.csv'), '--data-dir', dataDir, '--lang', 'en']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('Cannot read the file');
    const empty = join(dataDir, 'empty.csv');
    writeFileSync(empty, '');
    const r = cli(['import', empty, '--data-dir', dataDir, '--lang', 'zh-CN']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('文件是空的');
  });

  it('has help for every command', () => {
    for (const c of ['import', 'demo', 'orders', 'api']) {
      const r = cli([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.out, c).toContain(`Usage: callcard ${c}`);
    }
  });
});
