/**
 * Deterministic demo orders: a realistic day and a half of COD orders for a 二类电商 shop,
 * placed relative to a given instant. Everything except the order times depends only on the
 * seed, so re-loading the demo later updates the same orders instead of adding new ones.
 */
import { DEMO_ORDER_COUNT, type PaymentMethod } from '../../../shared/domain';
import { DEFAULT_TIME_ZONE, zonedParts } from '../../../shared/time';
import type { ImportedOrder } from '../import/importOrders';
import { ipv4RangesByProvince, mobilePrefixesByProvince, regionTable } from '../risk/data';
import {
  COMMUNITIES,
  GIVEN_DOUBLE,
  GIVEN_SINGLE,
  HOURLY_ORDER_WEIGHT,
  IP_FIRST_OCTETS,
  MOBILE_PREFIXES,
  PLACES,
  PLATFORM_STATUS,
  PRODUCTS,
  SOURCES,
  SURNAMES,
  VAGUE_ADDRESSES,
  VILLAGES,
  type Place,
} from './pools';

export { DEMO_ORDER_COUNT };
export const DEMO_SEED = 20261120;
/** The base time of the sample export files in resources/demo (npm run demo:files). */
export const DEMO_FILES_BASE_TIME = '2026-11-20T12:00:00+08:00';

/** Orders span this many hours before `now`; the newest was placed a few minutes ago. */
const SPAN_HOURS = 36;
const NEWEST_MINUTES_AGO = 10;

/** mulberry32: tiny, fast and good enough for demo data; no dependency. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T extends { weight: number }>(items: readonly T[]): T {
    const total = items.reduce((s, i) => s + i.weight, 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= item.weight;
      if (r < 0) return item;
    }
    return items[items.length - 1];
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

export function randomName(rng: Rng): string {
  // Roughly a third of buyers have two-character names.
  return rng.pick(SURNAMES) + (rng.chance(0.35) ? rng.pick(GIVEN_SINGLE) : rng.pick(GIVEN_DOUBLE));
}

export function randomMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

function randomIp(rng: Rng): string {
  return `${rng.pick(IP_FIRST_OCTETS)}.${rng.int(1, 254)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** Most buyers live where their number was issued and order from a network there. */
const LOCAL_PHONE = 0.85;
const LOCAL_IP = 0.85;

const provinceOf = (place: Place) => regionTable().region(place.province, place.city)?.province ?? null;

/** A mobile number issued in the place's province (the bundled number ranges), else any number. */
function mobileIn(rng: Rng, province: string | null): string {
  const prefixes = province ? mobilePrefixesByProvince().get(province) : undefined;
  return prefixes?.length ? `${rng.pick(prefixes)}${rng.digits(4)}` : randomMobile(rng);
}

/** An IPv4 address the bundled database places in the province, else any address. */
function ipIn(rng: Rng, province: string | null): string {
  const ranges = province ? ipv4RangesByProvince().get(province) : undefined;
  if (!ranges?.length) return randomIp(rng);
  const [first, last] = rng.pick(ranges);
  const n = first + Math.floor(rng.next() * (last - first + 1));
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

let placeProvinces: string[] | null = null;

/** A province other than `province` (a number or network far from the address). */
function elsewhere(rng: Rng, province: string | null): string | null {
  placeProvinces ??= [...new Set(PLACES.map(provinceOf))].filter((p): p is string => !!p);
  const others = placeProvinces.filter((p) => p !== province);
  return others.length ? rng.pick(others) : null;
}

/** A detailed street address (community, building, unit, room) or a village one for counties. */
export function detailedAddress(rng: Rng, place: Place): string {
  if (place.towns) {
    const town = rng.pick(place.towns);
    return rng.chance(0.7)
      ? `${town}${rng.pick(VILLAGES)}${rng.int(1, 12)}组${rng.int(1, 89)}号`
      : `${town}${rng.pick(['新华街', '建设路', '人民路', '解放路'])}${rng.int(1, 260)}号`;
  }
  const road = rng.pick(place.roads ?? ['人民路']);
  const room = `${rng.int(1, 28)}${String(rng.int(1, 4)).padStart(2, '0')}`;
  // Mostly homes; now and then an office front desk.
  const style = rng.next();
  switch (style < 0.4 ? 0 : style < 0.7 ? 1 : style < 0.9 ? 2 : 3) {
    case 0:
      return `${road}${rng.int(1, 399)}号${rng.pick(COMMUNITIES)}${rng.int(1, 18)}栋${rng.int(1, 4)}单元${room}室`;
    case 1:
      return `${rng.pick(COMMUNITIES)}${rng.int(1, 30)}号楼${rng.int(1, 6)}单元${room}`;
    case 2:
      return `${road}${rng.int(1, 399)}号院${rng.int(1, 12)}号楼${room}室`;
    default:
      return `${road}${rng.int(1, 399)}号${rng.pick(['华润大厦', '国贸中心', '恒丰大厦', '科创园'])}${rng.int(2, 26)}楼前台`;
  }
}

function vagueAddress(rng: Rng, place: Place): string {
  const landmark = rng.pick(VAGUE_ADDRESSES);
  return place.towns && rng.chance(0.6) ? `${rng.pick(place.towns)}${landmark}` : landmark;
}

interface Customer {
  name: string;
  phone: string;
  place: Place;
  address: string;
  account: string;
  source: (typeof SOURCES)[number];
  /** The province the customer's orders come from on the network. */
  ipProvince: string | null;
}

/**
 * A buyer. `suspicious` makes the kind of order a verify call exists for: a landmark-only address,
 * a number issued in another province, an order placed from a third one.
 */
function newCustomer(rng: Rng, usedPhones: Set<string>, suspicious = false): Customer {
  const place = rng.pick(PLACES);
  const home = provinceOf(place);
  const phoneProvince = suspicious || !rng.chance(LOCAL_PHONE) ? elsewhere(rng, home) : home;
  let phone = mobileIn(rng, phoneProvince);
  while (usedPhones.has(phone)) phone = mobileIn(rng, phoneProvince);
  usedPhones.add(phone);
  const ipProvince = suspicious ? elsewhere(rng, home) : rng.chance(LOCAL_IP) ? home : null;
  const source = rng.weighted(SOURCES);
  const account =
    source.accountPrefix === 'wx_'
      ? `wx_${Math.floor(rng.next() * 36 ** 8).toString(36).padStart(8, '0')}`
      : `${source.accountPrefix}${rng.digits(10)}`;
  return {
    name: randomName(rng),
    phone,
    place,
    // About one address in twenty names only a landmark.
    address: suspicious || rng.chance(0.05) ? vagueAddress(rng, place) : detailedAddress(rng, place),
    account,
    source,
    ipProvince,
  };
}

/** Distinct integers in [lo, hi), chosen by `rng`. */
function distinct(rng: Rng, n: number, lo: number, hi: number, exclude: Set<number>): number[] {
  const out: number[] = [];
  const room = hi - lo - exclude.size;
  while (out.length < Math.min(n, Math.max(0, room))) {
    const v = rng.int(lo, hi - 1);
    if (!exclude.has(v) && !out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * Order instants, oldest first: spread over the window before `now` following the hourly ad
 * traffic of the business zone, minute-aligned (shop exports carry minutes), newest last.
 */
function orderTimes(now: Date, count: number, seed: number, timeZone: string): Date[] {
  const rng = new Rng(seed ^ 0x9e3779b9);
  const end = Math.floor(now.getTime() / 60_000) - NEWEST_MINUTES_AGO;
  const minutes = SPAN_HOURS * 60 - NEWEST_MINUTES_AGO;
  const start = end - minutes;
  const cumulative: number[] = [];
  let total = 0;
  let hourWeight = 0;
  for (let m = 0; m <= minutes; m++) {
    // The hour changes only on whole hours in every real zone we serve; re-read it every 15 minutes.
    if (m % 15 === 0) hourWeight = HOURLY_ORDER_WEIGHT[zonedParts(new Date((start + m) * 60_000), timeZone).hour];
    total += hourWeight;
    cumulative.push(total);
  }
  const times: Date[] = [];
  for (let i = 0; i < count; i++) {
    if (i === count - 1) {
      times.push(new Date(end * 60_000));
      break;
    }
    const target = ((i + 0.15 + rng.next() * 0.7) / count) * total;
    let lo = 0;
    let hi = minutes;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    times.push(new Date((start + lo) * 60_000));
  }
  return times;
}

/**
 * About `count` (default 120) orders placed over the ~36 hours before `now`, oldest first.
 * A handful of customers order twice (same phone), a couple of orders arrive already cancelled
 * on the platform, most are cash on delivery.
 */
export function generateDemoOrders(now: Date, opts: { count?: number; seed?: number } = {}): ImportedOrder[] {
  const count = Math.max(1, Math.floor(opts.count ?? DEMO_ORDER_COUNT));
  const seed = (opts.seed ?? DEMO_SEED) >>> 0;
  const rng = new Rng(seed);
  const times = orderTimes(now, count, seed, DEFAULT_TIME_ZONE);

  // Repeat buyers: the later order reuses an earlier order's customer.
  const repeatOf = new Map<number, number>();
  const repeats = Math.min(8, Math.floor(count / 15));
  const laterOnes = distinct(rng, repeats, Math.min(10, count), count, new Set());
  const taken = new Set<number>(laterOnes);
  for (const j of laterOnes) {
    const [i] = distinct(rng, 1, 0, Math.max(1, j - 3), taken);
    if (i === undefined) continue;
    repeatOf.set(j, i);
    taken.add(i);
  }
  const cancelled = new Set(distinct(rng, Math.max(1, Math.round(count / 50)), 0, Math.max(1, count - 5), taken));
  // Two orders of the kind risk screening holds, among the newest (the top of the list).
  const newest = Math.max(0, count - 12);
  const busy = new Set([...taken, ...cancelled].filter((i) => i >= newest));
  const suspicious = new Set(distinct(rng, 2, newest, count, busy));

  let orderSerial = 100_000 + rng.int(0, 199_999);
  const usedPhones = new Set<string>();
  const customers: Customer[] = [];
  const orders: ImportedOrder[] = [];
  for (let i = 0; i < count; i++) {
    const earlier = repeatOf.get(i);
    const c = earlier !== undefined ? customers[earlier] : newCustomer(rng, usedPhones, suspicious.has(i));
    customers.push(c);
    // A repeat buyer sometimes orders the very same thing again (a duplicate the call must catch).
    const product = earlier !== undefined && rng.chance(0.4) ? PRODUCTS.find((p) => p.name === orders[earlier].product)! : rng.weighted(PRODUCTS);
    const pkg = rng.chance(0.7) ? product.packages[0] : rng.pick(product.packages);
    const quantity = rng.chance(0.08) ? 2 : 1;
    const paymentMethod: PaymentMethod = rng.chance(0.9) ? 'cod' : 'online';
    orderSerial += rng.int(1, 6);
    orders.push({
      row: i + 2, // as if read from a file with a header row
      orderNo: `DD2026112${orderSerial}`,
      customerName: c.name,
      phone: c.phone,
      province: c.place.province,
      city: c.place.city,
      district: c.place.district,
      address: c.address,
      product: product.name,
      package: pkg.package,
      quantity,
      amountFen: pkg.amountFen * quantity,
      paymentMethod,
      orderedAt: times[i].toISOString(),
      ip: c.ipProvince ? ipIn(rng, c.ipProvince) : randomIp(rng),
      buyerAccount: c.account,
      platformStatus: cancelled.has(i) ? PLATFORM_STATUS.cancelled : PLATFORM_STATUS[paymentMethod],
      source: c.source.name,
    });
  }
  return orders;
}
