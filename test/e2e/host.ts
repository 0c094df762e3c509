import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The web host as a user runs it (`npm run web`), on a temporary data dir and any free port. */
export interface RunningHost {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const made: string[] = [];
// A data dir outlives its host (a test restarts the host on it): removed when the test worker exits.
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'callcard-e2e-'));
  made.push(dir);
  return dir;
}

/** On any free port, or on `port` (a restart where the open page expects it). */
export function startHost(dataDir: string, port = 0): Promise<RunningHost> {
  const child: ChildProcess = spawn(join('node_modules', '.bin', 'tsx'), ['electron/webhost/cli.ts', '--data-dir', dataDir, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Callcard web host: (http:\/\/\S+)/.exec(out);
      if (m) {
        resolve({
          url: m[1],
          dataDir,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`web host exited (${code}): ${errors}`)));
  });
}

/**
 * Screenshots for the README are refreshed only when asked (CALLCARD_SCREENSHOTS=1), so that a
 * test run does not leave the working tree changed.
 */
export function screenshotPath(name: string): string {
  return process.env.CALLCARD_SCREENSHOTS === '1' ? `docs/screenshots/${name}.png` : `.tmp/screenshots/${name}.png`;
}
