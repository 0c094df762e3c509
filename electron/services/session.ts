import { uuidv7 } from './ids';
import type { AgentView, SessionView } from '../../shared/contract';
import { FLOWS, ROLES, type Locale, type Role } from '../../shared/domain';
import { outcomesForFlow } from '../../shared/outcomes';
import { CallcardError } from '../../shared/errors';
import type { SettingsPatch } from '../../shared/settings';
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

export function getSession(ctx: CoreContext): SessionView {
  const agent = currentAgent(ctx);
  return { setupDone: agent !== null, agent, settings: loadSettings(ctx.db) };
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
    if (args.settings) {
      if (args.settings.businessTimeZone && !isTimeZone(args.settings.businessTimeZone)) {
        throw new CallcardError('bad_time_zone', { zone: args.settings.businessTimeZone });
      }
      if (args.settings.outcomeOverrides) checkOutcomeKeys(args.settings.outcomeOverrides);
      saveSettings(ctx.db, args.settings, now);
    }
    if (args.agentName !== undefined || args.roles !== undefined) {
      const agent = requireAgent(ctx);
      const next = { ...agent, name: args.agentName ?? agent.name, roles: args.roles ?? agent.roles };
      ctx.db.prepare('UPDATE agents SET name = ?, roles = ? WHERE id = ?').run(next.name, JSON.stringify(next.roles), agent.id);
      forget(ctx.db, agentKey(agent.id));
      enqueueOutbox(ctx.db, 'agent', agent.id, 'upsert', next, now);
    }
  })();
  return getSession(ctx);
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
