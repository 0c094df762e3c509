/**
 * Script pack versions and activations in the local store. A valid version is final (the calls
 * that used it are reported against it); an invalid one is kept as a draft, shown with its
 * problems, and can never be activated (checked here and by a trigger).
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from '../ids';
import {
  DEFAULT_SCOPE,
  type CardScript,
  type LoadPackResult,
  type PackActivationView,
  type PackCallView,
  type PackIssueView,
  type PackList,
  type PackValidationView,
  type PackVersionDetail,
  type PackVersionSummary,
} from '../../../shared/contracts/packs';
import type { Translate } from '../../../shared/dispatch';
import type { Flow } from '../../../shared/domain';
import { CallcardError } from '../../../shared/errors';
import type { OutcomeCode } from '../../../shared/outcomes';
import { describeIssue, validatePackText, type PackIssue, type PackValidation, type PathEntry, type ScriptPack } from '../../../shared/scriptpack';
import type { CoreContext } from '../context';
import type { Db } from '../db/open';
import { prepared } from '../db/statements';
import { enqueueOutbox } from '../outbox';
import { forget, remembered } from '../db/memo';

interface VersionRow {
  id: string;
  pack_id: string;
  version: string;
  name: string;
  products: string;
  file_name: string;
  source: string;
  sha256: string;
  parsed: string | null;
  valid: number;
  issues: string;
  loaded_by: string | null;
  loaded_by_name: string | null;
  loaded_at: string;
}

interface ActivationRow {
  id: string;
  scope: string;
  version_id: string | null;
  action: PackActivationView['action'];
  activated_by_name: string | null;
  activated_at: string;
  pack_id: string | null;
  version: string | null;
}

const VERSION_SELECT = `SELECT v.*, a.name AS loaded_by_name FROM script_pack_versions v LEFT JOIN agents a ON a.id = v.loaded_by`;
const ACTIVATION_SELECT = `SELECT x.id, x.scope, x.version_id, x.action, x.activated_at, a.name AS activated_by_name, v.pack_id, v.version
  FROM script_pack_activations x LEFT JOIN script_pack_versions v ON v.id = x.version_id LEFT JOIN agents a ON a.id = x.activated_by`;
/** Activation rows in the order they happened (ids are UUIDv7: time-ordered within one device). */
const CHRONO = 'ORDER BY x.activated_at, x.id';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function issueViews(issues: PackIssue[], t: Translate): PackIssueView[] {
  return issues.map((i) => ({ ...i, message: describeIssue(i, t) }));
}

export function validationView(v: PackValidation, t: Translate): PackValidationView {
  return { ok: v.ok, issues: issueViews(v.issues, t), id: v.id, version: v.version };
}

function versionByKey(db: Db, packId: string, version: string): VersionRow | undefined {
  return prepared<[string, string], VersionRow>(db, `${VERSION_SELECT} WHERE v.pack_id = ? AND v.version = ?`).get(packId, version);
}

function activationView(r: ActivationRow): PackActivationView {
  return {
    id: r.id,
    scope: r.scope,
    packId: r.pack_id,
    version: r.version,
    action: r.action,
    activatedAt: r.activated_at,
    activatedBy: r.activated_by_name,
  };
}

const ACTIVATIONS_KEY = 'packActivations';

/** What is in force per scope: each scope's latest activation. Kept per connection (db/memo.ts): every card asks. */
function currentActivations(db: Db): ActivationRow[] {
  return remembered(db, ACTIVATIONS_KEY, () => readActivations(db));
}

function readActivations(db: Db): ActivationRow[] {
  const rows = prepared<[], ActivationRow>(db, `${ACTIVATION_SELECT} ${CHRONO}`).all();
  const latest = new Map<string, ActivationRow>();
  for (const r of rows) latest.set(r.scope, r);
  return [...latest.values()].sort((a, b) => (a.scope === DEFAULT_SCOPE ? -1 : b.scope === DEFAULT_SCOPE ? 1 : a.scope.localeCompare(b.scope)));
}

function summary(r: VersionRow, active: ActivationRow[]): PackVersionSummary {
  let name: PackVersionSummary['name'];
  try {
    name = JSON.parse(r.name) as PackVersionSummary['name'];
  } catch {
    name = { 'zh-CN': r.name };
  }
  return {
    packId: r.pack_id,
    version: r.version,
    name,
    products: JSON.parse(r.products) as string[],
    fileName: r.file_name,
    valid: r.valid === 1,
    issueCount: (JSON.parse(r.issues) as unknown[]).length,
    loadedAt: r.loaded_at,
    loadedBy: r.loaded_by_name,
    activeFor: active.filter((a) => a.version_id === r.id).map((a) => a.scope),
  };
}

export function listPacks(db: Db): PackList {
  const active = currentActivations(db);
  const versions = prepared<[], VersionRow>(db, `${VERSION_SELECT} ORDER BY v.pack_id, v.loaded_at DESC, v.id DESC`).all();
  const history = prepared<[], ActivationRow>(db, `${ACTIVATION_SELECT} ORDER BY x.activated_at DESC, x.id DESC LIMIT 200`).all();
  const products = prepared<[], { product: string }>(
    db,
    "SELECT DISTINCT product FROM order_lines WHERE product != '' ORDER BY product LIMIT 500",
  ).all();
  return {
    versions: versions.map((v) => summary(v, active)),
    active: active.map(activationView),
    history: history.map(activationView),
    products: products.map((p) => p.product),
  };
}

export function getPackVersion(db: Db, packId: string, version: string, t: Translate): PackVersionDetail {
  const row = versionByKey(db, packId, version);
  if (!row) throw new CallcardError('pack_not_found', { pack: packId, version });
  return {
    summary: summary(row, currentActivations(db)),
    source: row.source,
    pack: row.parsed ? (JSON.parse(row.parsed) as ScriptPack) : null,
    issues: issueViews(JSON.parse(row.issues) as PackIssue[], t),
  };
}

/**
 * Checks a pack's text and stores it as a version: created, unchanged (same text again), or
 * replaced (an invalid draft of that version). A valid version with other text is refused: the
 * calls that used it must keep meaning what they meant.
 */
export function loadPack(
  ctx: CoreContext,
  agentId: string | null,
  fileName: string,
  text: string,
  t: Translate,
  validation: PackValidation = validatePackText(text),
  /** Shipped packs: the server has them too, so they do not travel. */
  shipped = false,
): LoadPackResult {
  const view = validationView(validation, t);
  const { id: packId, version } = validation;
  if (!packId || !version) return { validation: view, stored: null, refusal: null };
  const now = ctx.now();
  const hash = sha256(text);
  return ctx.db.transaction((): LoadPackResult => {
    const existing = versionByKey(ctx.db, packId, version);
    if (existing?.valid === 1) {
      if (existing.sha256 === hash) {
        return { validation: view, stored: { packId, version, valid: true, status: 'unchanged' }, refusal: null };
      }
      const params = { pack: packId, version };
      return { validation: view, stored: null, refusal: { code: 'pack_version_exists', params, message: t('errors.pack_version_exists', params) } };
    }
    const pack = validation.pack;
    const row = {
      id: existing?.id ?? uuidv7(),
      pack_id: packId,
      version,
      name: JSON.stringify(pack?.name ?? validation.name ?? {}),
      products: JSON.stringify(pack?.products ?? []),
      file_name: fileName,
      source: text,
      sha256: hash,
      parsed: pack ? JSON.stringify(pack) : null,
      valid: pack ? 1 : 0,
      issues: JSON.stringify(validation.issues),
      loaded_by: agentId,
      loaded_at: now.toISOString(),
    };
    if (existing) {
      prepared(
        ctx.db,
        `UPDATE script_pack_versions SET name = @name, products = @products, file_name = @file_name, source = @source,
           sha256 = @sha256, parsed = @parsed, valid = @valid, issues = @issues, loaded_by = @loaded_by, loaded_at = @loaded_at
         WHERE id = @id`,
      ).run(row);
    } else {
      prepared(
        ctx.db,
        `INSERT INTO script_pack_versions (id, pack_id, version, name, products, file_name, source, sha256, parsed, valid, issues, loaded_by, loaded_at)
         VALUES (@id, @pack_id, @version, @name, @products, @file_name, @source, @sha256, @parsed, @valid, @issues, @loaded_by, @loaded_at)`,
      ).run(row);
    }
    // Only a trainer's valid versions travel: the server hands them to other workstations.
    if (pack && !shipped) {
      enqueueOutbox(ctx.db, 'script_pack_version', row.id, 'upsert', { id: row.id, packId, version, fileName, sha256: hash, source: text, loadedBy: agentId, loadedAt: row.loaded_at }, now);
    }
    return { validation: view, stored: { packId, version, valid: !!pack, status: existing ? 'replaced' : 'created' }, refusal: null };
  })();
}

function insertActivation(
  ctx: CoreContext,
  scope: string,
  versionId: string | null,
  action: PackActivationView['action'],
  agentId: string | null,
  at: Date = ctx.now(),
): PackActivationView {
  const now = at;
  const id = uuidv7();
  prepared(
    ctx.db,
    'INSERT INTO script_pack_activations (id, scope, version_id, action, activated_by, activated_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, scope, versionId, action, agentId, now.toISOString());
  forget(ctx.db, ACTIVATIONS_KEY);
  const row = prepared<[string], ActivationRow>(ctx.db, `${ACTIVATION_SELECT} WHERE x.id = ?`).get(id)!;
  // Installing the shipped default happens on every new workstation alike; nothing to tell the server.
  if (action !== 'auto') enqueueOutbox(ctx.db, 'script_pack_activation', id, 'append', { id, scope, packId: row.pack_id, version: row.version, action, by: agentId, at: row.activated_at }, now);
  return activationView(row);
}

/** Puts a valid version in force for a product (or the default). Activating what is in force already changes nothing. */
export function activatePack(
  ctx: CoreContext,
  agentId: string | null,
  args: { packId: string; version: string; product?: string },
  action: 'activate' | 'auto' = 'activate',
): PackActivationView {
  return ctx.db.transaction((): PackActivationView => {
    const row = versionByKey(ctx.db, args.packId, args.version);
    if (!row) throw new CallcardError('pack_not_found', { pack: args.packId, version: args.version });
    if (row.valid !== 1) throw new CallcardError('pack_invalid', { pack: args.packId, version: args.version });
    const products = JSON.parse(row.products) as string[];
    if (args.product && products.length > 0 && !products.includes(args.product)) {
      throw new CallcardError('pack_not_for_product', { pack: args.packId, version: args.version, product: args.product, products: products.join('、') });
    }
    // A pack written for some products says so for a reason (their names, prices, offers): it is
    // never the default for every other product.
    if (!args.product && products.length > 0) {
      throw new CallcardError('pack_products_only', { pack: args.packId, version: args.version, products: products.join('、') });
    }
    const scope = args.product ?? DEFAULT_SCOPE;
    const current = currentActivations(ctx.db).find((a) => a.scope === scope);
    if (current?.version_id === row.id) return activationView(current);
    return insertActivation(ctx, scope, row.id, action, agentId);
  })();
}

/** A scope's activations in the order they happened, and the stack they make: activations push, rollbacks pop. */
function activationStack(db: Db, scope: string): { rows: ActivationRow[]; stack: (string | null)[] } {
  const rows = prepared<[string], ActivationRow>(db, `${ACTIVATION_SELECT} WHERE x.scope = ? ${CHRONO}`).all(scope);
  const stack: (string | null)[] = [];
  for (const r of rows) {
    if (r.action === 'rollback') stack.pop();
    else stack.push(r.version_id);
  }
  return { rows, stack };
}

/** The products a version is written for ([] when for every product). */
function productsOf(db: Db, versionId: string | null): string[] {
  if (!versionId) return [];
  const row = prepared<[string], { products: string }>(db, 'SELECT products FROM script_pack_versions WHERE id = ?').get(versionId);
  return row ? (JSON.parse(row.products) as string[]) : [];
}

/**
 * Back to what was in force before. The history is a stack: activations push, rollbacks pop; a
 * product rolled back past its first activation falls back to the default. The default never goes
 * back to a pack written for some products (one an older version accepted as the default).
 */
export function rollbackPack(ctx: CoreContext, agentId: string | null, product?: string): PackActivationView {
  const scope = product ?? DEFAULT_SCOPE;
  return ctx.db.transaction((): PackActivationView => {
    const { stack } = activationStack(ctx.db, scope);
    if (stack.length >= 2) {
      const back = stack[stack.length - 2];
      const only = scope === DEFAULT_SCOPE ? productsOf(ctx.db, back) : [];
      if (only.length) {
        const v = prepared<[string], { pack_id: string; version: string }>(ctx.db, 'SELECT pack_id, version FROM script_pack_versions WHERE id = ?').get(back!)!;
        throw new CallcardError('pack_rollback_products_only', { pack: v.pack_id, version: v.version, products: only.join('、') });
      }
      return insertActivation(ctx, scope, back, 'rollback', agentId);
    }
    if (stack.length === 1 && scope !== DEFAULT_SCOPE) return insertActivation(ctx, scope, null, 'rollback', agentId);
    throw new CallcardError('pack_no_rollback', { scope: product ?? DEFAULT_SCOPE });
  })();
}

/**
 * A pack written for some products was accepted as the default for every product before the core
 * refused it (its words named those products on every other product's calls). On a store where
 * that is still in force, the default goes back to the last version in force that is for every
 * product (or, if there never was one, to the shipped default), and each of the pack's products
 * that has no pack of its own keeps this one. Recorded as the system's rollbacks and activations,
 * told to the server like any other; a sound store is left as it is.
 */
export function repairProductOnlyDefault(ctx: CoreContext, shipped: { packId: string; version: string } | null): void {
  const top = currentActivations(ctx.db).find((a) => a.scope === DEFAULT_SCOPE);
  if (!top?.version_id || productsOf(ctx.db, top.version_id).length === 0) return;
  const fallback = shipped ? versionByKey(ctx.db, shipped.packId, shipped.version) : undefined;
  ctx.db.transaction(() => {
    const { rows, stack } = activationStack(ctx.db, DEFAULT_SCOPE);
    // After every row there is (a clock set back would otherwise leave the repair under the row it repairs).
    let at = Math.max(ctx.now().getTime(), Date.parse(rows[rows.length - 1].activated_at) + 1);
    const next = () => new Date(at++);
    const own = new Set(currentActivations(ctx.db).filter((a) => a.scope !== DEFAULT_SCOPE && a.version_id).map((a) => a.scope));
    for (const product of productsOf(ctx.db, top.version_id)) {
      if (!own.has(product)) insertActivation(ctx, product, top.version_id, 'activate', null, next());
    }
    // Rolled back as far as needed; the default is never left empty (the shipped one stands in).
    while (stack.length >= 2 && productsOf(ctx.db, stack[stack.length - 1]).length > 0) {
      stack.pop();
      insertActivation(ctx, DEFAULT_SCOPE, stack[stack.length - 1], 'rollback', null, next());
    }
    if (productsOf(ctx.db, stack[stack.length - 1] ?? null).length > 0 && fallback?.valid === 1) {
      insertActivation(ctx, DEFAULT_SCOPE, fallback.id, 'activate', null, next());
    }
  })();
}

/** Valid versions never change, so each is parsed once per store: every card asks for one. */
const parsedCache = new WeakMap<Db, Map<string, { packId: string; version: string; pack: ScriptPack }>>();

function parsedPack(db: Db, versionId: string): { packId: string; version: string; pack: ScriptPack } | null {
  let cache = parsedCache.get(db);
  if (!cache) parsedCache.set(db, (cache = new Map()));
  const hit = cache.get(versionId);
  if (hit) return hit;
  const row = prepared<[string], { pack_id: string; version: string; parsed: string | null }>(
    db,
    'SELECT pack_id, version, parsed FROM script_pack_versions WHERE id = ? AND valid = 1',
  ).get(versionId);
  if (!row?.parsed) return null;
  const found = { packId: row.pack_id, version: row.version, pack: JSON.parse(row.parsed) as ScriptPack };
  cache.set(versionId, found);
  return found;
}

/** The pack in force for a product's card of a flow: the product's own if it has this flow, else the default's. */
export function cardScript(db: Db, product: string | undefined, flow: Flow): CardScript | null {
  const active = currentActivations(db);
  const scopes = product ? [product, DEFAULT_SCOPE] : [DEFAULT_SCOPE];
  for (const scope of scopes) {
    const a = active.find((x) => x.scope === scope);
    if (!a?.version_id) continue;
    const found = parsedPack(db, a.version_id);
    if (found?.pack.flows[flow]) return { ...found, scope };
  }
  return null;
}

export function packOfVersion(db: Db, packId: string, version: string): ScriptPack {
  const row = versionByKey(db, packId, version);
  if (!row) throw new CallcardError('pack_not_found', { pack: packId, version });
  if (!row.parsed) throw new CallcardError('pack_invalid', { pack: packId, version });
  return JSON.parse(row.parsed) as ScriptPack;
}

export function hasAnyActivation(db: Db): boolean {
  return prepared<[], { n: number }>(db, 'SELECT count(*) AS n FROM script_pack_activations').get()!.n > 0;
}

/** Whether this pack version is stored (valid or not). */
export function hasPackVersion(db: Db, packId: string, version: string): boolean {
  return versionByKey(db, packId, version) !== undefined;
}

/** Whether every activation so far was an automatic install: nobody (here or on the server) ever chose a pack. */
export function onlyAutomaticActivations(db: Db): boolean {
  return prepared<[], { n: number }>(db, "SELECT count(*) AS n FROM script_pack_activations WHERE action != 'auto'").get()!.n === 0;
}

interface CallRow {
  id: string;
  order_no: string;
  flow: Flow;
  outcome: OutcomeCode;
  agent_name: string;
  created_at: string;
  script_pack_id: string;
  script_version: string;
  script_path: string | null;
}

function readPath(json: string | null): PathEntry[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as PathEntry[]) : [];
  } catch {
    return [];
  }
}

export function listPackCalls(db: Db, args: { packId?: string; version?: string; orderNo?: string; limit: number }): { calls: PackCallView[] } {
  const where = ['c.script_pack_id IS NOT NULL'];
  const params: Record<string, string | number> = { limit: args.limit };
  if (args.packId) {
    where.push('c.script_pack_id = @pack');
    params.pack = args.packId;
  }
  if (args.version) {
    where.push('c.script_version = @version');
    params.version = args.version;
  }
  if (args.orderNo) {
    where.push('o.order_no = @orderNo');
    params.orderNo = args.orderNo;
  }
  const rows = db
    .prepare(
      `SELECT c.id, o.order_no, c.flow, c.outcome, a.name AS agent_name, c.created_at, c.script_pack_id, c.script_version, c.script_path
       FROM call_outcomes c JOIN orders o ON o.id = c.order_id JOIN agents a ON a.id = c.agent_id
       WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT @limit`,
    )
    .all(params) as CallRow[];
  return {
    calls: rows.map((r) => ({
      outcomeId: r.id,
      orderNo: r.order_no,
      flow: r.flow,
      outcome: r.outcome,
      agentName: r.agent_name,
      createdAt: r.created_at,
      packId: r.script_pack_id,
      version: r.script_version,
      path: readPath(r.script_path),
    })),
  };
}
