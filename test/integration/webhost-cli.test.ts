/**
 * `npm run web` started wrongly: each case ends with one plain line saying what to do and a
 * non-zero exit code, never a stack trace; --help prints the options.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
// Any folder with an index.html passes the "renderer built" check; these cases never serve it.
let staticDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'callcard-webcli-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<html></html>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function web(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/webhost/cli.ts', '--static', staticDir, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('web host command line', () => {
  it('--help lists the options and exits 0', () => {
    const r = web('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--data-dir');
    expect(r.out).toContain('--port');
  });

  it('an unknown option or a bad port says so, with the usage, and exits 2', () => {
    const bad = web('--prot', '80');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Unknown option '--prot'");
    expect(bad.err).toContain('Usage: npm run web');
    const port = web('--port', 'abc', '--data-dir', join(dir, 'a'));
    expect(port.code).toBe(2);
    expect(port.err).toContain('--port must be a number from 0 to 65535, not "abc"');
    expect(port.err).not.toMatch(/\n\s+at /);
  });

  it('a port already taken names the port and the way out', async () => {
    const taken: Server = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    const busy = (taken.address() as { port: number }).port;
    try {
      const r = web('--port', String(busy), '--data-dir', join(dir, 'b'));
      expect(r.code).toBe(1);
      expect(r.err).toContain(`port ${busy} is already in use`);
      expect(r.err).toContain('--port 0');
      expect(r.err).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  });

  it('a data dir that is a file is refused before anything is written', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const r = web('--data-dir', file, '--port', '0');
    expect(r.code).toBe(2);
    expect(r.err).toContain('is a file, not a folder');
  });
});
