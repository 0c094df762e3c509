import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { LOCALES } from '../../shared/domain';
import { bundles, localeForTags, translator } from '../../shared/i18n';

const dir = join(import.meta.dirname, '../../shared/i18n/locales');
type Tree = { [k: string]: string | Tree };
const load = (l: string) => bundles[l as keyof typeof bundles] as Tree;
/** Raw text of every feature file of a locale. */
const raw = (l: string) => readdirSync(join(dir, l)).map((f) => readFileSync(join(dir, l, f), 'utf8')).join('\n');

/** Keys with i18next plural suffixes folded, so en's _one/_other match Chinese's lone _other. */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
    else for (const sub of keys(v, path)) out.add(sub);
  }
  return out;
}

function placeholders(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path.replace(/_(one|other)$/, ''), [...v.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join(','));
    else placeholders(v, path, out);
  }
  return out;
}

describe('locale files', () => {
  it('ship exactly the supported locales', () => {
    expect(readdirSync(dir).sort()).toEqual([...LOCALES].sort());
    // Each feature ships the same files in every locale.
    for (const l of LOCALES) expect(readdirSync(join(dir, l)).sort(), l).toEqual(readdirSync(join(dir, 'en')).sort());
  });

  for (const a of LOCALES) {
    for (const b of LOCALES) {
      if (a === b) continue;
      it(`every ${a} key exists in ${b}`, () => {
        const missing = [...keys(load(a))].filter((k) => !keys(load(b)).has(k));
        expect(missing).toEqual([]);
      });
    }
  }

  it('use the same placeholders for the same message in every locale', () => {
    const base = placeholders(load('en'));
    for (const l of LOCALES) {
      const mismatched = [...placeholders(load(l))].filter(([k, v]) => base.has(k) && base.get(k) !== v).map(([k]) => k);
      expect(mismatched, l).toEqual([]);
    }
  });

  it('Chinese plural keys use only the _other form', () => {
    for (const l of ['zh-CN', 'zh-TW']) {
      expect(raw(l)).not.toMatch(/_one"/);
    }
  });

  it('translate core messages in each language', () => {
    expect(translator('zh-CN')('errors.order_not_found', { orderNo: 'A1' })).toBe('找不到订单 A1。');
    expect(translator('zh-TW')('errors.order_not_found', { orderNo: 'A1' })).toBe('找不到訂單 A1。');
    expect(translator('en')('errors.order_not_found', { orderNo: 'A1' })).toBe('Order A1 was not found.');
    expect(translator('en')('orders.count', { count: 1 })).toBe('1 order');
    expect(translator('zh-CN')('orders.count', { count: 3 })).toBe('共 3 个订单');
  });
});

it('large counts are shown with digit grouping in every language (100,000 orders, not 100000)', () => {
  expect(translator('zh-CN')('orders.page', { from: 1, to: 50, total: 100000 })).toBe('第 1–50 条，共 100,000 条');
  expect(translator('zh-TW')('orders.count', { count: 123456 })).toBe('共 123,456 個訂單');
  expect(translator('en')('intake.summary.total', { count: 100000 })).toBe('100,000 data rows');
  expect(translator('en')('intake.summary.total', { count: 1 })).toBe('1 data row');
});

describe('the first-run language follows the machine', () => {
  test.each([
    [['zh-TW'], 'zh-TW'],
    [['zh-HK', 'en-US'], 'zh-TW'],
    [['zh-Hant-TW'], 'zh-TW'],
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-Hans-HK'], 'zh-CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['fr-FR', 'en-GB'], 'en'],
    [['fr-FR', 'de-DE'], 'zh-CN'],
    [[], 'zh-CN'],
  ] as [string[], string][])('%j gives %s', (tags, locale) => {
    expect(localeForTags(tags)).toBe(locale);
  });
});
