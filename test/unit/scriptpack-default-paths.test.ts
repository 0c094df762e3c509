/**
 * The default pack's paths for the cases an audit found it said wrong, walked with the
 * interpreter in every locale: a cash-on-delivery order held until it is paid online, a held
 * order imported without its source, the recover reasons "slow reply" and "nobody followed up",
 * "I didn't order it" on a recover call, and revisit answers that are not "satisfied".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Flow, type Locale } from '../../shared/domain';
import {
  BUILTIN_SAMPLE,
  cardScriptContext,
  CONTINUE,
  runScript,
  sampleScriptContext,
  validatePackText,
  type CardLike,
  type ScriptContext,
  type ScriptEvent,
  type ScriptOrder,
  type ScriptView,
} from '../../shared/scriptpack';
import { t } from '../helpers/packs';

const pack = validatePackText(readFileSync(join(import.meta.dirname, '../../resources/packs/default.yaml'), 'utf8')).pack!;

function order(product: string, pkg: string, amountFen: number, source = '抖音'): ScriptOrder {
  return {
    orderNo: 'DD1',
    customerName: '陈秀英',
    phone: '13800138000',
    province: '西藏自治区',
    city: '阿里地区',
    district: '噶尔县',
    address: '狮泉河镇1号',
    packageText: `${product} ${pkg}`,
    amountFen,
    paymentMethod: 'cod',
    orderedAt: '2026-11-20T01:15:00.000Z',
    source,
    lines: [{ product, package: pkg, quantity: 1, amountFen }],
  };
}

const base = { agentName: '王婷', shopName: '好物优选', call: { isCallback: false, unanswered: 0 } };
const C: Record<string, ScriptContext> = {
  remote: { ...base, order: order('鲍鱼罐头', '4罐', 9900), risk: { level: 'low', held: true, flags: ['remote_area', 'online_only'], facts: ['西藏 阿里 在偏远地区名单上'] } },
  restricted: { ...base, order: order('变色润唇膏', '3支', 6900), risk: { level: 'medium', held: true, flags: ['buyer_history', 'cod_restricted', 'online_only'], facts: ['该买家已拒收 3 次'] } },
  // A lead released it: it ships cash on delivery after all.
  remoteReleased: { ...base, order: order('鲍鱼罐头', '4罐', 9900), risk: { level: 'low', held: false, flags: ['remote_area'], facts: [] } },
  refusedOnce: { ...base, order: order('变色润唇膏', '3支', 6900), risk: { level: 'medium', held: false, flags: ['buyer_history'], facts: ['该买家已拒收 1 次'] } },
  plain: { ...base, order: order('鲍鱼罐头', '4罐', 9900) },
  held: { ...base, order: order('晚安冻膜', '5盒', 9900), risk: { level: 'high', held: true, flags: ['duplicate_order'], facts: ['同一号码一天内下单3次'] } },
  heldNoSource: { ...base, order: order('晚安冻膜', '5盒', 9900, ''), risk: { level: 'high', held: true, flags: ['duplicate_order'], facts: ['同一号码一天内下单3次'] } },
  lipbalmCancelled: { ...base, order: { ...order('变色润唇膏', '3支', 6900), status: 'cancelled' } },
  signed: { ...base, order: { ...order('晚安冻膜', '5盒', 9900), status: 'signed' } },
};

/** The script after these answers (CONTINUE for a step without answers). */
function go(flow: Flow, ctx: ScriptContext, locale: Locale, ...answers: string[]): ScriptView {
  const events: ScriptEvent[] = answers.map((answer, i) => ({ answer, at: `2026-11-20T04:00:${String(i + 1).padStart(2, '0')}.000Z` }));
  const view = runScript({ pack, flow, context: ctx, locale, t: t(locale), events, startedAt: '2026-11-20T04:00:00.000Z' });
  expect(view.ignored, `${flow} ${locale} ${answers.join(' ')}`).toBe(0);
  return view;
}

const words = (v: ScriptView) => [v.step?.title?.text, v.step?.say?.text, v.step?.hint?.text].filter(Boolean).join(' ');
const steps = (v: ScriptView) => v.path.filter((p) => !p.objection).map((p) => p.step);

/** Every view on every way through a flow. */
function everyView(flow: Flow, ctx: ScriptContext, locale: Locale, from: string[] = []): ScriptView[] {
  const out: ScriptView[] = [];
  const walk = (answers: string[]) => {
    const v = go(flow, ctx, locale, ...answers);
    out.push(v);
    if (v.finished || answers.length > 16) return;
    for (const a of v.answers) walk([...answers, a.id]);
  };
  walk(from);
  return out;
}

// Words that tell the buyer to pay the courier (saying cash on delivery is NOT available is fine).
const PAY_THE_COURIER: Record<Locale, RegExp> = {
  'zh-CN': /付给快递|给快递员付|到货付|再付款|再付钱|先付钱|收钱/,
  'zh-TW': /付[^，。]{0,8}給物流|到貨付|再付款|再付錢|先付錢|收錢/,
  en: /pay the courier|paid to the courier|before you pay|pay only|pay nothing|on delivery in/i,
};
const ONLINE: Record<Locale, RegExp> = { 'zh-CN': /在线付款/, 'zh-TW': /線上付款/, en: /paid online|online payment/ };
const REMOTE: Record<Locale, RegExp> = { 'zh-CN': /偏远/, 'zh-TW': /偏遠/, en: /remote/ };

// Up to the package and price: careful greeting, address read back, package confirmed.
const TO_STABILISE = ['it_was_me', 'all_right', 'correct'];

describe('a cash-on-delivery order held until it is paid online', () => {
  it('is told why (its address) and asked to pay online: agreeing confirms it, refusing cancels it', () => {
    for (const locale of LOCALES) {
      const ask = go('verify', C.remote, locale, ...TO_STABILISE);
      expect(ask.step?.id, locale).toBe('online_only_remote');
      expect(ask.step?.say?.text, locale).toMatch(ONLINE[locale]);
      expect(ask.step?.say?.text, locale).toMatch(REMOTE[locale]);
      // The hint names the card's own button, in the agent's language.
      expect(ask.step?.hint?.text, locale).toContain(t(locale)('risk.actions.convertOnline'));
      expect(ask.step?.hint?.text, locale).toContain('Alt+O');
      expect(ask.answers.map((a) => a.id)).toEqual(['pays_online', 'refuses']);

      const agreed = go('verify', C.remote, locale, ...TO_STABILISE, 'pays_online');
      expect(agreed.step?.id, locale).toBe('stabilise_online_only');
      expect(agreed.step?.say?.text, locale).not.toMatch(PAY_THE_COURIER[locale]);
      const done = go('verify', C.remote, locale, ...TO_STABILISE, 'pays_online', CONTINUE, CONTINUE, 'declines');
      expect(done.outcome, locale).toEqual({ code: 'confirmed' });
      expect(steps(done)).toEqual(expect.arrayContaining(['careful_greet', 'confirm_package', 'stabilise', 'online_only_remote', 'stabilise_online_only', 'expectations']));
      expect(steps(done)).not.toContain('stabilise_cod');

      const refused = go('verify', C.remote, locale, ...TO_STABILISE, 'refuses');
      expect(refused.step?.id).toBe('end_cancel_online_only');
      expect(refused.outcome, locale).toEqual({ code: 'wants_cancel' });
    }
  });

  it('is told by the account, not the address, when the buyer is restricted, without naming past refusals', () => {
    for (const locale of LOCALES) {
      const ask = go('verify', C.restricted, locale, ...TO_STABILISE);
      expect(ask.step?.id, locale).toBe('online_only_buyer');
      expect(ask.step?.say?.text, locale).toMatch(ONLINE[locale]);
      expect(ask.step?.say?.text, locale).not.toMatch(REMOTE[locale]);
      expect(ask.step?.say?.text, locale).not.toMatch(/拒收|refus/i);
      expect(ask.step?.hint?.text, locale).toContain('该买家已拒收 3 次');
      expect(go('verify', C.restricted, locale, ...TO_STABILISE, 'pays_online', CONTINUE, CONTINUE, 'adds').outcome).toEqual({ code: 'confirmed' });
      expect(go('verify', C.restricted, locale, ...TO_STABILISE, 'refuses').outcome).toEqual({ code: 'wants_cancel' });
    }
  });

  it('hears about online payment on the corrections path too, which ends as corrected', () => {
    for (const locale of LOCALES) {
      const fixed = ['it_was_me', 'change_address', CONTINUE, 'correct'];
      expect(go('verify', C.remote, locale, ...fixed).step?.id).toBe('fix_online_only_remote');
      expect(go('verify', C.restricted, locale, ...fixed).step?.id).toBe('fix_online_only_buyer');
      const done = go('verify', C.remote, locale, ...fixed, 'pays_online', CONTINUE);
      expect(steps(done)).toContain('fix_close_online_only');
      expect(done.outcome).toEqual({ code: 'corrected' });
      expect(go('verify', C.remote, locale, ...fixed, 'refuses').outcome).toEqual({ code: 'wants_cancel' });
      // A new package is priced without a word about paying the courier.
      const pkg = go('verify', C.remote, locale, 'it_was_me', 'all_right', 'change_package');
      expect(pkg.step?.id).toBe('fix_package_online_only');
      // Hesitating gets the answer that promises no payment at the door, then the explanation.
      const keep = go('verify', C.remote, locale, 'it_was_me', 'all_right', 'hesitates');
      expect(keep.step?.id).toBe('keep_order_paid');
      expect(go('verify', C.remote, locale, 'it_was_me', 'all_right', 'hesitates', 'keeps').step?.id).toBe('online_only_remote');
    }
  });

  it('is never told to pay the courier on any path or in any objection answer', () => {
    for (const locale of LOCALES) {
      for (const name of ['remote', 'restricted'] as const) {
        const views = everyView('verify', C[name], locale);
        for (const v of views) {
          expect(words(v), `${name} ${locale} ${v.step?.id}`).not.toMatch(PAY_THE_COURIER[locale]);
          for (const o of v.objections) expect(o.say.text, `${name} ${locale} ${o.id}`).not.toMatch(PAY_THE_COURIER[locale]);
        }
        const objections = new Set(views.flatMap((v) => v.objections.map((o) => o.id)));
        expect([...objections]).toEqual(expect.arrayContaining(['too_expensive_paid', 'distrust_online_only']));
        expect([...objections]).not.toContain('too_expensive');
        expect([...objections]).not.toContain('distrust_cod');
      }
    }
  });

  it('leaves cash on delivery as it was: a plain order, one released by a lead, a buyer who refused once', () => {
    for (const locale of LOCALES) {
      for (const name of ['plain', 'remoteReleased', 'refusedOnce'] as const) {
        const v = go('verify', C[name], locale, 'yes_me', 'right', 'correct');
        expect(v.step?.id, `${name} ${locale}`).toBe('stabilise_cod');
        expect(v.step?.say?.text, `${name} ${locale}`).toMatch(PAY_THE_COURIER[locale]);
        expect(v.objections.map((o) => o.id)).toEqual(expect.arrayContaining(['too_expensive', 'distrust_cod']));
        expect(v.objections.map((o) => o.id)).not.toContain('distrust_online_only');
      }
    }
  });

  it('is recognised from the risk a real card carries (the hold reason and the facts of screening)', () => {
    const card = (risk: unknown): CardLike => ({ order: order('鲍鱼罐头', '4罐', 9900), isCallback: false, unanswered: 0, risk });
    const fact = (rule: string, kind: string, extra: object = {}) => ({ rule, kind, sentiment: 'negative', points: 20, messageKey: `risk.facts.${rule}.${kind}`, params: { region: '西藏 阿里', refused: 3, rejected: 0, orders: 'DD0' }, ...extra });
    const remote = cardScriptContext(card({ level: 'low', score: 20, held: true, holdReason: 'online_only', facts: [fact('remote_area', 'cod', { onlineOnly: true })] }), base, t('zh-CN'));
    expect(remote.risk?.flags).toEqual(expect.arrayContaining(['remote_area', 'online_only']));
    const restricted = cardScriptContext(card({ level: 'medium', score: 60, held: true, holdReason: 'online_only', facts: [fact('buyer_history', 'cod_restricted', { onlineOnly: true })] }), base, t('zh-CN'));
    expect(restricted.risk?.flags).toEqual(expect.arrayContaining(['buyer_history', 'cod_restricted', 'online_only']));
    // Refusals that restrict nothing, held for a high score: the careful opening, then cash on delivery.
    const refusals = cardScriptContext(card({ level: 'high', score: 80, held: true, holdReason: 'high_risk', facts: [fact('buyer_history', 'refusals')] }), base, t('zh-CN'));
    expect(refusals.risk?.flags).toEqual(['buyer_history']);
    // A remote order a lead released: no longer held.
    const released = cardScriptContext(card({ level: 'low', score: 20, held: false, holdReason: null, facts: [fact('remote_area', 'cod', { onlineOnly: true })] }), base, t('zh-CN'));
    expect(released.risk?.flags).toEqual(['remote_area']);
    for (const locale of LOCALES) {
      expect(go('verify', remote, locale, ...TO_STABILISE).step?.id).toBe('online_only_remote');
      expect(go('verify', restricted, locale, ...TO_STABILISE).step?.id).toBe('online_only_buyer');
      expect(go('verify', refusals, locale, ...TO_STABILISE).step?.id).toBe('stabilise_cod');
      expect(go('verify', released, locale, 'yes_me', 'right', 'correct').step?.id).toBe('stabilise_cod');
    }
    // A trainer's sample held with a remote-area flag previews the same path.
    const sample = sampleScriptContext({ ...BUILTIN_SAMPLE, risk: { level: 'low', held: true, flags: ['remote_area'], facts: [] } }, base, 'verify');
    expect(go('verify', sample, 'en', ...TO_STABILISE).step?.id).toBe('online_only_remote');
  });
});

describe('a held order imported without its source', () => {
  it('is greeted without an empty "you ordered on 【source】"', () => {
    const FROM_US: Record<Locale, string> = { 'zh-CN': '您在我们家订了一份晚安冻膜', 'zh-TW': '您在我們這裡訂了一份晚安冻膜', en: 'You ordered 晚安冻膜 from us' };
    for (const locale of LOCALES) {
      const v = go('verify', C.heldNoSource, locale);
      expect(v.step?.id, locale).toBe('careful_greet_no_source');
      expect(v.step?.say?.parts.some((p) => 'missing' in p && p.missing), locale).toBe(false);
      expect(v.step?.say?.text, locale).toContain(FROM_US[locale]);
      expect(v.step?.hint?.text, locale).toContain('同一号码一天内下单3次');
      expect(v.answers.map((a) => a.id)).toEqual(['it_was_me', 'family', 'never_ordered', 'wrong_number', 'busy']);
      expect(go('verify', C.heldNoSource, locale, 'it_was_me').step?.id).toBe('careful_check');
      // With a source it still says where the order came from.
      const withSource = go('verify', C.held, locale);
      expect(withSource.step?.id).toBe('careful_greet');
      expect(withSource.step?.say?.text).toContain('抖音');
    }
  });
});

describe('wording', () => {
  it('names the product of the order when answering an impulse cancellation', () => {
    const SAYS: Record<Locale, string> = { 'zh-CN': '看中了这款变色润唇膏的效果', 'zh-TW': '看中了這款变色润唇膏的效果', en: 'You liked 变色润唇膏 enough to order it' };
    for (const locale of LOCALES) {
      const v = go('recover', C.lipbalmCancelled, locale, 'gives_reason', 'impulse');
      expect(v.step?.id).toBe('answer_impulse');
      expect(v.step?.say?.text, locale).toContain(SAYS[locale]);
    }
  });

  it('promises no freshness for products that are not food when an upsell is confirmed', () => {
    for (const locale of LOCALES) {
      for (const ctx of [C.plain, C.restricted, { ...C.plain, order: { ...C.plain.order!, paymentMethod: 'online' as const } }]) {
        for (const v of everyView('upsell', ctx, locale)) expect(words(v), `${locale} ${v.step?.id}`).not.toMatch(/新鲜|新鮮|fresh/i);
      }
      expect(words(go('upsell', C.plain, locale, 'go_on', 'takes')), locale).toMatch(/检查|檢查|checked/);
    }
  });

  it('labels the empty-number outcome as empty or suspended', () => {
    expect(t('zh-CN')('outcomes.empty_number')).toBe('空号/停机');
    expect(t('zh-TW')('outcomes.empty_number')).toBe('空號/停機');
    expect(t('en')('outcomes.empty_number')).toBe('Empty / suspended number');
  });
});

describe('recover: every loss reason gets its own answer', () => {
  const cases = [
    ['service', 'answer_service', 'bad_service'],
    ['slow_reply', 'answer_slow', 'slow_service'],
    ['no_follow_up', 'answer_follow_up', 'no_follow_up'],
  ] as const;

  it('rude service, a slow reply and nobody following up: answered, then re-sold or recorded apart', () => {
    for (const locale of LOCALES) {
      const why = go('recover', C.lipbalmCancelled, locale, 'gives_reason');
      expect(why.step?.id).toBe('ask_why');
      expect(why.answers.map((a) => a.id)).toEqual(expect.arrayContaining(['service', 'slow_reply', 'no_follow_up']));
      expect(new Set(why.answers.map((a) => a.label)).size, locale).toBe(why.answers.length);
      const said = new Set<string>();
      for (const [answer, step, reason] of cases) {
        const v = go('recover', C.lipbalmCancelled, locale, 'gives_reason', answer);
        expect(v.step?.id, `${locale} ${answer}`).toBe(step);
        said.add(v.step!.say!.text);
        expect(v.answers.map((a) => a.id)).toEqual(['ship_it', 'still_no']);
        expect(go('recover', C.lipbalmCancelled, locale, 'gives_reason', answer, 'still_no').outcome, `${locale} ${answer}`).toEqual({ code: 'not_recovered', reasonCode: reason });
        const won = go('recover', C.lipbalmCancelled, locale, 'gives_reason', answer, 'ship_it', CONTINUE);
        expect(won.outcome).toEqual({ code: 'recovered' });
        expect(steps(won)).toEqual(expect.arrayContaining([step, 'confirm_ship']));
      }
      expect(said.size, locale).toBe(3);
    }
  });

  it('"I didn\'t order it" is a wrong person, not a lost sale', () => {
    for (const locale of LOCALES) {
      for (const status of ['cancelled', 'closed', 'unpaid']) {
        const v = go('recover', { ...C.lipbalmCancelled, order: { ...C.lipbalmCancelled.order!, status } }, locale, 'not_me');
        expect(v.step?.id).toBe('end_wrong_person');
        expect(v.outcome).toEqual({ code: 'wrong_person' });
      }
    }
  });
});

describe('revisit: only a customer who likes it is recorded as satisfied', () => {
  it('"so-so" ends invited to WeChat, with a call back in a week, or as a bad review', () => {
    for (const locale of LOCALES) {
      expect(go('revisit', C.signed, locale, 'so_so', 'adds').outcome).toEqual({ code: 'wechat_invited' });
      const later = go('revisit', C.signed, locale, 'so_so', 'declines');
      expect(later.step?.id).toBe('neutral_check_back');
      expect(later.step?.say?.text, locale).toMatch(/下周|下週|next week/);
      expect(go('revisit', C.signed, locale, 'so_so', 'declines', CONTINUE).outcome).toEqual({ code: 'callback' });
      expect(go('revisit', C.signed, locale, 'so_so', 'complains').step?.id).toBe('bad');
      const ends = new Set(everyView('revisit', C.signed, locale, ['so_so']).filter((v) => v.finished).map((v) => v.outcome!.code));
      expect([...ends].sort()).toEqual(['bad_review_settled', 'callback', 'complaint', 'wechat_invited']);
    }
  });

  it('"not used yet" ends invited to WeChat or with a call back once they have tried it', () => {
    for (const locale of LOCALES) {
      expect(go('revisit', C.signed, locale, 'not_used', 'adds').outcome).toEqual({ code: 'wechat_invited' });
      const later = go('revisit', C.signed, locale, 'not_used', 'declines');
      expect(later.step?.id).toBe('not_used_check_back');
      expect(go('revisit', C.signed, locale, 'not_used', 'declines', CONTINUE).outcome).toEqual({ code: 'callback' });
      const ends = new Set(everyView('revisit', C.signed, locale, ['not_used']).filter((v) => v.finished).map((v) => v.outcome!.code));
      expect([...ends].sort()).toEqual(['callback', 'wechat_invited']);
    }
  });

  it('"it\'s good" can still end satisfied', () => {
    for (const locale of LOCALES) expect(go('revisit', C.signed, locale, 'good', 'declines', 'ok').outcome).toEqual({ code: 'satisfied' });
  });
});
