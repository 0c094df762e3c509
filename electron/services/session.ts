import { uuidv7 } from './ids';
import type { AgentView, SessionView } from '../../shared/contract';
import { FLOWS, ROLES, type Locale, type Role } from '../../shared/domain';
import { outcomesForFlow } from '../../shared/outcomes';
import { CallcardError } from '../../shared/errors';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { isDeepStrictEqual } from 'node:util';
import type { CoreContext } from './context';
import { forget, remembered } from './db/memo';
import { prepared } from './db/statements';
import { enqueueOutbox } from './outbox';
import { getMeta, loadSettings, saveSettings, setMeta } from './settings';

interface AgentRow {
  id: string;
  name: string;
  roles: string;
}

function toAgent(r: AgentRow): AgentView {
  return { id: r.id, name: r.name, roles: JSON.parse(r.roles) as Role[] };
}

/** An agent's row, kept per connection (db/memo.ts): every call asks who is working. */
const agentKey = (id: string) => `agent:${id}`;

export function currentAgent(ctx: CoreContext): AgentView | null {
  const id = getMeta(ctx.db, 'currentAgentId');
  if (!id) return null;
  return remembered(ctx.db, agentKey(id), () => {
    const row = prepared<[string], AgentRow>(ctx.db, 'SELECT id, name, roles FROM agents WHERE id = ?').get(id);
    return row ? toAgent(row) : null;
  });
}

/** The agent every outcome is recorded for; calls before first-run setup are refused. */
export function requireAgent(ctx: CoreContext): AgentView {
  const agent = currentAgent(ctx);
  if (!agent) throw new CallcardError('setup_required');
  return agent;
}

/**
 * The signed-in user, who must hold one of `roles`. The core checks every call itself: the menu
 * only hides screens, and a page or the command line can call any method. Refused as
 * `<role>_or_<role>_only` (agent_only, lead_only, agent_or_lead_only, trainer_or_lead_only).
 */
export function requireRole(ctx: CoreContext, roles: readonly Role[]): AgentView {
  const agent = requireAgent(ctx);
  if (!roles.some((r) => agent.roles.includes(r))) throw new CallcardError(`${roles.join('_or_')}_only`);
  return agent;
}

/**
 * As requireRole once someone is signed in. Before first-run setup (the command line on a new
 * store, loading its first orders) there is nobody to check, and nothing in the store to protect.
 */
export function requireRoleOnceSetUp(ctx: CoreContext, roles: readonly Role[]): void {
  if (currentAgent(ctx)) requireRole(ctx, roles);
}

/** Who brings orders in (imports, the demo data, import profiles): the agents who call them, and leads. */
export const LOADS_ORDERS: readonly Role[] = ['agent', 'lead'];

/** The settings anyone may change for themselves; every other one is the team lead's. */
const PERSONAL_SETTINGS: ReadonlySet<string> = new Set(['language']);

function changes(patch: SettingsPatch, current: Settings): string[] {
  return Object.entries(patch)
    .filter(([k, v]) => v !== undefined && !isDeepStrictEqual(v, current[k as keyof Settings]))
    .map(([k]) => k);
}

export function getSession(ctx: CoreContext): SessionView {
  const agent = currentAgent(ctx);
  return { setupDone: agent !== null, agent, settings: loadSettings(ctx.db), actsAsLead: actsAsLead(ctx, agent) };
}

/** A lead, or nobody signed in (the command line on a new store), or nobody in the store is a lead. */
function actsAsLead(ctx: CoreContext, me: AgentView | null): boolean {
  return !me || me.roles.includes('lead') || !otherLead(ctx, me.id);
}

/**
 * First-run setup: who is working, for which shop, in which language. A standalone install
 * gets every role (agent, team lead, trainer).
 */
export function completeSetup(
  ctx: CoreContext,
  args: { agentName: string; shopName: string; language: Locale; roles?: Role[] },
): SessionView {
  const now = ctx.now();
  ctx.db.transaction(() => {
    // Once: run again, it would make a new user with every role (and rename the shop).
    if (currentAgent(ctx)) throw new CallcardError('setup_done');
    const agent: AgentView = { id: uuidv7(), name: args.agentName, roles: args.roles ?? [...ROLES] };
    ctx.db
      .prepare('INSERT INTO agents (id, name, roles, created_at) VALUES (?, ?, ?, ?)')
      .run(agent.id, agent.name, JSON.stringify(agent.roles), now.toISOString());
    enqueueOutbox(ctx.db, 'agent', agent.id, 'upsert', agent, now);
    setMeta(ctx.db, 'currentAgentId', agent.id, now);
    saveSettings(ctx.db, { shopName: args.shopName, language: args.language }, now);
  })();
  return getSession(ctx);
}

export function updateSession(
  ctx: CoreContext,
  args: { settings?: SettingsPatch; agentName?: string; roles?: Role[] },
): SessionView {
  const now = ctx.now();
  ctx.db.transaction(() => {
    const me = currentAgent(ctx);
    const lead = actsAsLead(ctx, me);
    // Who works how (queue rules, calling hours, dialling, the shop) and who may do what are the
    // team lead's to set; anyone may choose their language and their name. Values sent unchanged
    // (the settings form sends them all) are not changes.
    if (me && !lead) {
      if (args.settings && changes(args.settings, loadSettings(ctx.db)).some((k) => !PERSONAL_SETTINGS.has(k))) throw new CallcardError('lead_only');
      if (args.roles && !sameRoles(args.roles, me.roles)) throw new CallcardError('lead_only');
    }
    // A lead may not drop their own lead role while nobody else holds it: no one could give it back.
    if (me && args.roles && me.roles.includes('lead') && !args.roles.includes('lead') && !otherLead(ctx, me.id)) {
      throw new CallcardError('last_lead');
    }
    if (args.settings) {
      if (args.settings.businessTimeZone && !isTimeZone(args.settings.businessTimeZone)) {
        throw new CallcardError('bad_time_zone', { zone: args.settings.businessTimeZone });
      }
      if (args.settings.outcomeOverrides) checkOutcomeKeys(args.settings.outcomeOverrides);
      saveSettings(ctx.db, args.settings, now);
    }
    if (args.agentName !== undefined || args.roles !== undefined) {
      const agent = requireAgent(ctx);
      // Roles kept in one order (agent, lead, trainer), however they were ticked.
      const roles = args.roles ? ROLES.filter((r) => args.roles!.includes(r)) : agent.roles;
      saveAgent(ctx, { ...agent, name: args.agentName ?? agent.name, roles }, now);
    }
  })();
  return getSession(ctx);
}

/** Stores an agent's name and roles (and queues the change for the server). */
export function saveAgent(ctx: CoreContext, agent: AgentView, now: Date): void {
  ctx.db.prepare('UPDATE agents SET name = ?, roles = ? WHERE id = ?').run(agent.name, JSON.stringify(agent.roles), agent.id);
  forget(ctx.db, agentKey(agent.id));
  enqueueOutbox(ctx.db, 'agent', agent.id, 'upsert', agent, now);
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

function otherLead(ctx: CoreContext, id: string): boolean {
  const rows = ctx.db.prepare('SELECT roles FROM agents WHERE id != ?').all(id) as { roles: string }[];
  return rows.some((r) => (JSON.parse(r.roles) as Role[]).includes('lead'));
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Keys the card uses for itself: dial, flow filter, a customer calling in, script steps, objections. */
export const RESERVED_CARD_KEYS = ['d', 'f', 'i', 'j', 'k', 'o'];

/** A re-key must leave every flow's outcomes on distinct keys, clear of the card's own keys. */
function checkOutcomeKeys(overrides: NonNullable<SettingsPatch['outcomeOverrides']>): void {
  for (const perLocale of Object.values(overrides)) {
    for (const flow of FLOWS) {
      const seen = new Map<string, string>();
      for (const def of outcomesForFlow(flow)) {
        const key = perLocale?.[def.code]?.key ?? def.key;
        if (RESERVED_CARD_KEYS.includes(key)) throw new CallcardError('reserved_key', { key: key.toUpperCase() });
        if (seen.has(key)) throw new CallcardError('duplicate_outcome_key', { key: key.toUpperCase(), flow });
        seen.set(key, def.code);
      }
    }
  }
}
