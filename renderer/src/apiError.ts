import type { MethodName } from '../../shared/contract';
import type { SerializedError } from '../../shared/errors';

/**
 * A refusal or failure of the core, as the renderer sees it: its code and params (translated as
 * `errors.<code>`), and the contract method that failed. Apart from api.ts, which talks to the
 * window, so that the notice logic that reads it (notices.ts) is tested without a browser.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  /** The call that failed: its own success later clears the error it left on screen (notices.ts). */
  readonly method?: MethodName;
  constructor(e: SerializedError, method?: MethodName) {
    super(e.message);
    this.code = e.code;
    this.params = e.params;
    this.method = method;
  }
}
