/** A small valid pack for script-pack tests, and helpers to find where a text sits in it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translator } from '../../shared/i18n';
import type { Locale } from '../../shared/domain';
import { validatePackText, type ScriptOrder, type ScriptPack } from '../../shared/scriptpack';

/** The shipped default pack's text and version, as a fresh store installs and activates it. */
export const SHIPPED_DEFAULT_TEXT = readFileSync(join(import.meta.dirname, '../../resources/packs/default.yaml'), 'utf8');
export const SHIPPED_DEFAULT_VERSION = /^version: (\S+)$/m.exec(SHIPPED_DEFAULT_TEXT)![1];

export const BASE_PACK = `id: test
name:
  zh-CN: 测试话术
  zh-TW: 測試話術
  en: Test scripts
version: 1.0.0
locales: [zh-CN, zh-TW, en]
products: [鲍鱼罐头]
objections:
  - id: too_expensive
    label:
      zh-CN: 太贵了
      zh-TW: 太貴了
      en: Too expensive
    say:
      zh-CN: "我们是厂家直发，{{order.amount}}已经是活动价。"
      zh-TW: "我們是廠商直送，{{order.amount}}已經是活動價。"
      en: "We ship straight from the maker; {{order.amount}} is already the offer price."
offers:
  - id: more
    name:
      zh-CN: 8罐装
      zh-TW: 8罐裝
      en: 8-can pack
    base: 99
    add:
      - package: 4罐
        amount: 70
    total: 169
    points:
      zh-CN: [更划算]
      zh-TW: [更划算]
      en: [Better value]
flows:
  verify:
    start: open
    objections: [too_expensive]
    steps:
      - id: open
        branch:
          - when: { fact: risk.held, is: true }
            next: careful
        otherwise: greet
      - id: careful
        say:
          zh-CN: "您好，请问是{{customer.salutation}}吗？您的订单需要先核对一下。"
          zh-TW: "您好，請問是{{customer.salutation}}嗎？您的訂單需要先核對一下。"
          en: "Hello, is this {{customer.salutation}}? Your order needs a quick check first."
        next: greet
      - id: greet
        title:
          zh-CN: 核对地址
          zh-TW: 核對地址
          en: Address
        say:
          zh-CN: "您的地址是{{order.address}}，对吗？"
          zh-TW: "您的地址是{{order.address}}，對嗎？"
          en: "Your address is {{order.address}}, right?"
        check: addressReadBack
        answers:
          - id: right
            label: { zh-CN: 对, zh-TW: 對, en: "Yes" }
            next: done
          - id: cancel
            label: { zh-CN: 不要了, zh-TW: 不要了, en: Cancel it }
            next: cancelled
      - id: done
        say:
          zh-CN: "好的，{{courier.name}}发货。"
          zh-TW: "好的，{{courier.name}}出貨。"
          en: "Great, it ships with {{courier.name}}."
        outcome: confirmed
      - id: cancelled
        outcome: wants_cancel
  upsell:
    start: pitch
    steps:
      - id: pitch
        say:
          zh-CN: "{{offer.name}}只要{{offer.total}}。"
          zh-TW: "{{offer.name}}只要{{offer.total}}。"
          en: "The {{offer.name}} is only {{offer.total}}."
        offer: more
        answers:
          - id: take
            label: { zh-CN: 要, zh-TW: 要, en: "Yes" }
            next: took
          - id: skip
            label: { zh-CN: 不要, zh-TW: 不要, en: "No" }
            next: skipped
      - id: took
        outcome: upsell_accepted
        offer: more
      - id: skipped
        outcome: upsell_declined
        reason: too_expensive
`;

export function validPack(text = BASE_PACK): ScriptPack {
  const v = validatePackText(text);
  if (!v.pack) throw new Error(`test pack is invalid: ${JSON.stringify(v.issues, null, 1)}`);
  return v.pack;
}

/** Line and column (1-based) of the first `needle` at or after `after` (another needle). */
export function where(text: string, needle: string, after?: string): { line: number; column: number } {
  const from = after === undefined ? 0 : text.indexOf(after);
  if (from < 0) throw new Error(`"${after}" not in text`);
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Replaces exactly one occurrence (fails loudly when the base pack changed under a test). */
export function edit(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

export const t = (l: Locale) => translator(l);

/** A cash-on-delivery order of one line as a script reads it (陈秀英 in 郑州, ordered on 抖音). */
export function scriptOrder(product: string, pkg: string, amountFen: number, quantity = 1): ScriptOrder {
  return {
    orderNo: 'DD1',
    customerName: '陈秀英',
    phone: '13800138000',
    province: '河南省',
    city: '郑州市',
    district: '金水区',
    address: '农业路38号3单元502',
    // As the screens write it (electron/services/orders.ts packageText).
    packageText: quantity > 1 ? `${product} ${pkg} ×${quantity}` : `${product} ${pkg}`,
    amountFen,
    paymentMethod: 'cod',
    orderedAt: '2026-11-20T01:15:00.000Z',
    source: '抖音',
    lines: [{ product, package: pkg, quantity, amountFen }],
  };
}
