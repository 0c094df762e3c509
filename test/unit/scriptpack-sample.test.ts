import { describe, expect, it } from 'vitest';
import { BUILTIN_SAMPLE, HELD_SAMPLE, sampleForPack } from '../../shared/scriptpack';

describe("a pack's preview on a made-up order", () => {
  it('speaks of the first product a product pack is written for', () => {
    expect(sampleForPack(BUILTIN_SAMPLE, ['阿胶糕', '红枣']).product).toBe('阿胶糕');
    expect(sampleForPack(HELD_SAMPLE, ['阿胶糕']).product).toBe('阿胶糕');
  });
  it('keeps the sample as it is for a pack for any product, or one that lists its product', () => {
    expect(sampleForPack(BUILTIN_SAMPLE, undefined)).toBe(BUILTIN_SAMPLE);
    expect(sampleForPack(BUILTIN_SAMPLE, [])).toBe(BUILTIN_SAMPLE);
    expect(sampleForPack(BUILTIN_SAMPLE, ['红枣', BUILTIN_SAMPLE.product])).toBe(BUILTIN_SAMPLE);
  });
});
