/**
 * What a trainer's review of the Scripts screen found, pinned down: a tab used for indentation is
 * reported once (not as a cascade of misleading parser errors), a pack written for some products
 * is offered only for those, a preview says when a real order does not fit the flow (and its
 * samples always do), and the shipped default pack's comments name the keys the card uses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activationScopes, DEFAULT_SCOPE } from '../../shared/contracts/packs';
import { FLOWS } from '../../shared/domain';
import { FLOW_STATUSES, orderFitsFlow } from '../../shared/flows';
import { BUILTIN_SAMPLE, describeIssue, rootCauses, runScript, SAMPLE_STATUS, sampleScriptContext, validatePackText } from '../../shared/scriptpack';
import { FLOW_STATUSES as QUEUE_FLOW_STATUSES } from '../../electron/services/queue';
import { BASE_PACK, edit, SHIPPED_DEFAULT_TEXT, t, validPack, where } from '../helpers/packs';

/** The shipped default pack with one objection item indented by a tab instead of two spaces (the review's broken-tab.yaml). */
const TAB_PACK = edit(SHIPPED_DEFAULT_TEXT, '\n  - id: found_cheaper\n', '\n\t- id: found_cheaper\n');

describe('a tab used for indentation', () => {
  it('is the only problem reported: the line and column of the tab, and what to do', () => {
    const v = validatePackText(TAB_PACK);
    const tabLine = where(TAB_PACK, '\t- id: found_cheaper').line;
    // Before: 11 problems, among them "a closing quote or bracket is missing" that was not.
    expect(v.issues).toEqual([{ code: 'syntax_error', path: '', line: tabLine, column: 1, params: { problem: 'TAB_AS_INDENT', text: 'Tabs are not allowed as indentation' } }]);
    expect(describeIssue(v.issues[0], t('zh-CN'))).toBe(
      '这个文件无法按 YAML 或 JSON 读取：YAML 不能用 Tab 缩进：请把这一行开头的 Tab 换成空格（编辑器可以把缩进全部转成空格），改好后再载入，其余内容才能检查。',
    );
    expect(describeIssue(v.issues[0], t('en'))).toContain('replace the tab at the start of this line with spaces');
    expect([v.ok, v.pack]).toEqual([false, null]);
  });

  it('on several lines: each tab line once, nothing that follows from them', () => {
    const text = edit(edit(BASE_PACK, '\n  en: Test scripts\n', '\n\ten: Test scripts\n'), '\n  upsell:\n', '\n\tupsell:\n');
    const v = validatePackText(text);
    expect(v.issues.map((i) => [i.line, i.column, i.params.problem])).toEqual([
      [where(text, '\ten: Test').line, 1, 'TAB_AS_INDENT'],
      [where(text, '\tupsell:').line, 1, 'TAB_AS_INDENT'],
    ]);
  });

  it('keeps a problem before the first tab (it cannot follow from it), and every other syntax problem as it was', () => {
    const problems = [
      { line: 3, column: 5, code: 'DUPLICATE_KEY', detail: '' },
      { line: 9, column: 1, code: 'TAB_AS_INDENT', detail: '' },
      { line: 9, column: 1, code: 'BLOCK_AS_IMPLICIT_KEY', detail: '' },
      { line: 9, column: 2, code: 'MISSING_CHAR', detail: '' },
      { line: 12, column: 1, code: 'BAD_INDENT', detail: '' },
    ];
    expect(rootCauses(problems).map((p) => p.code)).toEqual(['DUPLICATE_KEY', 'TAB_AS_INDENT']);
    const noTab = problems.filter((p) => p.code !== 'TAB_AS_INDENT');
    expect(rootCauses(noTab)).toEqual(noTab);
    // A tab between a key and its value is no indentation: the pack is fine.
    expect(validatePackText(edit(BASE_PACK, 'zh-CN: 测试话术', 'zh-CN:\t测试话术')).issues).toEqual([]);
  });
});

describe('where a version may be activated', () => {
  it('a pack that lists its products: only those, never as the default for every product', () => {
    expect(activationScopes(['鲍鱼罐头'], ['晚安冻膜', '鲍鱼罐头'])).toEqual(['鲍鱼罐头']);
    expect(activationScopes(['鲍鱼罐头', '阿胶糕'])).toEqual(['鲍鱼罐头', '阿胶糕']);
  });

  it('a pack for any product: the default first, then every known product', () => {
    expect(activationScopes([], ['晚安冻膜', '鲍鱼罐头'])).toEqual([DEFAULT_SCOPE, '晚安冻膜', '鲍鱼罐头']);
    expect(activationScopes([])).toEqual([DEFAULT_SCOPE]);
  });
});

describe('the preview and the flow an order is for', () => {
  it('knows which orders each flow calls (the queue uses the same table)', () => {
    expect(QUEUE_FLOW_STATUSES).toBe(FLOW_STATUSES);
    expect(orderFitsFlow('pending_verify', 'track')).toBe(false);
    expect(orderFitsFlow('delivery_exception', 'track')).toBe(true);
    expect(orderFitsFlow('refused', 'track')).toBe(true);
    expect(orderFitsFlow(undefined, 'verify')).toBe(false);
  });

  it('gives a sample order the status of the flow previewed, so a sample always fits', () => {
    for (const flow of FLOWS) {
      const ctx = sampleScriptContext(BUILTIN_SAMPLE, {}, flow);
      expect(orderFitsFlow(ctx.order?.status, flow), flow).toBe(true);
      expect(ctx.order?.status).toBe(SAMPLE_STATUS[flow]);
    }
    // Without a flow (older callers), no status is made up.
    expect(sampleScriptContext(BUILTIN_SAMPLE, {}).order?.status).toBeUndefined();
    // The shipped default pack's recover call opens for a cancelled sample, as for a real one.
    const pack = validPack(SHIPPED_DEFAULT_TEXT);
    const ctx = sampleScriptContext(BUILTIN_SAMPLE, { agentName: '王婷', shopName: '好物优选' }, 'recover');
    const view = runScript({ pack, flow: 'recover', context: ctx, locale: 'zh-CN', t: t('zh-CN'), startedAt: '2026-11-20T04:00:00.000Z' });
    expect(view.error).toBeNull();
    expect(view.step?.say?.text).not.toMatch(/undefined|\{\{/);
  });
});

describe('the shipped default pack', () => {
  const raw = readFileSync(join(import.meta.dirname, '../../resources/packs/default.yaml'), 'utf8');
  it('names the objection keys as the card shows them: the letter O, then a digit', () => {
    expect(raw).not.toMatch(/then the letter/i);
    expect(raw).toMatch(/the letter O, then the\s*\n?#?\s*objection's number 1-9/);
  });
});
