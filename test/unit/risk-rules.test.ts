/**
 * The pure risk rules, one by one: each fires on its evidence, stays quiet without it, and never
 * fires on a region it does not know. Then the ladder of levels and the region/address folding.
 */
import { describe, expect, it } from 'vitest';
import divisions from '../../resources/regions/divisions.json';
import { addressKey, addressVagueness, sameRecipient } from '../../shared/risk/address';
import { cityShortName, provinceShortName, RegionTable, type Region } from '../../shared/risk/regions';
import { assessRisk, levelFor, regionsDiffer, type RiskFact, type ScreenedOrder, type ScreeningContext } from '../../shared/risk/rules';
import { applyRiskPatch, DEFAULT_RISK_SETTINGS, type RiskSettings } from '../../shared/risk/settings';
import { riskFactText } from '../../shared/risk/view';
import type { Locale } from '../../shared/domain';
import { translator } from '../../shared/i18n';

const table = new RegionTable(divisions);
const region = (p: string, c: string): Region => table.region(p, c)!;
const T0 = Date.parse('2026-11-20T04:00:00Z');
const H = 3_600_000;

/** Only the named rule switched on, so each test sees its own facts. */
function only(rule: keyof RiskSettings['rules'], patch: Partial<RiskSettings> = {}): RiskSettings {
  const rules = Object.fromEntries(
    Object.entries(DEFAULT_RISK_SETTINGS.rules).map(([id, r]) => [id, { ...r, enabled: id === rule }]),
  ) as RiskSettings['rules'];
  return { ...DEFAULT_RISK_SETTINGS, ...patch, rules: { ...rules, ...patch.rules } };
}

function other(o: Partial<ScreenedOrder>): ScreenedOrder {
  return {
    orderNo: 'DD0',
    status: 'pending_verify',
    at: T0 - 2 * H,
    phone: '13945101234',
    account: 'dy1234567890',
    name: '张秀英',
    addressKey: addressKey('广东省', '深圳市', '南山区', '科技南路18号阳光花园3栋502'),
    products: ['晚安冻膜'],
    ...o,
  };
}

function context(o: Partial<ScreeningContext['order']> = {}, c: Partial<Omit<ScreeningContext, 'order'>> = {}): ScreeningContext {
  const order = {
    orderNo: 'DD1',
    status: 'pending_verify' as const,
    at: T0,
    phone: '13945101234',
    account: 'dy1234567890',
    name: '张秀英',
    products: ['晚安冻膜'],
    paymentMethod: 'cod' as const,
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    address: '科技南路18号阳光花园3栋502',
    addressKey: '',
    ...o,
  };
  order.addressKey = o.addressKey ?? addressKey(order.province, order.city, order.district, order.address);
  return {
    order,
    phone: { kind: 'mobile', region: region('广东', '深圳') },
    ip: { address: '183.14.1.1', region: region('广东', '深圳'), datacenter: false },
    ship: table.region(order.province, order.city),
    related: [],
    blacklist: [],
    deadCalls: [],
    now: T0,
    ...c,
  };
}

const kinds = (facts: RiskFact[]) => facts.map((f) => `${f.rule}.${f.kind}`);
const run = (c: ScreeningContext, s: RiskSettings) => kinds(assessRisk(c, s).facts);

describe('regions', () => {
  it('normalise province and city names to the short forms people type', () => {
    expect(provinceShortName('广西壮族自治区')).toBe('广西');
    expect(provinceShortName('内蒙古自治区')).toBe('内蒙古');
    expect(provinceShortName('北京市')).toBe('北京');
    expect(provinceShortName('广东')).toBe('广东');
    expect(cityShortName('恩施土家族苗族自治州')).toBe('恩施');
    expect(cityShortName('深圳市')).toBe('深圳');
    expect(table.region('广东', '深圳')).toEqual(table.region('广东省', '深圳市'));
    expect(table.region('湖北省', '恩施州')?.cities).toEqual(['恩施']);
    expect(table.region('北京', '')?.label).toBe('北京');
    expect(table.parse('辽宁省沈阳市、铁岭市、抚顺市')).toMatchObject({ province: '辽宁', cities: ['沈阳', '铁岭', '抚顺'] });
    expect(table.region('火星', '某市')).toBeNull();
  });

  it('compare by province by default; by city only when asked, and never against the capital or an unknown', () => {
    const sz = region('广东', '深圳');
    expect(regionsDiffer(region('黑龙江', '哈尔滨'), sz, 'province')).toBe('province');
    expect(regionsDiffer(region('广东', '东莞'), sz, 'province')).toBe(false);
    expect(regionsDiffer(region('广东', '东莞'), sz, 'city')).toBe('city');
    // Many ranges and IPs sit in the provincial capital: Guangzhou says nothing about the city.
    expect(regionsDiffer(region('广东', '广州'), sz, 'city')).toBe(false);
    expect(regionsDiffer(null, sz, 'province')).toBe(false);
    expect(regionsDiffer(sz, null, 'province')).toBe(false);
  });
});

describe('addresses', () => {
  it('fold the ways one door is written into one key', () => {
    const a = addressKey('广东省', '深圳市', '南山区', '广东省深圳市南山区科技南路18号 阳光花园3号楼502室');
    const b = addressKey('广东', '深圳', '南山区', '科技南路１８号阳光花园三栋502');
    expect(a).toBe(b);
    expect(addressKey('广东', '深圳', '南山区', '科技南路18号阳光花园3栋503')).not.toBe(a);
  });

  it('tell landmark-only, township-only and number-less addresses from good ones', () => {
    expect(addressVagueness('四川省', '南充市', '仪陇县', '新政镇广场西边小卖部')).toBe('landmark_only');
    expect(addressVagueness('河南省', '周口市', '太康县', '河南省周口市太康县老冢镇')).toBe('township_only');
    expect(addressVagueness('河南省', '周口市', '太康县', '老冢镇张庄村')).toBe('township_only');
    expect(addressVagueness('广东省', '深圳市', '南山区', '阳光花园')).toBe('no_number');
    expect(addressVagueness('河南省', '周口市', '太康县', '老冢镇张庄村3组15号')).toBeNull();
    expect(addressVagueness('广东省', '深圳市', '南山区', '科技南路18号阳光花园3栋502')).toBeNull();
    expect(addressVagueness('广东省', '深圳市', '南山区', '万达广场B座1201')).toBeNull();
  });

  it('take 张女士 for 张秀英 but not for 李强', () => {
    expect(sameRecipient('张秀英', '张女士')).toBe(true);
    expect(sameRecipient('张 秀英', '张秀英')).toBe(true);
    expect(sameRecipient('张秀英', '李强')).toBe(false);
  });
});

describe('rule: duplicate_order', () => {
  const s = only('duplicate_order');
  it('fires on the same phone and product within the window', () => {
    const facts = assessRisk(context({}, { related: [other({ orderNo: 'DD0' })] }), s).facts;
    expect(kinds(facts)).toEqual(['duplicate_order.phone']);
    expect(facts[0].params).toMatchObject({ hours: 24, orders: 'DD0' });
    expect(facts[0].orders).toEqual(['DD0']);
  });
  it('fires on the same account under another phone', () => {
    expect(run(context({}, { related: [other({ phone: '13800138000' })] }), s)).toEqual(['duplicate_order.account']);
  });
  it('is quiet outside the window, for other products, and for cancelled orders', () => {
    expect(run(context({}, { related: [other({ at: T0 - 25 * H })] }), s)).toEqual([]);
    expect(run(context({}, { related: [other({ products: ['老花镜'] })] }), s)).toEqual([]);
    expect(run(context({}, { related: [other({ status: 'cancelled' })] }), s)).toEqual([]);
    expect(run(context({}, { related: [other({ phone: '13800138000', account: 'ks1' })] }), s)).toEqual([]);
  });
  it('follows the window setting', () => {
    const wide = applyRiskPatch(s, { rules: { duplicate_order: { windowHours: 48 } } });
    expect(run(context({}, { related: [other({ at: T0 - 25 * H })] }), wide)).toEqual(['duplicate_order.phone']);
  });
});

describe('rule: multi_account', () => {
  const s = only('multi_account');
  const sameDoor = addressKey('广东省', '深圳市', '南山区', '科技南路18号阳光花园3栋502');
  it('fires when three phones converge on one address within the window', () => {
    const related = [
      other({ orderNo: 'A', phone: '13800000001', account: 'a1', addressKey: sameDoor }),
      other({ orderNo: 'B', phone: '13800000002', account: 'a2', addressKey: sameDoor }),
    ];
    const facts = assessRisk(context({}, { related }), s).facts;
    expect(kinds(facts)).toEqual(['multi_account.address']);
    expect(facts[0].params).toMatchObject({ phones: 3, accounts: 3 });
  });
  it('is quiet for two phones (a family), or when the third is outside the window', () => {
    expect(run(context({}, { related: [other({ phone: '13800000001', account: 'a1', addressKey: sameDoor })] }), s)).toEqual([]);
    const related = [
      other({ phone: '13800000001', account: 'a1', addressKey: sameDoor }),
      other({ phone: '13800000002', account: 'a2', addressKey: sameDoor, at: T0 - 100 * H }),
    ];
    expect(run(context({}, { related }), s)).toEqual([]);
  });
  it('fires when one phone orders under two names, but not for 张女士', () => {
    expect(run(context({}, { related: [other({ name: '李强', addressKey: 'x' })] }), s)).toEqual(['multi_account.names']);
    expect(run(context({}, { related: [other({ name: '张女士', addressKey: 'x' })] }), s)).toEqual([]);
  });
});

describe('facts said in each language', () => {
  it("joins a fact's order numbers and names the way the language joins lists, old stored facts too", () => {
    const related = [other({ orderNo: 'DD1' }), other({ orderNo: 'DD2', at: T0 - H }), other({ orderNo: 'DD3', name: '李强', at: T0 - 3 * H })];
    const facts = assessRisk(context({}, { related }), DEFAULT_RISK_SETTINGS).facts;
    const say = (l: Locale, rule: string) => riskFactText(translator(l), facts.find((f) => `${f.rule}.${f.kind}` === rule)!);
    expect(say('en', 'duplicate_order.phone')).toBe('Same phone ordered the same item(s) within 24 h (DD1, DD2, DD3)');
    expect(say('zh-CN', 'duplicate_order.phone')).toContain('DD1、DD2、DD3');
    expect(say('en', 'multi_account.names')).toMatch(/: (张秀英, 李强|李强, 张秀英)$/);
    // A fact screened before lists were joined per language reads the same way.
    const stored = { messageKey: 'risk.facts.duplicate_order.account', params: { hours: 24, count: 2, orders: 'DD7、DD8' } };
    expect(riskFactText(translator('en'), stored)).toBe('Same account ordered the same item(s) within 24 h (DD7, DD8)');
    expect(riskFactText(translator('zh-TW'), stored)).toContain('DD7、DD8');
  });

  it("says a buyer's history without the counts that are zero", () => {
    const say = (l: Locale, kind: string, refused: number, rejected: number) =>
      riskFactText(translator(l), { messageKey: `risk.facts.buyer_history.${kind}`, params: { refused, rejected, orders: 'DD1、DD2' } });
    expect(say('en', 'refusals', 0, 1)).toBe('Earlier orders of this buyer: 1 rejected (DD1, DD2)');
    expect(say('en', 'refusals', 1, 0)).toBe('Earlier orders of this buyer: 1 refused at the door (DD1, DD2)');
    expect(say('en', 'refusals', 2, 1)).toBe('Earlier orders of this buyer: 2 refused at the door, 1 rejected (DD1, DD2)');
    expect(say('en', 'cod_restricted', 2, 0)).toBe('Earlier orders of this buyer: 2 refused at the door (DD1, DD2): COD restricted, online payment only');
    expect(say('zh-CN', 'refusals', 0, 1)).toBe('该买家有 1 次拒单记录（DD1、DD2）');
    expect(say('zh-TW', 'cod_restricted', 2, 1)).toBe('該買家已拒收 2 次、拒單 1 次（DD1、DD2）：限制貨到付款，需線上支付');
  });
});

describe('rule: phone_region_mismatch', () => {
  const s = only('phone_region_mismatch');
  it('fires when the number is registered in another province, naming both', () => {
    const facts = assessRisk(context({}, { phone: { kind: 'mobile', region: region('黑龙江', '哈尔滨') } }), s).facts;
    expect(kinds(facts)).toEqual(['phone_region_mismatch.province']);
    expect(facts[0].params).toEqual({ phoneRegion: '黑龙江哈尔滨', shipRegion: '广东深圳' });
  });
  it('is quiet in the same province, and for an unknown range or shipping region', () => {
    expect(run(context({}, { phone: { kind: 'mobile', region: region('广东', '东莞') } }), s)).toEqual([]);
    expect(run(context({}, { phone: { kind: 'mobile', region: null } }), s)).toEqual([]);
    expect(run(context({ province: '', city: '' }, { ship: null, phone: { kind: 'mobile', region: region('黑龙江', '哈尔滨') } }), s)).toEqual([]);
  });
  it('compares cities when set to city level', () => {
    const city = { ...s, compareLevel: 'city' as const };
    expect(run(context({}, { phone: { kind: 'mobile', region: region('广东', '东莞') } }), city)).toEqual(['phone_region_mismatch.city']);
  });
});

describe('rule: ip_region_mismatch', () => {
  const s = only('ip_region_mismatch');
  it('fires when the order IP is in another province', () => {
    const facts = assessRisk(context({}, { ip: { address: '113.5.175.64', region: region('黑龙江', '绥化'), datacenter: false } }), s).facts;
    expect(kinds(facts)).toEqual(['ip_region_mismatch.province']);
    expect(facts[0].params).toMatchObject({ ip: '113.5.175.64', ipRegion: '黑龙江绥化', shipRegion: '广东深圳' });
  });
  it('is quiet for an unknown IP, a same-province IP, and cloud IPs (unless told otherwise)', () => {
    expect(run(context({}, { ip: { address: '10.0.0.1', region: null, datacenter: false } }), s)).toEqual([]);
    expect(run(context({}, { ip: { address: '1.1.1.1', region: region('广东', '广州'), datacenter: false } }), s)).toEqual([]);
    const cloud = { ip: { address: '120.24.78.68', region: region('浙江', '杭州'), datacenter: true } };
    expect(run(context({}, cloud), s)).toEqual([]);
    expect(run(context({}, cloud), applyRiskPatch(s, { rules: { ip_region_mismatch: { ignoreDatacenterIps: false } } }))).toEqual(['ip_region_mismatch.province']);
  });
});

describe('rule: invalid_contact', () => {
  const s = only('invalid_contact');
  it('fires on missing, malformed and non-mobile numbers (the last at half weight)', () => {
    expect(run(context({ phone: '' }, { phone: { kind: 'missing', region: null } }), s)).toEqual(['invalid_contact.missing']);
    expect(run(context({ phone: '14012345678' }, { phone: { kind: 'invalid', region: null } }), s)).toEqual(['invalid_contact.malformed']);
    const landline = assessRisk(context({ phone: '075588889999' }, { phone: { kind: 'landline', region: region('广东', '深圳') } }), s);
    expect(kinds(landline.facts)).toEqual(['invalid_contact.not_mobile']);
    expect(landline.score).toBe(30);
  });
  it('fires on a number an earlier call found empty, within the age limit only', () => {
    expect(run(context({}, { deadCalls: [{ outcome: 'empty_number', at: T0 - 10 * 24 * H }] }), s)).toEqual(['invalid_contact.dead_number']);
    expect(run(context({}, { deadCalls: [{ outcome: 'empty_number', at: T0 - 200 * 24 * H }] }), s)).toEqual([]);
    expect(run(context({}, { deadCalls: [{ outcome: 'no_answer', at: T0 - H }] }), s)).toEqual([]);
  });
  it('is quiet for a valid mobile with no dead calls', () => {
    expect(run(context(), s)).toEqual([]);
  });
});

describe('rule: blacklist_hit', () => {
  const s = only('blacklist_hit');
  it('fires once per matching entry, with the reason', () => {
    const facts = assessRisk(
      context({}, {
        blacklist: [
          { kind: 'phone', reason: 'professional_complainer', note: '', display: '13945101234' },
          { kind: 'name_address', reason: 'abusive', note: '骂人', display: '张秀英 / 广东深圳' },
        ],
      }),
      s,
    );
    expect(kinds(facts.facts)).toEqual(['blacklist_hit.phone', 'blacklist_hit.name_address']);
    expect(facts.level).toBe('high');
  });
  it('is quiet without matches', () => {
    expect(run(context(), s)).toEqual([]);
  });
});

describe('rule: vague_address', () => {
  const s = only('vague_address');
  it('fires on landmark-only and township-only addresses at full weight, number-less at half', () => {
    expect(assessRisk(context({ address: '广场西边小卖部' }), s)).toMatchObject({ score: 30, level: 'medium' });
    expect(run(context({ province: '河南省', city: '周口市', district: '太康县', address: '老冢镇' }), s)).toEqual(['vague_address.township_only']);
    expect(assessRisk(context({ address: '阳光花园' }), s)).toMatchObject({ score: 15, level: 'low' });
  });
  it('is quiet for an address with a number', () => {
    expect(run(context(), s)).toEqual([]);
  });
});

describe('rule: remote_area', () => {
  const s = only('remote_area');
  it('fires for COD to a listed province or city, and asks for online payment', () => {
    const tibet = assessRisk(context({ province: '西藏自治区', city: '拉萨市', district: '城关区', address: '北京中路12号' }, { ship: region('西藏', '拉萨') }), s);
    expect(kinds(tibet.facts)).toEqual(['remote_area.cod']);
    expect(tibet.onlineOnly).toBe(true);
    expect(run(context({ province: '新疆维吾尔自治区', city: '喀什地区' }, { ship: region('新疆', '喀什地区') }), s)).toEqual(['remote_area.cod']);
  });
  it('is quiet for prepaid orders, unlisted cities of a partly listed province, and unknown regions', () => {
    expect(run(context({ paymentMethod: 'online' }, { ship: region('西藏', '拉萨') }), s)).toEqual([]);
    expect(run(context({}, { ship: region('新疆', '乌鲁木齐') }), s)).toEqual([]);
    expect(run(context({}, { ship: null }), s)).toEqual([]);
  });
});

describe('rule: buyer_history', () => {
  const s = only('buyer_history');
  it('counts earlier refusals and rejections of the same phone or account', () => {
    const a = assessRisk(context({}, { related: [other({ orderNo: 'R1', status: 'refused', at: T0 - 900 * H })] }), s);
    expect(kinds(a.facts)).toEqual(['buyer_history.refusals']);
    expect(a.score).toBe(35);
    expect(a.onlineOnly).toBe(false);
  });
  it('restricts COD after two refusals', () => {
    const related = [other({ orderNo: 'R1', status: 'refused' }), other({ orderNo: 'R2', status: 'refused', phone: '13800000009' })];
    const a = assessRisk(context({}, { related }), s);
    expect(kinds(a.facts)).toEqual(['buyer_history.cod_restricted']);
    expect(a.onlineOnly).toBe(true);
    expect(a.level).toBe('high');
  });
  it('is quiet for signed orders and for other buyers at the same address', () => {
    expect(run(context({}, { related: [other({ status: 'signed' })] }), s)).toEqual([]);
    expect(run(context({}, { related: [other({ status: 'refused', phone: '13800000001', account: 'zz' })] }), s)).toEqual([]);
  });
});

describe('score and levels', () => {
  it('place a score on the ladder: low below medium, medium below high, high from high', () => {
    const t = DEFAULT_RISK_SETTINGS.thresholds;
    expect(levelFor(0, t)).toBe('low');
    expect(levelFor(t.medium - 1, t)).toBe('low');
    expect(levelFor(t.medium, t)).toBe('medium');
    expect(levelFor(t.high - 1, t)).toBe('medium');
    expect(levelFor(t.high, t)).toBe('high');
  });

  it('add the points of every fact: two region mismatches are medium, with a vague address high', () => {
    const c = context(
      { address: '广场西边小卖部' },
      { phone: { kind: 'mobile', region: region('黑龙江', '哈尔滨') }, ip: { address: '113.5.175.64', region: region('黑龙江', '绥化'), datacenter: false } },
    );
    const noVague = applyRiskPatch(DEFAULT_RISK_SETTINGS, { rules: { vague_address: { enabled: false } } });
    expect(assessRisk(c, noVague)).toMatchObject({ score: 35, level: 'medium' });
    expect(assessRisk(c)).toMatchObject({ score: 65, level: 'high' });
  });

  it('a clean order is low with no facts; a switched-off rule adds nothing', () => {
    expect(assessRisk(context())).toMatchObject({ score: 0, level: 'low', facts: [] });
    const off = applyRiskPatch(DEFAULT_RISK_SETTINGS, { rules: { blacklist_hit: { enabled: false } } });
    expect(assessRisk(context({}, { blacklist: [{ kind: 'phone', reason: 'fraud', note: '', display: 'x' }] }), off).facts).toEqual([]);
  });

  it('refuse thresholds in the wrong order', () => {
    expect(() => applyRiskPatch(DEFAULT_RISK_SETTINGS, { thresholds: { medium: 60, high: 25 } })).toThrow();
  });
});

describe('blacklist expiry', () => {
  it('a picked date lasts until that day ends in the business zone', async () => {
    const { endOfDay } = await import('../../shared/risk/expiry');
    expect(endOfDay('2027-06-30', 'Asia/Shanghai')).toBe('2027-06-30T16:00:00.000Z');
    expect(endOfDay('2027-6-1', 'Asia/Shanghai')).toBe('2027-06-01T16:00:00.000Z');
    expect(endOfDay('next week', 'Asia/Shanghai')).toBeNull();
  });
});
