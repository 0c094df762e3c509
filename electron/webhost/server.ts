import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Envelope } from '../../shared/contract';
import { dispatch, isMethodName, serializeError } from '../../shared/dispatch';
import { CallcardError } from '../../shared/errors';
import { LOCALES } from '../../shared/domain';
import { translator } from '../../shared/i18n';
import type { Core } from '../services/core';

/** Browser mode: the built renderer and the contract over HTTP, on loopback only. */
export interface WebHostOptions {
  core: Core;
  staticDir: string;
  port?: number;
  /** Request body limit; an import carries its file as base64. */
  maxBodyBytes?: number;
  /**
   * The access key a browser must bring once (the printed link's ?key=), then kept in a cookie: the
   * page, and with it the per-run token, is not served to anyone else on this machine who can reach
   * the port (another user of a shared computer). The command line keeps one per data folder.
   */
  key?: string;
}

/** Access keys: as the per-run token, 24 random bytes in base64url. */
export function newAccessKey(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}
export const ACCESS_KEY_FORM = /^[A-Za-z0-9_-]{32}$/;

/** The per-run token: 24 random bytes, 32 characters of base64url. */
const TOKEN_BYTES = 24;
const TOKEN_FORM = /^[A-Za-z0-9_-]{32}$/;

export interface WebHost {
  url: string;
  /** The link to open first: the url with the access key, which the host then keeps in a cookie. */
  openUrl: string;
  key: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const SECURITY_HEADERS = {
  'Content-Security-Policy': WEB_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** What a browser without the key is shown, in every language (none is known yet): where the link is; no token, no app. */
const NEEDS_KEY_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Callcard</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto;line-height:1.6">
<h1>Callcard</h1>
${LOCALES.map((l) => `<p lang="${l}">${translator(l)('webhost.needsKey', { key: '<code>?key=…</code>' })}</p>`).join('\n')}
</body></html>`;

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new CallcardError('request_too_large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const root = resolve(opts.staticDir);
  const limit = opts.maxBodyBytes ?? 100 * 1024 * 1024;
  const key = opts.key ?? newAccessKey();
  let allowedHosts = new Set<string>();
  // Cookies are per host name, not per port: each host's cookie carries its port in its name.
  let cookieName = 'callcard_key';

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: serializeError(e, opts.core.t, opts.core.reportInternal) }), MIME['.json']);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A page on another origin (or a rebound DNS name) must not reach the workstation.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      send(res, 421, 'Misdirected request', 'text/plain; charset=utf-8');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // "%" alone or a broken escape: no file or method has such a name.
      send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
      return;
    }
    if (pathname.startsWith('/api/')) {
      await handleApi(req, res, pathname.slice(5));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
      return;
    }
    if (!sameToken(cookieValue(req.headers.cookie, cookieName) ?? '', key)) {
      const given = url.searchParams.get('key');
      if (given !== null && sameToken(given, key)) {
        // Kept for a year in this browser; the link's key leaves the address bar (and its history).
        res.writeHead(303, {
          ...SECURITY_HEADERS,
          Location: url.pathname,
          'Set-Cookie': `${cookieName}=${key}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000`,
          'Content-Length': 0,
        });
        res.end();
        return;
      }
      send(res, 401, NEEDS_KEY_PAGE, MIME['.html']);
      return;
    }
    await serveStatic(pathname, res);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    let envelope: Envelope<unknown>;
    let status = 200;
    try {
      if (req.method !== 'POST') throw new CallcardError('method_not_allowed');
      const sent = String(req.headers['x-callcard-token'] ?? '');
      if (!sameToken(sent, token)) {
        status = 403;
        // A token of this form comes from a page of an earlier run of the host (restarted since):
        // the page is told to reload. Other origins cannot send the header at all (no CORS here).
        throw new CallcardError(TOKEN_FORM.test(sent) ? 'page_outdated' : 'untrusted_sender');
      }
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new CallcardError('bad_request');
      const body = await readBody(req, limit);
      let args: unknown;
      try {
        args = body ? JSON.parse(body) : {};
      } catch {
        throw new CallcardError('bad_request');
      }
      envelope = { ok: true, value: await dispatch(opts.core.handlers, method, args) };
    } catch (e) {
      // The method as the log names it: a name from the URL that is no method is quoted (no forged lines).
      envelope = { ok: false, error: serializeError(e, opts.core.t, opts.core.reportInternal, isMethodName(method) ? method : JSON.stringify(method)) };
      if (status === 200 && !(e instanceof CallcardError)) status = 500;
    }
    send(res, status, JSON.stringify(envelope), MIME['.json']);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = normalize(pathname).replace(/^([/\\])+/, '');
    let file = join(root, rel || 'index.html');
    if (file !== root && !file.startsWith(root + sep)) {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    if (!extname(file)) file = join(root, 'index.html'); // client-side routes
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    if (file.endsWith('index.html')) {
      // The page learns the per-run token from its own HTML; other origins cannot read it.
      body = Buffer.from(body.toString('utf8').replace('</head>', `<meta name="callcard-token" content="${token}"></head>`));
    }
    send(res, 200, body, MIME[extname(file)] ?? 'application/octet-stream');
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  cookieName = `callcard_key_${port}`;
  return {
    url: `http://127.0.0.1:${port}/`,
    openUrl: `http://127.0.0.1:${port}/?key=${key}`,
    key,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        // A browser's keep-alive connections (or a request still in flight) must not keep the host
        // up: close() alone waits for them, and a stop could hang for as long as the page stayed open.
        server.closeAllConnections();
      }),
  };
}
