/**
 * Addresses and names as the screener compares them. Buyers type the same place many ways
 * (full-width digits, 3号楼 / 3栋, the province repeated in the street line); the key folds those
 * so that orders converging on one door are found with one index lookup. Pure.
 */
import { cityShortName, provinceShortName } from './regions';

const CN_DIGITS: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** Full-width to ASCII, no spaces or punctuation, lower case. */
export function foldText(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000,，.。、;；:：'"“”‘’()（）【】[\]{}<>《》!！?？#＃*·~`|\\/_—-]+/g, '')
    .toLowerCase();
}

/** Folded place names an address line may start with, longest first; memoised per place. */
const headsMemo = new Map<string, string[]>();
function heads(province: string, city: string, district: string): string[] {
  const k = `${province}|${city}|${district}`;
  let h = headsMemo.get(k);
  if (!h) {
    h = [...new Set([province, provinceShortName(province), city, cityShortName(city), district].map((x) => foldText(x)))]
      .filter((x) => x.length >= 2)
      .sort((a, b) => b.length - a.length);
    // Bounded by the number of districts in the country; a cap guards against garbage input.
    if (headsMemo.size > 20_000) headsMemo.clear();
    headsMemo.set(k, h);
  }
  return h;
}

/** The address line without the province / city / district it repeats at its start. */
export function addressRemainder(province: string, city: string, district: string, address: string): string {
  let s = foldText(address);
  const hs = heads(province, city, district);
  for (let changed = true; changed; ) {
    changed = false;
    for (const h of hs) {
      if (s.startsWith(h)) {
        s = s.slice(h.length).replace(/^(省|市|区|县)/, '');
        changed = true;
      }
    }
  }
  return s;
}

/**
 * One key per physical address: province and city in short form, district, then the street line
 * folded (Chinese digits before a unit word as digits, 号楼/幢 as 栋, a trailing 室 dropped).
 */
export function addressKey(province: string, city: string, district: string, address: string): string {
  const rest = addressRemainder(province, city, district, address)
    .replace(/([零〇一二两三四五六七八九])(?=(号|栋|幢|单元|楼|层|组|室))/g, (d) => CN_DIGITS[d] ?? d)
    .replace(/号楼|幢|座/g, '栋')
    .replace(/室$/, '');
  return `${provinceShortName(province)}|${cityShortName(city)}|${foldText(district)}|${rest}`;
}

/** A recipient name compared: folded, and 张女士 / 张先生 reduced to the surname they stand for. */
export function nameKey(name: string): string {
  return foldText(name);
}

const HONORIFIC = /^(.)(女士|先生|小姐|阿姨|大姐|大哥|姐|哥|师傅|老师|总|叔|婶)$/;

/** Whether two recipient names may be the same person (张秀英 and 张女士 may; 张秀英 and 李强 not). */
export function sameRecipient(a: string, b: string): boolean {
  const x = nameKey(a);
  const y = nameKey(b);
  if (x === y) return true;
  const hx = HONORIFIC.exec(x);
  const hy = HONORIFIC.exec(y);
  if (hx && y.startsWith(hx[1])) return true;
  if (hy && x.startsWith(hy[1])) return true;
  return false;
}

export type AddressVagueness = 'landmark_only' | 'township_only' | 'no_number';

const HAS_NUMBER = /\d|[零〇一二两三四五六七八九十百]+(号|號|栋|棟|幢|座|楼|樓|单元|單元|室|层|層|组|組|排|户|戶|弄|巷|队|隊|社)|[a-z](座|栋|幢|区)/;
const LANDMARK = /(对面|對面|旁边|旁邊|附近|门口|門口|后面|後面|前面|隔壁|西侧|东侧|南侧|北侧|西边|东边|南边|北边|路口|街口|拐角|小卖部|小賣部|超市|商店|药店|藥店|饭店|網吧|网吧|广场|廣場|菜市场|汽车站|车站|加油站|卫生院)/;
const TOWNSHIP_END = /(乡|鄉|镇|鎮|街道|村|屯|社区|社區|嘎查|苏木|农场|林场|村委会|居委会)$/;

/**
 * How vague an address is, or null when it is fine: landmark text with no number ("广场西边小卖部"),
 * an address that stops at a township or village ("某某县某某乡"), or no house/building number at all.
 */
export function addressVagueness(province: string, city: string, district: string, address: string): AddressVagueness | null {
  return vaguenessOfKey(addressKey(province, city, district, address));
}

/** The same judgement from an address key (its last part is the folded street line). */
export function vaguenessOfKey(key: string): AddressVagueness | null {
  const rest = key.slice(key.lastIndexOf('|') + 1);
  if (HAS_NUMBER.test(rest)) return null;
  if (LANDMARK.test(rest)) return 'landmark_only';
  if (rest === '' || TOWNSHIP_END.test(rest)) return 'township_only';
  return 'no_number';
}
