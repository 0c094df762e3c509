/**
 * An error a user can act on. `code` names a translation key under `errors.` in the locale
 * files; `params` fill its placeholders. Every door serialises it as { code, params, message }.
 */
export class CallcardError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(code: string, params: Record<string, string | number> = {}, message?: string) {
    super(message ?? code);
    this.name = 'CallcardError';
    this.code = code;
    this.params = params;
  }
}

export interface SerializedError {
  code: string;
  params: Record<string, string | number>;
  message: string;
}

export function isSerializedError(v: unknown): v is SerializedError {
  return typeof v === 'object' && v !== null && typeof (v as SerializedError).code === 'string';
}
