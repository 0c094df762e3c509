import { join, resolve } from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { InternalReporter, Translate } from '../../shared/dispatch';
import { translator } from '../../shared/i18n';
import type { CoreContext } from './context';
import { withinCall } from './db/memo';
import { CallcardError } from '../../shared/errors';
import { atomically, openDatabase, startIdleCheckpoints, type Db } from './db/open';
import { sweepWhenFree } from './risk/blacklist';
import { loadDemo } from './demo';
import { Intake } from './import/intake';
import {
  getOrderDetail,
  listOrders,
  LookupRate,
  maskOrderContacts,
  maskOrderDetail,
  MASKED_PHONE_LOOKUPS_PER_MINUTE,
  orderStatements,
  wholePhone,
} from './orders';
import { dial, myDay } from './flows';
import { outcomeStatements, recordOutcome, releaseCards } from './outcomes';
import { nextCard, queueStatements, takeCall } from './queue';
import { handOver, heldCards, releaseHeld } from './claims';
import { createPhoneOrder, phoneOrderChoices } from './phoneOrders';
import { createRiskHandlers } from './risk/handlers';
import { createPackHandlers } from './packs/handlers';
import { createReportHandlers, masksOrderContacts } from './reports/handlers';
import { completeSetup, getSession, LOADS_ORDERS, requireAgent, requireRole, requireRoleOnceSetUp, updateSession } from './session';
import { loadSettings } from './settings';
import { errorLog } from './errorLog';

export interface CoreOptions {
  /** Folder of the local store; the database is `callcard.db` inside it. */
  dataDir: string;
  now?: () => Date;
  /** Where the shipped resources (demo data, region data) live. */
  resourcesDir?: string;
  /** Import files up to this size in-process instead of in worker threads (tests tune it). */
  importInlineMaxBytes?: number;
}

export interface Core {
  ctx: CoreContext;
  handlers: Handlers;
  /** Translates into the workstation's current language. */
  t: Translate;
  /** Logs an unexpected failure under <dataDir>/logs and gives the reference the window is shown. */
  reportInternal: InternalReporter;
  /** Order intake (uploads, imports in worker threads), for the CLI's direct file imports. */
  intake: Intake;
  close(): void;
}

export const DB_FILE_NAME = 'callcard.db';
export const DEFAULT_RESOURCES_DIR = resolve(import.meta.dirname ?? '.', '../../resources');

export function dbPath(dataDir: string): string {
  return join(dataDir, DB_FILE_NAME);
}

/** Opens the workstation core on a data directory: the one implementation behind every door. */
export function openCore(opts: CoreOptions): Core {
  const db: Db = openDatabase(dbPath(opts.dataDir));
  // The window's calls run on this connection: a long write elsewhere (an import) is waited for a
  // second at most, then refused as store_busy, so the app is not frozen for the import's length.
  db.pragma('busy_timeout = 1000');
  const ctx: CoreContext = {
    db,
    now: opts.now ?? (() => new Date()),
    resourcesDir: opts.resourcesDir ?? DEFAULT_RESOURCES_DIR,
  };
  const st = { orders: orderStatements(db), queue: queueStatements(db), outcomes: outcomeStatements(db) };
  const t: Translate = (key, params) => translator(loadSettings(db).language)(key, params);
  const reportInternal = errorLog(opts.dataDir, ctx.now);
  const intake = new Intake(ctx, t, { inlineMaxBytes: opts.importInlineMaxBytes, report: reportInternal });
  const stopCheckpoints = startIdleCheckpoints(db);
  // Blacklist entries that expired while the app was closed, then each minute: their holds lift.
  sweepWhenFree(ctx);
  const sweeps = setInterval(() => sweepWhenFree(ctx), 60_000);
  sweeps.unref();

  const maskedLookups = new LookupRate(MASKED_PHONE_LOOKUPS_PER_MINUTE);
  /** Who calls customers: cards, calls, outcomes and dialling show the customer's contact whole. */
  const caller = () => requireRole(ctx, ['agent']);
  const handlers: Handlers = withinCalls(db, {
    getSession: () => getSession(ctx),
    completeSetup: (a) => completeSetup(ctx, a),
    updateSettings: (a) => updateSession(ctx, a),
    // The agent's hot path, each one transaction: a card is handed out (claims, closes of what can
    // no longer be served) all at once, and what they read is read under one lock.
    nextCard: (a) => atomically(db, () => nextCard(ctx, st.queue, st.orders, caller().id, a.flow)),
    // These always write: the store's write lock is asked for first, so a short write by another
    // connection is waited for (busy_timeout) instead of refused half-way through the call.
    recordOutcome: (a) => atomically(db, () => recordOutcome(ctx, st, caller().id, a), 'immediate'),
    takeCall: (a) => atomically(db, () => takeCall(ctx, st.queue, st.orders, caller().id, a.query), 'immediate'),
    createPhoneOrder: (a) => createPhoneOrder(ctx, st, caller().id, a),
    phoneOrderChoices: () => phoneOrderChoices(ctx),
    listOrders: (a) => {
      const masked = masksOrderContacts(ctx);
      if (masked && a.query) maskedLookups.check(ctx.now(), wholePhone(a.query));
      const list = listOrders(db, a, { masked });
      return masked ? { ...list, orders: list.orders.map(maskOrderContacts) } : list;
    },
    getOrder: (a) => {
      const detail = getOrderDetail(st.orders, a.orderNo);
      return masksOrderContacts(ctx) ? maskOrderDetail(detail) : detail;
    },
    importOrders: (a) => {
      requireRoleOnceSetUp(ctx, LOADS_ORDERS);
      return intake.importBytes(a.fileName, Buffer.from(a.contentBase64, 'base64'));
    },
    loadDemo: () => {
      requireRoleOnceSetUp(ctx, LOADS_ORDERS);
      return loadDemo(ctx, t);
    },
    // An agent sees every customer's number whole (cards, the orders drawer): dialling one reveals nothing more.
    dial: (a) => {
      caller();
      return dial(ctx, a.taskId);
    },
    myDay: () => myDay(ctx, caller().id),
    releaseCards: () => releaseCards(st, requireAgent(ctx).id),
    heldCards: () => heldCards(ctx),
    releaseHeld: (a) => releaseHeld(ctx, st, a),
    handOver: (a) => handOver(ctx, st, a),
    ...createRiskHandlers(ctx),
    ...createPackHandlers(ctx, t),
    ...intake.handlers(),
    ...createReportHandlers(ctx),
  });

  return {
    ctx,
    handlers,
    t,
    reportInternal,
    intake,
    close: () => {
      stopCheckpoints();
      clearInterval(sweeps);
      intake.close();
      db.close();
    },
  };
}

/**
 * Every handler runs as one core call (db/memo.ts: what is kept is checked once, at its start). A
 * write the store refuses because another connection is writing (an import holds the store for
 * its whole file, in one transaction) is said as such, not as an internal error.
 */
function withinCalls(db: Db, handlers: Handlers): Handlers {
  const wrapped: Record<string, (args: never) => unknown> = {};
  for (const [name, fn] of Object.entries(handlers) as [string, (args: never) => unknown][]) {
    wrapped[name] = (args) => {
      try {
        const r = withinCall(db, () => fn(args));
        return r instanceof Promise ? r.catch((e: unknown) => Promise.reject(storeBusy(e))) : r;
      } catch (e) {
        throw storeBusy(e);
      }
    };
  }
  return wrapped as unknown as Handlers;
}

function storeBusy(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code) ? new CallcardError('store_busy') : e;
}
