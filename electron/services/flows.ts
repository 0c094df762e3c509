import type { AgentDay, DialResult } from '../../shared/contracts/flows';
import { CallcardError } from '../../shared/errors';
import { outcomeDef } from '../../shared/outcomes';
import { businessDay, zonedTimeToUtc } from '../../shared/time';
import type { CoreContext } from './context';
import { prepared } from './db/statements';
import { toOutcomeView, type OutcomeJoinRow } from './orders';
import { loadSettings } from './settings';

/** Builds the click-to-dial URI for a card's customer from the settings' template. */
export function dial(ctx: CoreContext, taskId: string): DialResult {
  const row = prepared<[string], { phone: string }>(
    ctx.db,
    'SELECT o.phone FROM call_tasks t JOIN orders o ON o.id = t.order_id WHERE t.id = ?',
  ).get(taskId);
  if (!row) throw new CallcardError('task_not_found', { taskId });
  const uri = loadSettings(ctx.db).dialUriTemplate.replaceAll('{phone}', encodeURIComponent(row.phone));
  return { uri, dialedAt: ctx.now().toISOString(), opened: false };
}

/** The agent's own counters for today's business day and their recent calls. */
export function myDay(ctx: CoreContext, agentId: string): AgentDay {
  const now = ctx.now();
  const tz = loadSettings(ctx.db).businessTimeZone;
  const day = businessDay(now, tz);
  const [y, m, d] = day.split('-').map(Number);
  const start = zonedTimeToUtc(y, m, d, 0, 0, tz).toISOString();
  const rows = prepared<[string, string], OutcomeJoinRow & { handle_ms: number | null; details: string }>(
    ctx.db,
    `SELECT c.*, o.order_no, a.name AS agent_name FROM call_outcomes c
     JOIN orders o ON o.id = c.order_id JOIN agents a ON a.id = c.agent_id
     WHERE c.agent_id = ? AND c.created_at >= ? ORDER BY c.created_at DESC, c.id DESC`,
  ).all(agentId, start);
  const result: AgentDay = {
    day, calls: 0, reached: 0, verified: 0, corrected: 0, rejected: 0, upsold: 0, upsellRevenueFen: 0,
    recovered: 0, saved: 0, refused: 0, handleMs: 0, recent: rows.slice(0, 50).map(toOutcomeView),
  };
  for (const r of rows) {
    const category = outcomeDef(r.outcome).counts;
    // An upsell made inside a verify call, and what else a revisit call achieved, share that call:
    // count the call once.
    const sameCall = r.details.includes('"alsoOnCall":true') || (r.flow === 'upsell' && rows.some((x) => x.task_id === r.task_id && x.created_at === r.created_at && x.flow !== 'upsell'));
    if (!sameCall) {
      result.calls++;
      if (r.reached) result.reached++;
      result.handleMs += r.handle_ms ?? 0;
    }
    if (category === 'verified') result.verified++;
    if (category === 'corrected') {
      result.verified++;
      result.corrected++;
    }
    if (category === 'rejected') result.rejected++;
    if (category === 'upsold') {
      result.upsold++;
      result.upsellRevenueFen += r.amount_fen ?? 0;
    }
    if (category === 'recovered') result.recovered++;
    if (category === 'saved') result.saved++;
    if (category === 'refused') result.refused++;
  }
  return result;
}
