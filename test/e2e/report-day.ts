/**
 * The simulated day (`callcard demo --simulate-day`) works verify cards only. For the dashboard's
 * e2e and its screenshots the same day also gets calls of the four other flows by the same demo
 * agents, through the real outcome path, and two weeks of shipments for the sign-rate chart.
 * Written into the data folder before the web host starts, by its own process (Playwright's loader
 * cannot load the core): `tsx test/e2e/report-day.ts <data-dir> <YYYY-MM-DD>` prints {"calls":n}.
 */
import { uuidv7 } from 'uuidv7';
import type { Flow, OrderStatus } from '../../shared/domain';
import { addDays, dayStart } from '../../shared/kpi/period';
import type { OutcomeCode } from '../../shared/outcomes';
import { openCore } from '../../electron/services/core';
import { detailedAddress, randomMobile, randomName, Rng } from '../../electron/services/demo/generate';
import { PLACES, PRODUCTS, SOURCES } from '../../electron/services/demo/pools';
import { DEMO_AGENT_NAMES, SPARE_DEMO_AGENT_NAME } from '../../electron/services/demo/simulate';
import { orderStatements } from '../../electron/services/orders';
import { outcomeStatements, recordOutcome, type RecordOutcomeInput } from '../../electron/services/outcomes';
import { queueStatements } from '../../electron/services/queue';
import { recordNewOrderMilestone } from '../../electron/services/reports/milestones';

const TZ = 'Asia/Shanghai';
const MINUTE = 60_000;

interface Plan {
  flow: Flow;
  status: OrderStatus;
  answers: (Omit<RecordOutcomeInput, 'taskId'> & { outcome: OutcomeCode })[];
}

const offer = { id: 'more', title: '加购一份', addLines: [{ product: '晚安冻膜', package: '加购3盒', quantity: 1, amountFen: 6900 }] };

const PLANS: Plan[] = [
  {
    flow: 'upsell',
    status: 'verified',
    answers: [
      ...Array.from({ length: 4 }, () => ({ outcome: 'upsell_accepted' as const })),
      { outcome: 'upsell_declined', reasonCode: 'too_expensive' },
      { outcome: 'upsell_declined', reasonCode: 'too_expensive' },
      { outcome: 'upsell_declined', reasonCode: 'enough_for_now' },
      { outcome: 'upsell_declined', reasonCode: 'try_first' },
      { outcome: 'no_answer' },
    ],
  },
  {
    flow: 'recover',
    status: 'cancelled',
    answers: [
      ...Array.from({ length: 5 }, () => ({ outcome: 'recovered' as const })),
      { outcome: 'not_recovered', reasonCode: 'impulse' },
      { outcome: 'not_recovered', reasonCode: 'impulse' },
      { outcome: 'not_recovered', reasonCode: 'found_cheaper' },
      { outcome: 'not_recovered', reasonCode: 'low_balance' },
      { outcome: 'not_recovered', reasonCode: 'distrust' },
      { outcome: 'busy' },
    ],
  },
  {
    flow: 'track',
    status: 'delivery_exception',
    answers: [
      { outcome: 'will_sign' },
      { outcome: 'will_sign' },
      { outcome: 'self_pickup', station: '菜鸟驿站（幸福路店）' },
      { outcome: 'compensation_accepted', compensationFen: 500 },
      { outcome: 'refused', reasonCode: 'courier_attitude' },
      { outcome: 'refused', reasonCode: 'not_allowed_to_inspect' },
      { outcome: 'refused', reasonCode: 'too_slow' },
      { outcome: 'no_answer' },
    ],
  },
  {
    flow: 'revisit',
    status: 'signed',
    answers: [
      { outcome: 'satisfied' },
      { outcome: 'satisfied' },
      { outcome: 'satisfied' },
      { outcome: 'wechat_invited' },
      { outcome: 'wechat_invited' },
      { outcome: 'complaint', reasonCode: 'no_effect' },
      { outcome: 'bad_review_settled', refundFen: 1000 },
      { outcome: 'repurchase_interest' },
    ],
  },
];

export function enrichReportDay(dataDir: string, day: string): { calls: number } {
  let clock = dayStart(day, TZ).getTime() + 9.5 * 60 * MINUTE;
  const core = openCore({ dataDir, now: () => new Date(clock) });
  const db = core.ctx.db;
  try {
    const names = [...DEMO_AGENT_NAMES, SPARE_DEMO_AGENT_NAME];
    const agents = (db.prepare(`SELECT id FROM agents WHERE name IN (${names.map(() => '?').join(', ')})`).all(...names) as { id: string }[]).map((a) => a.id);
    const rng = new Rng(2026);
    const st = { orders: orderStatements(db), queue: queueStatements(db), outcomes: outcomeStatements(db) };
    const insOrder = db.prepare(
      `INSERT INTO orders (id, order_no, status, customer_name, phone, province, city, district, address, amount_fen, payment_method,
         ordered_at, source, status_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'cod', ?, ?, ?, ?, ?)`,
    );
    const insLine = db.prepare('INSERT INTO order_lines (id, order_id, position, product, package, quantity, amount_fen) VALUES (?, ?, 0, ?, ?, 1, ?)');
    const insTask = db.prepare("INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at) VALUES (?, ?, ?, 'open', ?, ?)");
    let n = 0;
    const order = (status: OrderStatus, orderedAt: string, statusAt: string | null): { id: string; amountFen: number } => {
      const id = uuidv7();
      const place = rng.pick(PLACES);
      const product = rng.weighted(PRODUCTS);
      const pkg = rng.pick(product.packages);
      insOrder.run(id, `RD${day.replaceAll('-', '')}${String(++n).padStart(4, '0')}`, status, randomName(rng), randomMobile(rng), place.province, place.city,
        place.district, detailedAddress(rng, place), pkg.amountFen, orderedAt, rng.weighted(SOURCES).name, statusAt, orderedAt, orderedAt);
      recordNewOrderMilestone(db, id, status);
      insLine.run(uuidv7(), id, product.name, pkg.package, pkg.amountFen);
      return { id, amountFen: pkg.amountFen };
    };

    // Calls of the other flows, spread over the working day.
    const due = new Date(dayStart(day, TZ).getTime() + 5 * 86_400_000).toISOString();
    const jobs = PLANS.flatMap((p) => p.answers.map((a) => ({ plan: p, answer: a })));
    const gap = Math.floor((8 * 60 * MINUTE) / jobs.length);
    let calls = 0;
    jobs.forEach(({ plan, answer }, i) => {
      const orderedAt = new Date(clock - rng.int(1, 3) * 86_400_000).toISOString();
      const o = order(plan.status, orderedAt, null);
      const taskId = uuidv7();
      insTask.run(taskId, o.id, plan.flow, due, orderedAt);
      clock = dayStart(day, TZ).getTime() + 9.5 * 60 * MINUTE + i * gap + rng.int(0, 120) * 1000;
      const input: RecordOutcomeInput = { ...answer, taskId, startedAt: new Date(clock - rng.int(40, 240) * 1000).toISOString() };
      if (answer.outcome === 'upsell_accepted') input.offer = { ...offer, newTotalFen: o.amountFen + 6900 };
      if (rng.chance(0.6)) input.dialedAt = new Date(clock - rng.int(20, 180) * 1000).toISOString();
      recordOutcome({ ...core.ctx, now: () => new Date(clock) }, st, agents[i % agents.length], input);
      calls++;
    });

    // Two weeks of shipments: the older ones mostly answered, the last days still on their way.
    for (let d = 13; d >= 0; d--) {
      const shipDay = addDays(day, -d);
      for (let k = 0; k < 18 + rng.int(0, 10); k++) {
        const shipped = new Date(dayStart(shipDay, TZ).getTime() + rng.int(10, 19) * 60 * MINUTE).toISOString();
        const settled = rng.chance(Math.min(1, d / 6));
        const status: OrderStatus = !settled ? 'shipped' : rng.chance(0.82) ? 'signed' : 'refused';
        order(status, new Date(Date.parse(shipped) - 86_400_000).toISOString(), shipped);
      }
    }
    // The demo agents leave no card held.
    db.prepare(`UPDATE call_tasks SET claimed_by = NULL, claimed_at = NULL WHERE state = 'open' AND claimed_by IN (${agents.map(() => '?').join(', ')})`).run(...agents);
    return { calls };
  } finally {
    core.close();
  }
}

if (process.argv[1] && /report-day\.ts$/.test(process.argv[1])) {
  const [dataDir, day] = process.argv.slice(2);
  console.log(JSON.stringify(enrichReportDay(dataDir, day)));
}
