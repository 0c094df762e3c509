import { describe, expect, it } from 'vitest';
import { reasonForKey, reasonKey } from '../../renderer/src/outcomes';
import { REASON_LISTS } from '../../shared/outcomes';

const list = (codes: readonly string[]) => codes.map((code) => ({ code }));

describe('the digits that pick a reason', () => {
  it('"other" is 0 on every list, the rest 1, 2, 3… in order', () => {
    for (const [name, codes] of Object.entries(REASON_LISTS)) {
      const reasons = list(codes);
      const keys = reasons.map((_, i) => reasonKey(reasons, i));
      expect(keys[codes.indexOf('other')], name).toBe('0');
      expect(keys.filter((k) => k !== '0'), name).toEqual(Array.from({ length: codes.length - 1 }, (_, i) => String(i + 1)));
      for (const [i, k] of keys.entries()) expect(reasonForKey(reasons, k!)?.code, `${name} ${k}`).toBe(codes[i]);
    }
  });
  it('a tenth reason on a list without "other" is 0; past that, no key', () => {
    const eleven = list(Array.from({ length: 11 }, (_, i) => `r${i}`));
    expect(eleven.map((_, i) => reasonKey(eleven, i))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', null]);
  });
});
