import { describe, expect, test } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract';
import { dispatch, isMethodName, parseArgs, serializeError, type Translate } from '../../shared/dispatch';
import { CallcardError } from '../../shared/errors';
import { callcardError, completeSetup, openTestStore } from '../helpers/store';

/** A translator that shows exactly which key and params it was asked for. */
const echo: Translate = (key, params) => `${key}|${JSON.stringify(params ?? {})}`;

describe('dispatch', () => {
  test('refuses a method the contract does not have', async () => {
    const { core } = openTestStore();
    const err = await callcardError(() => dispatch(core.handlers, 'dropAllOrders', {}), 'unknown_method');
    expect(err.params.method).toBe('dropAllOrders');
  });

  test('does not treat inherited object properties as methods', async () => {
    const { core } = openTestStore();
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      await callcardError(() => dispatch(core.handlers, name, {}), 'unknown_method');
    }
    await callcardError(() => dispatch(core.handlers, 42, {}), 'unknown_method');
    expect(isMethodName('getSession')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
  });

  test('every contract method reaches its handler', () => {
    const { core } = openTestStore();
    expect(Object.keys(core.handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  test('invalid arguments name the offending path', async () => {
    const { core } = openTestStore();
    const err = await callcardError(() => dispatch(core.handlers, 'listOrders', { limit: 0 }), 'invalid_arguments');
    expect(err.params.method).toBe('listOrders');
    expect(err.params.details).toMatch(/^limit: /);
  });

  test('a nested invalid argument is reported with its full path', async () => {
    const { core } = openTestStore();
    const err = await callcardError(
      () =>
        dispatch(core.handlers, 'recordOutcome', {
          taskId: 't1',
          outcome: 'corrected',
          corrections: { quantity: 'five' },
        }),
      'invalid_arguments',
    );
    expect(err.params.details).toContain('corrections.quantity');
  });

  test('an unknown outcome is invalid, naming the outcome field', async () => {
    const { core } = openTestStore();
    const err = await callcardError(
      () => dispatch(core.handlers, 'recordOutcome', { taskId: 't1', outcome: 'maybe' }),
      'invalid_arguments',
    );
    expect(err.params.details).toMatch(/(^|; )outcome: /);
  });

  test('cross-field rules are reported on the field to fix', async () => {
    const { core } = openTestStore();
    const noTime = await callcardError(
      () => dispatch(core.handlers, 'recordOutcome', { taskId: 't1', outcome: 'callback' }),
      'invalid_arguments',
    );
    expect(noTime.params.details).toBe('callbackAt: callback_time_required');
    const noCorrections = await callcardError(
      () => dispatch(core.handlers, 'recordOutcome', { taskId: 't1', outcome: 'corrected', corrections: {} }),
      'invalid_arguments',
    );
    expect(noCorrections.params.details).toBe('corrections: corrections_required');
  });

  test('unexpected keys are refused (strict arguments)', async () => {
    const { core } = openTestStore();
    const err = await callcardError(() => dispatch(core.handlers, 'getSession', { sql: 'DROP TABLE orders' }), 'invalid_arguments');
    expect(err.params.details).toContain('(args)');
    expect(err.params.details).toContain('sql');
  });

  test('valid arguments reach the core, with defaults filled in', async () => {
    const { core } = openTestStore();
    expect(await dispatch(core.handlers, 'listOrders', {})).toEqual({ total: 0, orders: [] });
    // A door may send no argument object at all for a method without arguments.
    expect(await dispatch(core.handlers, 'getSession', undefined)).toMatchObject({ setupDone: false, agent: null });
    expect(parseArgs('listOrders', {})).toEqual({ limit: 100, offset: 0 });
  });

  test('work before first-run setup is refused with setup_required', async () => {
    const store = openTestStore();
    await callcardError(() => dispatch(store.core.handlers, 'nextCard', {}), 'setup_required');
    await completeSetup(store);
    expect(await dispatch(store.core.handlers, 'nextCard', {})).toMatchObject({ card: null });
  });
});

describe('serializeError', () => {
  test('a CallcardError keeps its code and params, and its message comes from errors.<code>', () => {
    const err = new CallcardError('order_not_found', { orderNo: 'DD1' });
    expect(serializeError(err, echo)).toEqual({
      code: 'order_not_found',
      params: { orderNo: 'DD1' },
      message: 'errors.order_not_found|{"orderNo":"DD1"}',
    });
  });

  test('anything else, on the command line, becomes "internal" with the detail said', () => {
    expect(serializeError(new Error('disk I/O error'), echo)).toEqual({
      code: 'internal',
      params: { detail: 'disk I/O error' },
      message: 'errors.internal_detail|{"detail":"disk I/O error"}',
    });
    expect(serializeError('boom', echo)).toMatchObject({ code: 'internal', params: { detail: 'boom' } });
  });

  test('with a reporter (the window\'s doors) the detail goes to the reporter and only its reference is told', () => {
    const reported: [unknown, string | undefined][] = [];
    const err = new Error('no such table: secret');
    const out = serializeError(err, echo, (e, method) => (reported.push([e, method]), 'ABC123'), 'listOrders');
    expect(out).toEqual({ code: 'internal', params: { ref: 'ABC123' }, message: 'errors.internal|{"ref":"ABC123"}' });
    expect(reported).toEqual([[err, 'listOrders']]);
    // A refusal of the core is no failure: it is said in its own words and never logged.
    expect(serializeError(new CallcardError('order_not_found', { orderNo: 'DD1' }), echo, () => 'X')).toMatchObject({ code: 'order_not_found' });
  });

  test("the core's own translator gives every error a string message in the workstation language", async () => {
    const store = openTestStore();
    const err = await callcardError(() => store.call('getOrder', { orderNo: 'NOPE' }), 'order_not_found');
    const out = serializeError(err, store.core.t);
    expect(out.code).toBe('order_not_found');
    expect(out.params).toEqual({ orderNo: 'NOPE' });
    expect(typeof out.message).toBe('string');
    // Translated and filled in, not the bare key.
    expect(out.message).not.toBe('errors.order_not_found');
    expect(out.message).toContain('NOPE');
    // The envelope must survive structured clone / JSON (IPC and HTTP).
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});
