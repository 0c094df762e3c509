/**
 * The order's package as an agent says it on the phone ({{order.package}}). The screens write a
 * line of several packs as "变色润唇膏 6支 ×2"; a sentence says "两份变色润唇膏6支装" / "two 6-packs
 * of 变色润唇膏", in the call's language.
 */
import type { Locale } from '../domain';
import type { ScriptOrder } from './variables';

const ZH_COUNTS = ['', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const EN_COUNTS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** A count as said: words up to ten (两 / 兩 for two), digits beyond. */
function sayCount(n: number, locale: Locale): string {
  if (n > 10 || n < 1) return String(n);
  if (locale === 'en') return EN_COUNTS[n];
  return locale === 'zh-TW' && n === 2 ? '兩' : ZH_COUNTS[n];
}

/** "6支", "4罐", "30贴", "1副": a count and a one- or two-character unit. */
const COUNTED_PACKAGE = /^(\d+)\s*(\p{Script=Han}{1,2})$/u;

type Line = ScriptOrder['lines'][number];

function spokenLine(l: Line, locale: Locale): string {
  const product = l.product.trim();
  const pkg = l.package.trim();
  if (l.quantity <= 1) return [product, pkg].filter(Boolean).join(' ');
  const n = sayCount(l.quantity, locale);
  const counted = COUNTED_PACKAGE.exec(pkg);
  if (locale === 'en') {
    // two 6-packs of 变色润唇膏; two 老花镜 (for 2 × "1副"); two of 变色润唇膏 红色.
    if (counted) return counted[1] === '1' ? `${n} ${product}` : `${n} ${counted[1]}-packs of ${product}`;
    return pkg ? `${n} of ${product} ${pkg}` : `${n} ${product}`;
  }
  // 两份变色润唇膏6支装; 两副老花镜 (for 2 × "1副"); 两份变色润唇膏家庭装; 两份变色润唇膏 红色.
  const pack = locale === 'zh-TW' ? '裝' : '装';
  const gap = /[A-Za-z0-9]$/.test(product) ? ' ' : '';
  if (counted) return counted[1] === '1' ? `${n}${counted[2]}${product}` : `${n}份${product}${gap}${pkg}${pack}`;
  if (!pkg) return `${n}份${product}`;
  return /[装裝]$/.test(pkg) ? `${n}份${product}${gap}${pkg}` : `${n}份${product} ${pkg}`;
}

/**
 * The order's package as an agent says it ({{order.package}}): a line of several packs is said as
 * people say it ("两份变色润唇膏6支装", "two 6-packs of 变色润唇膏") rather than as the screens
 * write it ("变色润唇膏 6支 ×2"); a single pack is said as written ("鲍鱼罐头 4罐").
 */
export function spokenPackage(lines: readonly Line[], locale: Locale): string {
  const said = lines.map((l) => spokenLine(l, locale)).filter(Boolean);
  if (locale !== 'en') return said.join('和');
  return said.length > 1 ? `${said.slice(0, -1).join(', ')} and ${said[said.length - 1]}` : (said[0] ?? '');
}
