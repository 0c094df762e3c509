/**
 * Adapts ipcMain onto the contract. Structural types instead of importing 'electron', so the
 * wiring runs (and is tested) in plain Node against a real core.
 */
import { METHOD_NAMES, type Envelope, type Handlers } from '../../shared/contract';
import { DEFAULT_LOCALE } from '../../shared/domain';
import { dispatch, serializeError, type InternalReporter, type Translate } from '../../shared/dispatch';
import { translator } from '../../shared/i18n';

/** The part of Electron's IpcMainInvokeEvent this module reads. */
export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

/** The part of Electron's ipcMain this module uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
}

export interface RegisterIpcOptions {
  /** Whether a frame at this URL may call the core (the app's own renderer, nothing else). */
  isTrustedSender(url: string): boolean;
  translate: Translate;
  /** Where an unexpected failure's details go; the page is told only its reference. */
  report: InternalReporter;
}

/** Registers one invoke channel per contract method (channel = method name); returns the channels. */
export function registerIpc(ipc: IpcMainLike, handlers: Handlers, opts: RegisterIpcOptions): string[] {
  // The core's translator reads the store's language; when the store itself is the failure (closed
  // on quit, disk gone), the error must still reach the page as an envelope, in the default language.
  const translate: Translate = (key, params) => {
    try {
      return opts.translate(key, params);
    } catch {
      return translator(DEFAULT_LOCALE)(key, params);
    }
  };
  const channels: string[] = [];
  for (const name of METHOD_NAMES) {
    ipc.handle(name, async (event, ...args): Promise<Envelope<unknown>> => {
      // senderFrame is null when the frame navigated away or was destroyed mid-call.
      const url = event.senderFrame?.url;
      if (!url || !opts.isTrustedSender(url)) {
        return {
          ok: false,
          error: {
            code: 'untrusted_sender',
            params: { url: url ?? '' },
            message: translate('errors.untrusted_sender', { url: url ?? '' }),
          },
        };
      }
      try {
        // One argument object per method; extra positional args are ignored, never passed on.
        return { ok: true, value: await dispatch(handlers, name, args[0]) };
      } catch (e) {
        return { ok: false, error: serializeError(e, translate, opts.report, name) };
      }
    });
    channels.push(name);
  }
  return channels;
}
