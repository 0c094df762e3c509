import { describe, expect, it } from 'vitest';
import { MAX_FLOW_DEPTH, MAX_PACK_CHARS, validatePackText } from '../../shared/scriptpack';

describe('a pack text that would freeze the workstation is refused quickly, with where and why', () => {
  it('brackets nested past the limit (a bracket never closed): one problem at the bracket', () => {
    const text = `id: deep\nname: x\nflows: ${'['.repeat(MAX_FLOW_DEPTH + 1)}\n${'['.repeat(500_000)}`;
    const v = validatePackText(text);
    expect(v.issues).toEqual([{ code: 'too_deep', path: '', line: 3, column: 'flows: '.length + MAX_FLOW_DEPTH + 1, params: { max: MAX_FLOW_DEPTH } }]);
  });

  it('a mapping with tens of thousands of keys is read in one pass, and a repeated key still named by line', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: v`).join('\n');
    const v = validatePackText(`id: many\n${keys}\nk7: again\n`);
    expect(v.ok).toBe(false);
    expect(v.issues[0]).toMatchObject({ code: 'syntax_error', line: 50_002, column: 1 });
  });

  it('over the size limit: refused before reading', () => {
    const v = validatePackText(`id: big\nname: "${'x'.repeat(MAX_PACK_CHARS)}"\n`);
    expect(v.issues).toEqual([expect.objectContaining({ code: 'too_large', params: expect.objectContaining({ max: MAX_PACK_CHARS }) })]);
  });

  it('ordinary nesting passes the check: placeholders and inline labels', () => {
    const v = validatePackText('id: ok\nlabel: { zh-CN: "{{order.price}}", en: "[{{order.price}}]" }\n');
    expect(v.issues.some((i) => i.code === 'too_deep')).toBe(false);
  });
});
