/**
 * The renderer's only way to the core: the preload bridge in Electron, or the loopback web host
 * in browser mode. Both speak the contract and return envelopes; this module unwraps them.
 */
import { METHOD_NAMES, type CallcardApi, type CallcardBridge, type Envelope, type MethodName } from '../../shared/contract';
import { ApiError } from './apiError';

export { ApiError };

declare global {
  interface Window {
    callcard?: CallcardBridge;
  }
}

function webBridge(): CallcardBridge {
  const token = document.querySelector<HTMLMetaElement>('meta[name="callcard-token"]')?.content ?? '';
  const call = async (method: MethodName, args: unknown): Promise<Envelope<unknown>> => {
    let res: Response;
    try {
      res = await fetch(`./api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-callcard-token': token },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'host_unreachable', params: {}, message: '' } };
    }
    const env = (await res.json()) as Envelope<unknown>;
    if (!env.ok && env.error.code === 'page_outdated') reloadOnce();
    return env;
  };
  return Object.fromEntries(METHOD_NAMES.map((m) => [m, (args: unknown) => call(m, args)])) as unknown as CallcardBridge;
}

/**
 * The web host was restarted since this page was loaded (its token is per run): the page reloads by
 * itself — what was typed on the card is kept in drafts.ts and comes back — and says why once it is
 * back (RELOADED_KEY). Once a minute at most, so a host that keeps refusing cannot loop the page.
 */
const RELOADED_AT_KEY = 'callcard:reloaded-after-restart';
export const RELOADED_KEY = 'callcard:say-reloaded';
function reloadOnce(): void {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_AT_KEY) ?? 0);
    if (Date.now() - last < 60_000) return;
    sessionStorage.setItem(RELOADED_AT_KEY, String(Date.now()));
    sessionStorage.setItem(RELOADED_KEY, '1');
  } catch {
    return;
  }
  location.reload();
}

const bridge: CallcardBridge = window.callcard ?? webBridge();

/**
 * Calls are numbered as they start, and each success is told to one listener: the notice bar
 * (notices.ts) clears an error once a call started after it has succeeded.
 */
let callsStarted = 0;
let onSucceeded: (method: MethodName, call: number) => void = () => {};
/** The number of the last call started. */
export function lastCallStarted(): number {
  return callsStarted;
}
export function onCallSucceeded(listener: (method: MethodName, call: number) => void): void {
  onSucceeded = listener;
}

export const api = Object.fromEntries(
  METHOD_NAMES.map((m) => [
    m,
    async (args: unknown) => {
      const call = ++callsStarted;
      const env = await (bridge[m] as (a: unknown) => Promise<Envelope<unknown>>)(args ?? {});
      if (!env.ok) throw new ApiError(env.error, m);
      onSucceeded(m, call);
      return env.value;
    },
  ]),
) as unknown as CallcardApi;
