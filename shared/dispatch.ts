import { CallcardError, type SerializedError } from './errors';
import { contract, type ArgsOut, type Handlers, type MethodName } from './contract';

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Validates a raw argument object against the contract; throws a CallcardError that says what is wrong. */
export function parseArgs<K extends MethodName>(name: K, raw: unknown): ArgsOut<K> {
  const result = contract[name].args.safeParse(raw ?? {});
  if (!result.success) {
    const details = result.error.issues
      .map((i) => `${i.path.length ? i.path.join('.') : '(args)'}: ${i.message}`)
      .join('; ');
    throw new CallcardError('invalid_arguments', { method: name, details });
  }
  return result.data as ArgsOut<K>;
}

/** The single entry every door uses: check the name, validate, call the core. */
export async function dispatch(handlers: Handlers, name: unknown, raw: unknown): Promise<unknown> {
  if (!isMethodName(name)) throw new CallcardError('unknown_method', { method: String(name) });
  const args = parseArgs(name, raw);
  // The map is indexed by a runtime name; the argument was validated against that name's schema.
  const handler = handlers[name] as unknown as (a: unknown) => unknown;
  return await handler(args);
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * Takes an unexpected failure's details (SQL, file paths, the stack) into the machine's own log and
 * returns the short reference the window is shown instead.
 */
export type InternalReporter = (err: unknown, method?: string) => string;

/**
 * Turns any thrown value into what crosses a door: a code, its params and a translated message.
 * With a reporter (the window's doors) an unexpected failure is told only as a reference to its
 * log entry; without one (the command line, run by whoever owns the machine) its detail is said.
 */
export function serializeError(err: unknown, t: Translate, report?: InternalReporter, method?: string): SerializedError {
  if (err instanceof CallcardError) {
    return { code: err.code, params: err.params, message: t(`errors.${err.code}`, err.params) };
  }
  if (report) {
    const ref = report(err, method);
    return { code: 'internal', params: { ref }, message: t('errors.internal', { ref }) };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'internal', params: { detail }, message: t('errors.internal_detail', { detail }) };
}
