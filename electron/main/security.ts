/**
 * The Electron shell's security decisions as pure functions: no 'electron' import, so every rule
 * is unit-tested in plain Node. index.ts only wires these onto Electron's hooks.
 */

/** The renderer needs nothing outside its own bundle: no remote code, no frames, no forms. */
const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // React sets inline style attributes; styles cannot run code.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

export interface CspOptions {
  /**
   * For a `<meta http-equiv>` tag: browsers ignore frame-ancestors there (and warn), so it is
   * left out; the header still carries it.
   */
  forMeta?: boolean;
  /**
   * The Vite dev server's origin (development only): its React refresh preamble is an inline
   * script and hot reload talks over a WebSocket to that origin.
   */
  devServerOrigin?: string;
}

/** The Content-Security-Policy for every page the app shows. */
export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const dev = opts.devServerOrigin ? new URL(opts.devServerOrigin) : null;
  return CSP_DIRECTIVES.filter(([name]) => !(opts.forMeta && name === 'frame-ancestors'))
    .map(([name, value]) => {
      if (dev && name === 'script-src') return `${name} ${value} 'unsafe-inline'`;
      if (dev && name === 'connect-src') {
        const ws = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`;
        return `${name} ${value} ${dev.origin} ${ws}`;
      }
      return `${name} ${value}`;
    })
    .join('; ');
}

/** Response headers with any CSP the response brought replaced by ours (one header, any casing). */
export function withCspHeader(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const lower = k.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[k] = v;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is the app's own page. For file:// the document itself must match (query and
 * hash may differ: hash routing); for the dev server, the origin.
 */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  const target = parse(url);
  const app = parse(rendererUrl);
  if (!target || !app) return false;
  if (app.protocol === 'file:') {
    return target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname;
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return target.origin === app.origin;
}

/** Only the app's own renderer may call the core over IPC. */
export function isTrustedSender(url: string, rendererUrl: string): boolean {
  return isAppUrl(url, rendererUrl);
}

/** A navigation or redirect is allowed only if it stays on the app's own page. */
export function isNavigationAllowed(url: string, rendererUrl: string): boolean {
  return isAppUrl(url, rendererUrl);
}

/**
 * The workstation needs no browser permission (camera, microphone, notifications, geolocation,
 * clipboard-read, ...): calls go through the agent's phone, not the page. Deny every request and
 * every check, so a compromised page cannot even probe.
 */
export const GRANTED_PERMISSIONS: readonly string[] = [];

export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission);
}

/** What a new window request gets: always refused (the app has a single window). */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

// Click-to-dial opens telephony schemes only; the rule lives with the settings that hold the template.
export { DIAL_SCHEMES, isDialUri } from '../../shared/settings';
