/**
 * {{order.package}} as an agent says it: several packs are counted the way people count them in
 * the call's language ("两份变色润唇膏6支装", "two 6-packs of 变色润唇膏"), not read off the screen
 * ("变色润唇膏 6支 ×2"); the screens keep their text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Flow, type Locale } from '../../shared/domain';
import {
  BUILTIN_SAMPLE,
  cardScriptContext,
  CONTINUE,
  factValues,
  runScript,
  sampleScriptContext,
  sampleScriptOrder,
  sayVariable,
  spokenPackage,
  validatePackText,
  type ScriptContext,
} from '../../shared/scriptpack';
import { scriptOrder, t } from '../helpers/packs';

const pack = validatePackText(readFileSync(join(import.meta.dirname, '../../resources/packs/default.yaml'), 'utf8')).pack!;
const line = (product: string, pkg: string, quantity: number) => ({ product, package: pkg, quantity, amountFen: 6900 * quantity });

describe('spokenPackage', () => {
  it('says one pack as the order writes it', () => {
    for (const locale of LOCALES) expect(spokenPackage([line('鲍鱼罐头', '4罐', 1)], locale)).toBe('鲍鱼罐头 4罐');
  });

  it('counts several packs with words for small counts, in each language', () => {
    const cases: [ReturnType<typeof line>, Record<Locale, string>][] = [
      [line('变色润唇膏', '6支', 2), { 'zh-CN': '两份变色润唇膏6支装', 'zh-TW': '兩份变色润唇膏6支裝', en: 'two 6-packs of 变色润唇膏' }],
      [line('艾草足贴', '30贴', 3), { 'zh-CN': '三份艾草足贴30贴装', 'zh-TW': '三份艾草足贴30贴裝', en: 'three 30-packs of 艾草足贴' }],
      // One item a pack: the items themselves are counted.
      [line('老花镜', '1副', 2), { 'zh-CN': '两副老花镜', 'zh-TW': '兩副老花镜', en: 'two 老花镜' }],
      // A package with its own name, or no count: counted as packs.
      [line('变色润唇膏', '家庭装', 2), { 'zh-CN': '两份变色润唇膏家庭装', 'zh-TW': '兩份变色润唇膏家庭装', en: 'two of 变色润唇膏 家庭装' }],
      [line('变色润唇膏', '红色', 4), { 'zh-CN': '四份变色润唇膏 红色', 'zh-TW': '四份变色润唇膏 红色', en: 'four of 变色润唇膏 红色' }],
      [line('变色润唇膏', '', 2), { 'zh-CN': '两份变色润唇膏', 'zh-TW': '兩份变色润唇膏', en: 'two 变色润唇膏' }],
      // Beyond ten, digits.
      [line('变色润唇膏', '6支', 12), { 'zh-CN': '12份变色润唇膏6支装', 'zh-TW': '12份变色润唇膏6支裝', en: '12 6-packs of 变色润唇膏' }],
      // A product name ending in a digit keeps apart from the pack's count.
      [line('维生素B12', '6支', 2), { 'zh-CN': '两份维生素B12 6支装', 'zh-TW': '兩份维生素B12 6支裝', en: 'two 6-packs of 维生素B12' }],
    ];
    for (const [l, said] of cases) for (const locale of LOCALES) expect(spokenPackage([l], locale), `${l.product} ${l.package} ×${l.quantity} ${locale}`).toBe(said[locale]);
  });

  it('joins several lines with words', () => {
    const lines = [line('鲍鱼罐头', '4罐', 2), line('香辣蟹钳', '2罐', 1)];
    expect(spokenPackage(lines, 'zh-CN')).toBe('两份鲍鱼罐头4罐装和香辣蟹钳 2罐');
    expect(spokenPackage(lines, 'zh-TW')).toBe('兩份鲍鱼罐头4罐裝和香辣蟹钳 2罐');
    expect(spokenPackage(lines, 'en')).toBe('two 4-packs of 鲍鱼罐头 and 香辣蟹钳 2罐');
    expect(spokenPackage([...lines, line('节日礼盒', '1个', 1)], 'en')).toBe('two 4-packs of 鲍鱼罐头, 香辣蟹钳 2罐 and 节日礼盒 1个');
  });
});

const lipbalmOrder = () => scriptOrder('变色润唇膏', '6支', 13800, 2);

const SAID: Record<Locale, string> = { 'zh-CN': '两份变色润唇膏6支装', 'zh-TW': '兩份变色润唇膏6支裝', en: 'two 6-packs of 变色润唇膏' };
const who = { agentName: '王婷', shopName: '好物优选' };

describe("a card's script says the package as spoken", () => {
  it("in the call's language; the card's own text and a single pack stay as written", () => {
    const card = { order: lipbalmOrder(), isCallback: false, unanswered: 0 };
    for (const locale of LOCALES) {
      const ctx = cardScriptContext(card, who, t(locale));
      expect(sayVariable('order.package', factValues(ctx), ctx, locale, t(locale)), locale).toBe(SAID[locale]);
      // What the screens show is not touched.
      expect(ctx.order?.packageText).toBe('变色润唇膏 6支 ×2');
      // One pack: exactly as written.
      const one = cardScriptContext({ ...card, order: { ...lipbalmOrder(), packageText: '变色润唇膏 6支', lines: [line('变色润唇膏', '6支', 1)] } }, who, t(locale));
      expect(sayVariable('order.package', factValues(one), one, locale, t(locale))).toBe('变色润唇膏 6支');
    }
  });

  it("a trainer's sample too, in the preview's language; the sample order keeps its screen text", () => {
    const sample = { ...BUILTIN_SAMPLE, product: '变色润唇膏', package: '6支', quantity: 2, amountFen: 13800 };
    expect(sampleScriptOrder(sample).packageText).toBe('变色润唇膏 6支 ×2');
    const ctx = sampleScriptContext(sample, who, 'verify');
    for (const locale of LOCALES) expect(sayVariable('order.package', factValues(ctx), ctx, locale, t(locale))).toBe(SAID[locale]);
  });

  it('reads well in every sentence of the default pack that says it', () => {
    const READS: Record<Locale, RegExp[]> = {
      'zh-CN': [/您订的是两份变色润唇膏6支装，一共138元/, /是不是两份变色润唇膏6支装、包装/, /两份变色润唇膏6支装一共才138元/, /两份变色润唇膏6支装一共138元，到了/, /下好：两份变色润唇膏6支装，138元/],
      'zh-TW': [/您訂的是兩份变色润唇膏6支裝，總共138元/, /是不是兩份变色润唇膏6支裝、包裝/, /兩份变色润唇膏6支裝總共才138元/, /兩份变色润唇膏6支裝總共138元，到了/, /下好：兩份变色润唇膏6支裝，138元/],
      en: [/you ordered two 6-packs of 变色润唇膏, 138 yuan in total/, /check it's two 6-packs of 变色润唇膏 and nothing/, /two 6-packs of 变色润唇膏 for 138 yuan in total/, /two 6-packs of 变色润唇膏 for 138 yuan\. Compare/, /again for you: two 6-packs of 变色润唇膏, 138 yuan/],
    };
    for (const locale of LOCALES) {
      const ctx: ScriptContext = cardScriptContext({ order: lipbalmOrder(), isCallback: false, unanswered: 0 }, who, t(locale));
      const run = (flow: Flow, ...answers: string[]) =>
        runScript({ pack, flow, context: ctx, locale, t: t(locale), events: answers.map((answer) => ({ answer, at: '2026-11-20T04:00:01.000Z' })), startedAt: '2026-11-20T04:00:00.000Z' });
      const confirm = run('verify', 'yes_me', 'right');
      const said = [
        confirm.step!.say!.text,
        run('verify', 'yes_me', 'right', 'correct').step!.say!.text,
        confirm.objections.find((o) => o.id === 'too_expensive')!.say.text,
        run('recover', 'gives_reason', 'found_cheaper').step!.say!.text,
        run('recover', 'still_wants').step!.say!.text,
      ];
      READS[locale].forEach((re, i) => expect(said[i], `${locale} ${i}`).toMatch(re));
      for (const s of said) expect(s).not.toContain('×');
      expect(run('recover', 'still_wants', CONTINUE).outcome).toEqual({ code: 'recovered' });
    }
  });
});
