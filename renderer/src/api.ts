/**
 * The renderer's only way to the core: the preload bridge in Electron, or the loopback web host
 * in browser mode. Both speak the contract and return envelopes; this module unwraps them.
 */
import { METHOD_NAMES, type CallcardApi, type CallcardBridge, type Envelope, type MethodName } from '../../shared/contract';
import type { SerializedError } from '../../shared/errors';

export class ApiError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(e: SerializedError) {
    super(e.message);
    this.code = e.code;
    this.params = e.params;
  }
}

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
    return (await res.json()) as Envelope<unknown>;
  };
  return Object.fromEntries(METHOD_NAMES.map((m) => [m, (args: unknown) => call(m, args)])) as unknown as CallcardBridge;
}

const bridge: CallcardBridge = window.callcard ?? webBridge();

export const api = Object.fromEntries(
  METHOD_NAMES.map((m) => [
    m,
    async (args: unknown) => {
      const env = await (bridge[m] as (a: unknown) => Promise<Envelope<unknown>>)(args ?? {});
      if (!env.ok) throw new ApiError(env.error);
      return env.value;
    },
  ]),
) as unknown as CallcardApi;
