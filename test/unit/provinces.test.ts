import { describe, expect, test } from 'vitest';
import { isKnownProvince, PROVINCES } from '../../shared/provinces';

describe('provinces typed on a call', () => {
  test('every province-level region is known, with or without its suffix, in either script', () => {
    expect(PROVINCES).toHaveLength(34);
    for (const p of PROVINCES) expect(isKnownProvince(p), p).toBe(true);
    for (const p of ['广东', ' 黑龙江省 ', '內蒙古自治區', '廣東省', '臺灣', '香港']) expect(isKnownProvince(p), p).toBe(true);
  });
  test('anything else is not a province', () => {
    for (const p of ['IDD2026112106924', '人民路1号', '', '东广省', '深圳市']) expect(isKnownProvince(p), p).toBe(false);
  });
});
