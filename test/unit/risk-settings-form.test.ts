/**
 * What the risk-rules form and the core check before settings are saved (one function for both),
 * the words it is said in, and how the blacklist import reads reasons, kinds and expiry dates.
 */
import { describe, expect, it } from 'vitest';
import { readExpiry, readKind, readReason } from '../../electron/services/risk/blacklist';
import { BLACKLIST_KINDS, BLACKLIST_REASONS } from '../../shared/contracts/risk';
import { LOCALES } from '../../shared/domain';
import { translator } from '../../shared/i18n';
import { endOfDay, expiryDate, expiryInstant } from '../../shared/risk/expiry';
import { RULE_IDS } from '../../shared/risk/rules';
import {
  applyRiskPatch,
  DEFAULT_RISK_SETTINGS,
  NUMBER_FIELDS,
  RiskSettingsInvalid,
  riskSettingsProblems,
  type RiskSettingsDraft,
} from '../../shared/risk/settings';

const TZ = 'Asia/Shanghai';
const draft = (edit: (d: RiskSettingsDraft) => void): RiskSettingsDraft => {
  const d = structuredClone(DEFAULT_RISK_SETTINGS) as unknown as RiskSettingsDraft;
  edit(d);
  return d;
};

describe('risk settings as typed', () => {
  it('the defaults have no problem', () => {
    expect(riskSettingsProblems(DEFAULT_RISK_SETTINGS)).toEqual([]);
  });

  it('an emptied field is said to be empty (it is not taken as 0)', () => {
    const p = riskSettingsProblems(draft((d) => (d.rules.duplicate_order.windowHours = null)));
    expect(p).toEqual([
      { path: 'rules.duplicate_order.windowHours', rule: 'duplicate_order', name: 'windowHours', problem: 'required', params: { min: 1, max: 2160 } },
    ]);
  });

  it('numbers out of range, fractions, and a medium line not below the high line', () => {
    const p = riskSettingsProblems(
      draft((d) => {
        d.rules.vague_address.weight = -1;
        d.rules.buyer_history.maxCounted = 1.5;
        d.thresholds.medium = 70;
        d.thresholds.high = 60;
      }),
    );
    expect(p.map((x) => [x.path, x.problem, x.params])).toEqual([
      ['rules.vague_address.weight', 'range', { min: 0, max: 200 }],
      ['rules.buyer_history.maxCounted', 'range', { min: 1, max: 10 }],
      ['thresholds.medium', 'medium_below_high', { medium: 70, high: 60 }],
    ]);
    expect(() => applyRiskPatch(DEFAULT_RISK_SETTINGS, { thresholds: { medium: 70, high: 60 } })).toThrow(RiskSettingsInvalid);
  });

  it('every number of the settings is checked with the schema\'s own range', () => {
    const paths = NUMBER_FIELDS.map((f) => f.path);
    expect(paths).toContain('thresholds.medium');
    expect(paths).toContain('rules.multi_account.minNamesPerPhone');
    expect(paths).toContain('rules.buyer_history.restrictCodAfterRefusals');
    for (const f of NUMBER_FIELDS) {
      const over = riskSettingsProblems(
        draft((d) => {
          const [head, ...rest] = f.path.split('.');
          let o = (d as Record<string, Record<string, unknown>>)[head];
          for (const k of rest.slice(0, -1)) o = o[k] as Record<string, unknown>;
          o[rest.at(-1)!] = f.max + 1;
        }),
      );
      expect(over.map((x) => x.path), f.path).toContain(f.path);
    }
  });

  it('every field, problem and rule is said in words in each language', () => {
    for (const l of LOCALES) {
      const t = translator(l);
      for (const f of NUMBER_FIELDS) expect(t(`risk.settings.fieldNames.${f.name}`), `${l} ${f.name}`).not.toMatch(/risk\.|\$t/);
      for (const p of ['required', 'range', 'medium_below_high', 'area_line', 'too_many_areas', 'dead_outcomes']) {
        expect(t(`risk.settings.problems.${p}`, { min: 1, max: 2, medium: 70, high: 60, line: 3, province: 30, city: 40 }), `${l} ${p}`).not.toMatch(/risk\.|\{\{/);
      }
      for (const id of RULE_IDS) expect(t(`risk.settings.explain.${id}`), `${l} ${id}`).not.toContain('risk.');
    }
  });
});

describe('blacklist expiry dates', () => {
  it('a date is stored as the end of that business day and read back as that date', () => {
    expect(endOfDay('2027-06-30', TZ)).toBe('2027-06-30T16:00:00.000Z');
    expect(endOfDay('2027-02-30', TZ)).toBeNull();
    expect(expiryDate('2027-06-30T16:00:00.000Z', TZ)).toBe('2027-06-30');
    expect(expiryInstant('2027-06-30T03:00:00.000Z', TZ)).toBe('2027-06-30T16:00:00.000Z');
    expect(expiryInstant('2027-06-30T16:00:00.000Z', TZ)).toBe('2027-06-30T16:00:00.000Z');
  });

  it('reads the ways a sheet writes a date', () => {
    for (const cell of ['2027-06-30', '2027/6/30', '2027.06.30', '2027年6月30日', '２０２７-０６-３０', '46568', new Date(Date.UTC(2027, 5, 30))]) {
      expect(readExpiry(cell, TZ), String(cell)).toBe('2027-06-30T16:00:00.000Z');
    }
    // An instant (older exports wrote the moment the day ends) or a time counts through the day before it.
    expect(readExpiry('2027-06-30T16:00:00.000Z', TZ)).toBe('2027-06-30T16:00:00.000Z');
    expect(readExpiry('2027-07-01 00:00', TZ)).toBe('2027-06-30T16:00:00.000Z');
    expect(readExpiry('2027-06-30 18:00', TZ)).toBe('2027-06-30T16:00:00.000Z');
    expect(readExpiry('下个月', TZ)).toBeNull();
    expect(readExpiry('2027-13-01', TZ)).toBeNull();
  });
});

describe('blacklist reasons and kinds in a file', () => {
  it('every code and every label in every language reads back as itself', () => {
    for (const l of LOCALES) {
      const t = translator(l);
      for (const r of BLACKLIST_REASONS) {
        expect(readReason(r), r).toBe(r);
        expect(readReason(t(`blacklist.reasons.${r}`)), `${l} ${r}`).toBe(r);
      }
      for (const k of BLACKLIST_KINDS) expect(readKind(t(`blacklist.kinds.${k}`)), `${l} ${k}`).toBe(k);
    }
  });

  it('close synonyms and parts of a label are read; anything else is not guessed', () => {
    expect(readReason('虚假下单')).toBe('fake_orders');
    expect(readReason('恶意下单')).toBe('fake_orders');
    expect(readReason('刷单')).toBe('fake_orders');
    expect(readReason('诈骗')).toBe('fraud');
    expect(readReason('敲诈')).toBe('fraud');
    expect(readReason('Fake_Orders')).toBe('fake_orders');
    expect(readReason(' 职业打假人 ')).toBe('professional_complainer');
    expect(readReason('拒收')).toBe('repeat_refuser');
    expect(readReason('辱骂')).toBe('abusive');
    expect(readReason('乱写原因')).toBeNull();
    expect(readReason('不是骗子')).toBeNull();
    expect(readKind('手机')).toBe('phone');
    expect(readKind('邮箱')).toBeNull();
  });
});
