/**
 * The shipped default pack: valid, all five flows in all three locales, and every way through
 * every flow — for a plain order, a held high-risk one, each product with an offer, a parcel with
 * a courier note — ends in an outcome of that flow with no "undefined" said on the way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOWS, LOCALES, type Flow, type Locale } from '../../shared/domain';
import { outcomesForFlow } from '../../shared/outcomes';
import {
  HELD_SAMPLE,
  runScript,
  SampleOrder,
  sampleScriptContext,
  validatePackText,
  type ScriptContext,
  type ScriptEvent,
  type ScriptPack,
} from '../../shared/scriptpack';
import { scriptOrder, t } from '../helpers/packs';

const FILE = join(import.meta.dirname, '../../resources/packs/default.yaml');
const v = validatePackText(readFileSync(FILE, 'utf8'));

const order = (product: string, pkg: string, amountFen: number) => scriptOrder(product, pkg, amountFen);

const base = { agentName: '王婷', shopName: '好物优选', call: { isCallback: false, unanswered: 0 } };
const CONTEXTS: Record<string, ScriptContext> = {
  plain: { ...base, order: order('老花镜', '1副', 5900) },
  inbound: { ...base, order: order('老花镜', '1副', 5900), call: { isCallback: false, unanswered: 1, inbound: true } },
  held: { ...base, order: order('晚安冻膜', '5盒', 9900), risk: { level: 'high', held: true, flags: ['duplicate'], facts: ['同一号码一天内下单3次'] } },
  // Imported without its ad channel.
  heldNoSource: { ...base, order: { ...order('晚安冻膜', '5盒', 9900), source: '' }, risk: { level: 'high', held: true, flags: ['duplicate_order'], facts: ['同一号码一天内下单3次'] } },
  // Cash on delivery, held until it is paid online: a remote address, a restricted buyer.
  remote: { ...base, order: order('鲍鱼罐头', '4罐', 9900), risk: { level: 'low', held: true, flags: ['remote_area', 'online_only'], facts: ['西藏 阿里 在偏远地区名单上'] } },
  restricted: {
    ...base,
    order: order('变色润唇膏', '3支', 6900),
    risk: { level: 'medium', held: true, flags: ['buyer_history', 'cod_restricted', 'online_only'], facts: ['该买家已拒收 3 次'] },
  },
  // A buyer who once refused a parcel is not restricted: cash on delivery as usual.
  refusedOnce: { ...base, order: order('变色润唇膏', '3支', 6900), risk: { level: 'medium', held: false, flags: ['buyer_history'], facts: ['该买家已拒收 1 次'] } },
  abalone: { ...base, order: order('鲍鱼罐头', '4罐', 9900) },
  mask: { ...base, order: order('晚安冻膜', '5盒', 9900) },
  lipbalm: { ...base, order: order('变色润唇膏', '3支', 6900) },
  footpatch: { ...base, order: order('艾草足贴', '30贴', 6900) },
  parcel: { ...base, order: order('自发热护膝', '2只', 8900), shipment: { courier: '顺丰', waybill: 'SF1234567890', reason: '客户不在家', station: '农业路菜鸟驿站' } },
  paidOnline: { ...base, order: { ...order('鲍鱼罐头', '4罐', 9900), paymentMethod: 'online' } },
  giftPaidOnline: { ...base, order: { ...order('老花镜', '1副', 5900), paymentMethod: 'online' } },
  cancelled: { ...base, order: { ...order('变色润唇膏', '3支', 6900), status: 'cancelled' } },
  closed: { ...base, order: { ...order('变色润唇膏', '3支', 6900), status: 'closed' } },
  unpaid: { ...base, order: { ...order('变色润唇膏', '3支', 6900), status: 'unpaid' } },
};

/**
 * The words of every step on every way through a flow (say, title and hint), keyed by step id;
 * with `objections`, also the objection answers offered on the way, keyed `objection:<id>`.
 */
function allSaid(pack: ScriptPack, flow: Flow, ctx: ScriptContext, locale: Locale, objections = false): Map<string, string> {
  const out = new Map<string, string>();
  const go = (events: ScriptEvent[]) => {
    const view = runScript({ pack, flow, context: ctx, locale, t: t(locale), events, startedAt: '2026-11-20T04:00:00.000Z' });
    if (view.step) out.set(view.step.id, [view.step.title?.text, view.step.say?.text, view.step.hint?.text].filter(Boolean).join(' '));
    if (objections) for (const o of view.objections) out.set(`objection:${o.id}`, o.say.text);
    if (view.finished || events.length > 15) return;
    for (const a of view.answers) go([...events, { answer: a.id, at: '2026-11-20T04:00:01.000Z' }]);
  };
  go([]);
  return out;
}

/** Every way through a flow (depth-first over the answers), with the end steps reached. */
function walk(pack: ScriptPack, flow: Flow, ctx: ScriptContext, locale: Locale, seen: Set<string>): number {
  let paths = 0;
  const go = (events: ScriptEvent[]) => {
    const view = runScript({ pack, flow, context: ctx, locale, t: t(locale), events, startedAt: '2026-11-20T04:00:00.000Z' });
    const said = [view.step?.say?.text, view.step?.title?.text, view.step?.hint?.text, ...view.answers.map((a) => a.label), ...view.objections.map((o) => o.say.text)].join(' ');
    expect(said, `${flow} ${view.step?.id}`).not.toMatch(/undefined|NaN|\{\{/);
    expect(view.error).toBeNull();
    if (view.finished) {
      paths++;
      seen.add(view.step!.id);
      expect(outcomesForFlow(flow).map((o) => o.code)).toContain(view.outcome!.code);
      return;
    }
    expect(view.answers.length, `${flow}: step ${view.step?.id} has no way on`).toBeGreaterThan(0);
    expect(events.length, `${flow}: path too long`).toBeLessThan(15);
    for (const a of view.answers) go([...events, { answer: a.id, at: '2026-11-20T04:00:01.000Z' }]);
  };
  go([]);
  return paths;
}

describe('the default pack', () => {
  it('is valid and covers every flow in every locale', () => {
    expect(v.issues).toEqual([]);
    const pack = v.pack!;
    expect(pack.id).toBe('default');
    expect([...pack.locales].sort()).toEqual([...LOCALES].sort());
    for (const f of FLOWS) expect(pack.flows[f], f).toBeDefined();
  });

  it('reaches an outcome on every path, and every end step is reachable, in every locale', () => {
    const pack = v.pack!;
    for (const flow of FLOWS) {
      const ends = pack.flows[flow]!.steps.filter((s) => s.outcome).map((s) => s.id);
      for (const locale of LOCALES) {
        const seen = new Set<string>();
        for (const ctx of Object.values(CONTEXTS)) expect(walk(pack, flow, ctx, locale, seen)).toBeGreaterThan(0);
        expect([...seen].sort(), `${flow} ${locale}`).toEqual([...ends].sort());
      }
    }
  });

  it('follows the playbook: checklists, objections, offers, reasons', () => {
    const pack = v.pack!;
    const checks = (f: Flow) => new Set(pack.flows[f]!.steps.map((s) => s.check).filter(Boolean));
    expect([...checks('verify')]).toEqual(expect.arrayContaining(['identityConfirmed', 'addressReadBack', 'packageConfirmed', 'expectationSet', 'wechatInvited']));
    expect([...checks('track')]).toEqual(expect.arrayContaining(['finalResult', 'reasonAsked']));
    expect([...checks('revisit')]).toEqual(expect.arrayContaining(['feedbackAsked', 'wechatInvited']));
    expect(pack.objections!.map((o) => o.id)).toEqual(expect.arrayContaining(['want_cancel', 'too_expensive', 'found_cheaper', 'not_at_home', 'distrust_cod']));
    const abalone = pack.offers!.find((o) => o.id === 'abalone_8')!;
    expect([abalone.base, abalone.total]).toEqual([99, 169]);
    const reasons = (f: Flow, outcome: string) => new Set(pack.flows[f]!.steps.filter((s) => s.outcome === outcome).map((s) => s.reason));
    // Every loss reason the sheet tallies is an answer away, except "other" (the agent picks it).
    expect([...reasons('recover', 'not_recovered')].sort()).toEqual(
      ['impulse', 'low_balance', 'found_cheaper', 'distrust', 'bad_service', 'price_disagreed', 'out_of_stock', 'slow_service', 'no_follow_up'].sort(),
    );
    expect([...reasons('track', 'refused')]).toEqual(
      expect.arrayContaining(['product_doubt', 'ordered_by_mistake', 'no_longer_wanted', 'courier_attitude', 'not_allowed_to_inspect', 'too_slow', 'not_at_address']),
    );
    const outcomes = (f: Flow) => new Set(pack.flows[f]!.steps.map((s) => s.outcome).filter(Boolean));
    expect([...outcomes('track')]).toEqual(expect.arrayContaining(['will_sign', 'self_pickup', 'address_corrected', 'compensation_accepted', 'refused']));
    expect([...outcomes('revisit')]).toEqual(expect.arrayContaining(['satisfied', 'wechat_invited', 'complaint', 'bad_review_settled', 'repurchase_interest', 'callback']));
    // Someone who did not order it is a wrong contact, not a lost sale.
    expect([...outcomes('recover')]).toEqual(expect.arrayContaining(['recovered', 'not_recovered', 'wrong_person', 'callback']));
    expect(pack.flows.recover!.steps.some((s) => s.outcome === 'not_recovered' && s.reason === 'other')).toBe(false);
  });

  it('opens a held high-risk order carefully, and offers the bundle of the product', () => {
    const pack = v.pack!;
    const first = (flow: Flow, ctx: ScriptContext) => runScript({ pack, flow, context: ctx, locale: 'zh-CN', t: t('zh-CN'), startedAt: '2026-11-20T04:00:00.000Z' });
    expect(first('verify', CONTEXTS.held).step?.id).toBe('careful_greet');
    expect(first('verify', CONTEXTS.held).step?.hint?.text).toContain('同一号码一天内下单3次');
    expect(first('verify', CONTEXTS.plain).step?.id).toBe('greet');
    // A customer who rang us is not greeted as if we had rung them.
    const inbound = first('verify', CONTEXTS.inbound);
    expect(inbound.step?.id).toBe('greet_inbound');
    expect(inbound.step?.say?.text).toContain('谢谢您来电');
    // An upsell call of its own greets and makes sure it is the buyer before any offer.
    const upsell = first('upsell', CONTEXTS.abalone);
    expect(upsell.step?.id).toBe('greet');
    expect(upsell.step?.say?.text).toMatch(/^您好，请问是/);
    const pitch = (ctx: ScriptContext) =>
      runScript({ pack, flow: 'upsell', context: ctx, locale: 'zh-CN', t: t('zh-CN'), startedAt: '2026-11-20T04:00:00.000Z', events: [{ answer: 'go_on', at: '2026-11-20T04:00:01.000Z' }] });
    expect(pitch(CONTEXTS.abalone).offer).toMatchObject({ id: 'abalone_8', totalFen: 16900, savingFen: 2900 });
    expect(pitch(CONTEXTS.plain).offer?.id).toBe('gift_box');
    expect(first('track', CONTEXTS.parcel).step?.say?.text).toContain('客户不在家');
  });

  it('opens a recover call for what happened to the order (cancelled, closed, unpaid), not as if it were about to ship', () => {
    const pack = v.pack!;
    const ABOUT_TO_SHIP: Record<Locale, RegExp> = { 'zh-CN': /准备.{0,4}发货|给您发货/, 'zh-TW': /準備.{0,4}出貨|幫您出貨/, en: /ship it|about to ship|like to ship/i };
    const SAYS: Record<string, Record<Locale, RegExp>> = {
      cancelled: { 'zh-CN': /取消/, 'zh-TW': /取消/, en: /cancel/i },
      closed: { 'zh-CN': /没付款.*关闭/, 'zh-TW': /沒付款.*關閉/, en: /closed before it was paid/ },
      unpaid: { 'zh-CN': /付款.*没有完成/, 'zh-TW': /付款.*沒有完成/, en: /payment was never completed/ },
    };
    for (const status of ['cancelled', 'closed', 'unpaid'] as const) {
      for (const locale of LOCALES) {
        const view = runScript({ pack, flow: 'recover', context: CONTEXTS[status], locale, t: t(locale), startedAt: '2026-11-20T04:00:00.000Z' });
        const said = view.step?.say?.text ?? '';
        expect(said, `${status} ${locale}`).not.toMatch(ABOUT_TO_SHIP[locale]);
        expect(said, `${status} ${locale}`).toMatch(SAYS[status][locale]);
        expect(view.step?.id, `${status} ${locale}`).toBe(`greet_${status}`);
        // It asks what stopped them, and the reasons are one answer away.
        expect(said, `${status} ${locale}`).toMatch(/[？?]$/);
        const why = runScript({ pack, flow: 'recover', context: CONTEXTS[status], locale, t: t(locale), events: [{ answer: 'gives_reason', at: '2026-11-20T04:00:01.000Z' }], startedAt: '2026-11-20T04:00:00.000Z' });
        expect(why.step?.id).toBe('ask_why');
        expect(why.step?.say?.text).not.toMatch(/取消|cancel/i);
      }
    }
    // A recover card without a known status opens as for a cancelled order.
    expect(runScript({ pack, flow: 'recover', context: CONTEXTS.plain, locale: 'en', t: t('en'), startedAt: '2026-11-20T04:00:00.000Z' }).step?.id).toBe('greet_cancelled');
  });

  it('talks about paying on delivery in an upsell only when the order is cash on delivery', () => {
    const pack = v.pack!;
    const ON_DELIVERY: Record<Locale, RegExp> = { 'zh-CN': /货到付款|付给快递|到货付|快递员/, 'zh-TW': /貨到付款|付給物流|到貨付|物流人員/, en: /on delivery|courier/i };
    for (const locale of LOCALES) {
      for (const name of ['paidOnline', 'giftPaidOnline'] as const) {
        const said = allSaid(pack, 'upsell', CONTEXTS[name], locale);
        for (const [step, words] of said) expect(words, `${name} ${locale} ${step}`).not.toMatch(ON_DELIVERY[locale]);
        expect([...said.keys()], `${name} ${locale}`).toEqual(expect.arrayContaining(['price_answer_online', 'confirm_add_online']));
        // The original is paid: only the added amount is left to pay.
        expect(said.get('confirm_add_online'), `${name} ${locale}`).toContain(name === 'paidOnline' ? (locale === 'en' ? '70 yuan' : '70元') : locale === 'en' ? '10 yuan' : '10元');
      }
      const cod = allSaid(pack, 'upsell', CONTEXTS.abalone, locale);
      expect(cod.get('confirm_add_cod'), locale).toMatch(ON_DELIVERY[locale]);
      expect(cod.has('confirm_add_online')).toBe(false);
    }
  });

  it('asks an order paid online to pay nobody at the door, in any flow or objection answer; a recover call steers every lead to cash on delivery', () => {
    const pack = v.pack!;
    // Words that tell the customer to pay on delivery (or promise they need not pay until then).
    const PAY_AT_DOOR: Record<Locale, RegExp> = {
      'zh-CN': /货到付款|付给快递|给快递员付|到货付|再付款|再付钱|先付钱|收钱/,
      'zh-TW': /貨到付款|付[^，。]{0,8}給物流|到貨付|再付款|再付錢|先付錢|收錢/,
      en: /on delivery|pay the courier|before you pay|pay only|pay nothing|paid to the courier/i,
    };
    const shipped = (ctx: ScriptContext): ScriptContext => ({ ...ctx, shipment: CONTEXTS.parcel.shipment });
    const verified = (ctx: ScriptContext): ScriptContext => ({ ...ctx, order: { ...ctx.order!, status: 'verified' } });
    const PAID = verified(CONTEXTS.paidOnline);
    const COD = verified(CONTEXTS.abalone);
    for (const locale of LOCALES) {
      for (const flow of ['verify', 'upsell', 'track', 'revisit'] as const) {
        const paid = allSaid(pack, flow, flow === 'track' ? shipped(PAID) : PAID, locale, true);
        for (const [where, words] of paid) expect(words, `${flow} ${locale} ${where}`).not.toMatch(PAY_AT_DOOR[locale]);
      }
      // The same calls for a cash-on-delivery order still say it: it is what makes a buyer keep the order.
      const codVerify = allSaid(pack, 'verify', COD, locale, true);
      const paidVerify = allSaid(pack, 'verify', PAID, locale, true);
      expect(codVerify.get('stabilise_cod'), locale).toMatch(PAY_AT_DOOR[locale]);
      expect(codVerify.get('objection:too_expensive'), locale).toMatch(PAY_AT_DOOR[locale]);
      expect([...codVerify.keys()]).not.toContain('objection:too_expensive_paid');
      expect([...paidVerify.keys()]).toEqual(expect.arrayContaining(['stabilise_paid', 'keep_order_paid', 'fix_close_paid', 'objection:too_expensive_paid', 'objection:distrust_paid']));
      expect([...paidVerify.keys()]).not.toContain('objection:too_expensive');
      const codTrack = allSaid(pack, 'track', shipped(COD), locale, true);
      expect(codTrack.get('save_inspect_cod'), locale).toMatch(PAY_AT_DOOR[locale]);
      // The parcel is at the door: no answer on a track call speaks of a delivery days away.
      for (const [where, words] of codTrack) expect(words, `track ${locale} ${where}`).not.toMatch(/三四天|three or four days/);
      // Recover: whatever the lead chose to pay with, the answers offer cash on delivery.
      for (const ctx of [CONTEXTS.unpaid, { ...CONTEXTS.unpaid, order: { ...CONTEXTS.unpaid.order!, paymentMethod: 'online' as const } }]) {
        const lead = allSaid(pack, 'recover', ctx, locale, true);
        for (const id of ['too_expensive_lead', 'distrust_lead', 'no_money_lead']) expect(lead.get(`objection:${id}`), `${id} ${locale}`).toMatch(PAY_AT_DOOR[locale]);
      }
    }
  });

  it("says the preview's held sample risk fact in the preview's language", () => {
    const pack = v.pack!;
    // The sample also crosses to the core as it is (previewScript's sample).
    expect(SampleOrder.parse(HELD_SAMPLE)).toEqual(HELD_SAMPLE);
    const context = sampleScriptContext(HELD_SAMPLE, { agentName: '王婷', shopName: '好物优选' });
    const fact = (locale: Locale) => {
      const view = runScript({ pack, flow: 'verify', context, locale, t: t(locale), startedAt: '2026-11-20T04:00:00.000Z' });
      expect(view.step?.id).toBe('careful_greet');
      const part = view.step?.hint?.parts.find((p) => 'variable' in p && p.variable === 'risk.facts');
      expect(part && 'missing' in part && part.missing, locale).toBe(false);
      return part!.text;
    };
    const en = fact('en');
    expect(en).not.toMatch(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u);
    expect(en).toContain('24');
    const tw = fact('zh-TW');
    expect(tw).toMatch(/手機號.*24 小時內/);
    expect(tw).not.toMatch(/[号时内]/);
    expect(fact('zh-CN')).toMatch(/手机号.*24 小时内/);
  });
});
