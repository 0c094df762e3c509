import { describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/domain';
import {
  CONTINUE,
  evaluateCondition,
  factValues,
  runScript,
  sayVariable,
  surnameOf,
  type ScriptContext,
  type ScriptEvent,
  type ScriptOrder,
} from '../../shared/scriptpack';
import { PHONE_ORDER_SOURCE } from '../../shared/sources';
import { scriptOrder, t, validPack } from '../helpers/packs';

const pack = validPack();
const START = '2026-11-20T04:00:00.000Z';
const at = (s: number) => new Date(Date.parse(START) + s * 1000).toISOString();

const order: ScriptOrder = { ...scriptOrder('鲍鱼罐头', '4罐', 9900), orderNo: 'DD2026112000001' };

const ctx = (over: Partial<ScriptContext> = {}): ScriptContext => ({
  order,
  agentName: '王婷',
  shopName: '好物优选',
  call: { isCallback: false, unanswered: 0 },
  ...over,
});

function run(flow: 'verify' | 'upsell' | 'revisit', events: ScriptEvent[] = [], over: Partial<ScriptContext> = {}, locale: Locale = 'zh-CN') {
  return runScript({ pack, flow, context: ctx(over), locale, t: t(locale), events, startedAt: START });
}

describe('the script interpreter', () => {
  it('opens a normal order at the address step, passing the branch', () => {
    const v = run('verify');
    expect(v.step?.id).toBe('greet');
    expect(v.step?.say?.text).toBe('您的地址是河南省郑州市金水区农业路38号3单元502，对吗？');
    expect(v.step?.title?.text).toBe('核对地址');
    expect(v.answers.map((a) => [a.id, a.label])).toEqual([
      ['right', '对'],
      ['cancel', '不要了'],
    ]);
    expect(v.path).toEqual([
      { step: 'open', at: START },
      { step: 'greet', at: START },
    ]);
    expect(v.finished).toBe(false);
  });

  it('opens a held high-risk order with the careful opening', () => {
    const v = run('verify', [], { risk: { level: 'high', held: true, flags: ['duplicate'], facts: ['同一号码 24 小时内下单 3 次'] } });
    expect(v.step?.id).toBe('careful');
    expect(v.answers).toEqual([{ id: CONTINUE, label: '继续', next: 'greet' }]);
    const next = run('verify', [{ answer: CONTINUE, at: at(5) }], { risk: { level: 'high', held: true, flags: [], facts: [] } });
    expect(next.step?.id).toBe('greet');
    expect(next.path.map((p) => p.step)).toEqual(['open', 'careful', 'greet']);
  });

  it('moves on with each answer, records the path with times, ticks the checklist and ends in an outcome', () => {
    const v = run('verify', [{ answer: 'right', at: at(20) }]);
    expect(v.finished).toBe(true);
    expect(v.outcome).toEqual({ code: 'confirmed' });
    expect(v.answers).toEqual([]);
    expect(v.path).toEqual([
      { step: 'open', at: START },
      { step: 'greet', at: START },
      { step: 'done', at: at(20) },
    ]);
    expect(v.checklist).toEqual([{ item: 'addressReadBack', done: true }]);
    expect(v.trail).toEqual([{ step: 'greet', title: '核对地址', answer: '对' }]);
    // Before answering, the item is still open.
    expect(run('verify').checklist).toEqual([{ item: 'addressReadBack', done: false }]);
  });

  it('takes the other branch of an answer', () => {
    const v = run('verify', [{ answer: 'cancel', at: at(9) }]);
    expect(v.outcome).toEqual({ code: 'wants_cancel' });
  });

  it('goes back by dropping the last answer, and skips answers that do not fit', () => {
    const events: ScriptEvent[] = [{ answer: 'right', at: at(20) }];
    expect(run('verify', events.slice(0, -1)).step?.id).toBe('greet');
    const stale = run('verify', [{ answer: 'no-such-answer', at: at(3) }, { answer: 'right', at: at(20) }, { answer: 'right', at: at(21) }]);
    expect(stale.outcome?.code).toBe('confirmed');
    expect(stale.ignored).toBe(2);
  });

  it('offers the objection answers and records the ones used on the path', () => {
    const v = run('verify', [{ objection: 'too_expensive', at: at(7) }]);
    expect(v.objections.map((o) => o.label)).toEqual(['太贵了']);
    expect(v.objection?.say.text).toBe('我们是厂家直发，99元已经是活动价。');
    expect(v.step?.id).toBe('greet');
    expect(v.path.at(-1)).toEqual({ step: 'greet', at: at(7), objection: 'too_expensive' });
    // Moving on puts it away.
    expect(run('verify', [{ objection: 'too_expensive', at: at(7) }, { answer: 'right', at: at(9) }]).objection).toBeNull();
    // An objection the step does not offer is skipped.
    expect(run('verify', [{ objection: 'nope', at: at(7) }]).ignored).toBe(1);
  });

  it('offers an objection answer only on calls its condition holds for', () => {
    const when = { fact: 'order.payment' as const, is: 'cod' };
    const codOnly = { ...pack, objections: pack.objections!.map((o) => (o.id === 'too_expensive' ? { ...o, when } : o)) };
    const runOn = (paymentMethod: 'cod' | 'online', events: ScriptEvent[] = []) =>
      runScript({ pack: codOnly, flow: 'verify', context: ctx({ order: { ...order, paymentMethod } }), locale: 'zh-CN', t: t('zh-CN'), events, startedAt: START });
    expect(runOn('cod').objections.map((o) => o.id)).toEqual(['too_expensive']);
    expect(runOn('online').objections).toEqual([]);
    // Asked for anyway (a stale key press, an edited path), it is skipped, not shown.
    const stale = runOn('online', [{ objection: 'too_expensive', at: at(3) }]);
    expect([stale.ignored, stale.objection]).toEqual([1, null]);
  });

  it('renders variables in every locale', () => {
    const held = { risk: { level: 'high' as const, held: true, flags: [], facts: [] }, customerGender: 'female' as const };
    expect(run('verify', [], held, 'zh-CN').step?.say?.text).toBe('您好，请问是陈女士吗？您的订单需要先核对一下。');
    expect(run('verify', [], held, 'zh-TW').step?.say?.text).toBe('您好，請問是陈小姐嗎？您的訂單需要先核對一下。');
    expect(run('verify', [], held, 'en').step?.say?.text).toBe('Hello, is this Ms 陈? Your order needs a quick check first.');
    // Without a known gender the salutation is the full name: never a wrong 先生/女士.
    expect(run('verify', [], { risk: held.risk }, 'zh-CN').step?.say?.text).toContain('请问是陈秀英吗');
    const money = (l: Locale) => run('verify', [{ objection: 'too_expensive', at: at(1) }], {}, l).objection?.say.text;
    expect(money('zh-CN')).toContain('99元');
    expect(money('zh-TW')).toContain('99元');
    expect(money('en')).toContain('99 yuan is already');
    expect(run('verify', [], {}, 'en').answers.map((a) => a.label)).toEqual(['Yes', 'Cancel it']);
  });

  it('shows a visible placeholder for a value the call does not know, never "undefined"', () => {
    for (const [l, placeholder] of [
      ['zh-CN', '【快递公司】'],
      ['zh-TW', '【物流公司】'],
      ['en', '[courier]'],
    ] as const) {
      const v = run('verify', [{ answer: 'right', at: at(2) }], {}, l);
      expect(v.step?.say?.text, l).toContain(placeholder);
      expect(v.step?.say?.text).not.toContain('undefined');
      expect(v.step?.say?.parts).toContainEqual({ variable: 'courier.name', text: placeholder, missing: true });
    }
    const known = run('verify', [{ answer: 'right', at: at(2) }], { shipment: { courier: '顺丰' } });
    expect(known.step?.say?.text).toBe('好的，顺丰发货。');
    // No order at all: every order value is a placeholder.
    const bare = runScript({ pack, flow: 'verify', context: {}, locale: 'en', t: t('en'), startedAt: START });
    expect(bare.step?.say?.text).toBe('Your address is [address], right?');
  });

  it('presents an offer and, when accepted, says how the order changes', () => {
    const v = run('upsell');
    expect(v.step?.say?.text).toBe('8罐装只要169元。');
    expect(v.offer).toEqual({
      id: 'more',
      name: '8罐装',
      lines: [{ product: '鲍鱼罐头', package: '4罐', quantity: 1, amountFen: 7000 }],
      addFen: 7000,
      totalFen: 16900,
      savingFen: null,
      points: ['更划算'],
    });
    const took = run('upsell', [{ answer: 'take', at: at(30) }]);
    expect(took.outcome).toEqual({
      code: 'upsell_accepted',
      offerId: 'more',
      offer: { id: 'more', title: '8罐装', addLines: [{ product: '鲍鱼罐头', package: '4罐', quantity: 1, amountFen: 7000 }], newTotalFen: 16900 },
    });
    expect(run('upsell', [{ answer: 'skip', at: at(30) }], {}, 'en').outcome).toEqual({ code: 'upsell_declined', reasonCode: 'too_expensive' });
    expect(run('upsell', [], {}, 'en').step?.say?.text).toBe('The 8-can pack is only 169 yuan.');
  });

  it('says so when the pack has no script for the flow', () => {
    const v = run('revisit');
    expect(v.error).toBe('no_flow');
    expect(v.step).toBeNull();
  });

  it('falls back to the pack locale when the agent language is not in the pack', () => {
    const enOnly = validPack(`id: e\nname: { en: E }\nversion: 1.0.0\nlocales: [en]\nflows:\n  verify:\n    start: a\n    steps:\n      - id: a\n        say: { en: Hi }\n        next: b\n      - id: b\n        outcome: confirmed\n`);
    const v = runScript({ pack: enOnly, flow: 'verify', context: {}, locale: 'zh-CN', t: t('zh-CN'), startedAt: START });
    expect(v.locale).toBe('en');
    expect(v.step?.say?.text).toBe('Hi');
  });
});

describe('conditions and facts', () => {
  const facts = factValues(ctx({ risk: { level: 'medium', held: false, flags: ['region_mismatch'], facts: [] } }));
  it('tests every operator', () => {
    expect(evaluateCondition({ fact: 'risk.level', is: 'medium' }, facts)).toBe(true);
    expect(evaluateCondition({ fact: 'risk.level', in: ['high', 'medium'] }, facts)).toBe(true);
    expect(evaluateCondition({ fact: 'order.amount', atLeast: 99 }, facts)).toBe(true);
    expect(evaluateCondition({ fact: 'order.amount', below: 99 }, facts)).toBe(false);
    expect(evaluateCondition({ fact: 'risk.flags', has: 'region_mismatch' }, facts)).toBe(true);
    expect(evaluateCondition({ fact: 'courier.name', exists: false }, facts)).toBe(true);
    expect(evaluateCondition({ fact: 'order.payment', is: 'cod' }, facts)).toBe(true);
    expect(evaluateCondition({ all: [{ fact: 'risk.held', is: false }, { not: { fact: 'order.product', is: '老花镜' } }] }, facts)).toBe(true);
    expect(evaluateCondition({ any: [{ fact: 'risk.held', is: true }, { fact: 'call.unanswered', atLeast: 2 }] }, facts)).toBe(false);
  });
  it('matches a phone order by the words a trainer writes in any language, and other sources by their own words', () => {
    const phone = factValues(ctx({ order: { ...order, source: PHONE_ORDER_SOURCE } }));
    for (const words of ['电话下单', '電話下單', 'Phone order', 'phone order ', PHONE_ORDER_SOURCE]) {
      expect(evaluateCondition({ fact: 'order.source', is: words }, phone)).toBe(true);
      expect(evaluateCondition({ fact: 'order.source', in: ['抖音', words] }, phone)).toBe(true);
    }
    expect(evaluateCondition({ fact: 'order.source', is: '抖音' }, phone)).toBe(false);
    const douyin = factValues(ctx({ order: { ...order, source: '抖音' } }));
    expect(evaluateCondition({ fact: 'order.source', is: '抖音' }, douyin)).toBe(true);
    expect(evaluateCondition({ fact: 'order.source', is: '电话下单' }, douyin)).toBe(false);
    expect(evaluateCondition({ fact: 'order.source', in: ['快手', 'Phone order'] }, douyin)).toBe(false);
  });
  it('says the payment and the risk facts inside a sentence', () => {
    const risk = { level: 'high' as const, held: true, flags: [], facts: ['Same phone ordered twice (DD1, DD2)', 'Phone registered in 北京'] };
    const c = ctx({ risk, order: { ...order, paymentMethod: 'online' } });
    const say = (name: 'order.payment' | 'risk.facts', l: Locale) => sayVariable(name, factValues(c), c, l, t(l));
    expect(say('order.payment', 'en')).toBe('online payment');
    expect(say('order.payment', 'zh-CN')).toBe('在线支付');
    // Facts list order numbers with commas: the facts themselves are kept apart by a stronger mark.
    expect(say('risk.facts', 'en')).toBe('Same phone ordered twice (DD1, DD2); Phone registered in 北京');
    expect(say('risk.facts', 'zh-CN')).toBe('Same phone ordered twice (DD1, DD2)；Phone registered in 北京');
  });
  it('reads surnames, compound ones included', () => {
    expect(surnameOf('陈秀英')).toBe('陈');
    expect(surnameOf('欧阳娜娜')).toBe('欧阳');
    expect(surnameOf('Li Wei')).toBe('Wei');
  });
});
