import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/domain';
import { describeIssue, PACK_ISSUE_CODES, validatePackText, type PackIssueCode } from '../../shared/scriptpack';
import { BASE_PACK, edit, t, where } from '../helpers/packs';

interface Case {
  name: string;
  text: string;
  code: PackIssueCode;
  /** Where the trainer's eye should land. */
  at: { line: number; column: number };
  path?: string;
  params?: Record<string, string | number>;
}

function mutate(from: string, to: string): string {
  return edit(BASE_PACK, from, to);
}

/** Position of `needle` in the mutated text (optionally after `after`). */
const pos = (text: string, needle: string, after?: string) => where(text, needle, after);

const cases: Case[] = [];
function add(name: string, text: string, code: PackIssueCode, at: { line: number; column: number }, extra: Partial<Case> = {}) {
  cases.push({ name, text, code, at, ...extra });
}

{
  const text = mutate('locales: [zh-CN, zh-TW, en]', 'locales: [zh-CN, zh-TW, en');
  add('an unclosed list', text, 'syntax_error', { line: where(text, 'products').line, column: 1 });
}
{
  const text = mutate('version: 1.0.0', 'version: 1.5');
  add('a number where text belongs', text, 'wrong_type', pos(text, '1.5'), { path: 'version', params: { field: 'version', expected: 'string' } });
}
{
  const text = mutate('    start: pitch\n', '');
  add('a flow without its start', text, 'missing_field', pos(text, 'steps:', '  upsell:'), { path: 'flows.upsell.start' });
}
{
  const text = mutate('        check: addressReadBack\n', '        check: addressReadBack\n        colour: red\n');
  add('a misspelt field', text, 'unknown_field', pos(text, 'colour'), { path: 'flows.verify.steps[2].colour', params: { field: 'colour' } });
}
{
  const text = mutate('check: addressReadBack', 'check: addressReadback');
  add('a checklist item that does not exist', text, 'bad_value', pos(text, 'addressReadback'), { path: 'flows.verify.steps[2].check' });
}
{
  const text = mutate("      - id: took\n        outcome: upsell_accepted\n        offer: more\n", "      - id: took\n        outcome: upsell_accepted\n        offer: more\n      - id: empty\n        say: { zh-CN: 空, zh-TW: 空, en: Empty }\n        answers: []\n");
  add('an empty answer list', text, 'too_small', pos(text, '[]'), { params: { field: 'answers', limit: 1 } });
}
{
  const text = mutate('      - package: 4罐\n        amount: 70', '      - package: 4罐\n        quantity: 1000\n        amount: 70');
  add('a quantity beyond 999', text, 'too_big', pos(text, '1000'), { params: { field: 'quantity', limit: 999 } });
}
{
  const text = mutate('      - id: careful', '      - id: 2careful');
  add('an id starting with a digit', text, 'bad_id', pos(text, '2careful'), { params: { field: 'id', value: '2careful' } });
}
{
  const text = mutate('version: 1.0.0', 'version: v1');
  add('a version that is not semver', text, 'bad_version', pos(text, 'v1'), { path: 'version', params: { value: 'v1' } });
}
{
  const flowsAt = BASE_PACK.indexOf('flows:');
  const text = `${BASE_PACK.slice(0, flowsAt)}flows: {}\n`;
  add('a pack without any flow', text, 'no_flows', pos(text, '{}', 'flows:'), { path: 'flows' });
}
{
  const text = mutate('      - id: cancelled\n', '      - id: done\n');
  add('two steps with one id', text, 'duplicate_id', pos(text, 'done', 'outcome: confirmed'), {
    params: { id: 'done', what: 'step' },
  });
}
{
  const text = mutate('            next: done', '            next: dnoe');
  add('an answer leading to a step that does not exist', text, 'unknown_step', pos(text, 'dnoe'), {
    path: 'flows.verify.steps[2].answers[0].next',
    params: { step: 'dnoe', flow: 'verify' },
  });
}
{
  const text = mutate('        next: greet\n', '');
  add('a spoken step that goes nowhere', text, 'missing_next', pos(text, 'id: careful', 'steps:'), { params: { step: 'careful' } });
}
{
  const text = mutate('      - id: cancelled\n        outcome: wants_cancel\n', '      - id: cancelled\n        outcome: wants_cancel\n        next: greet\n');
  add('an end step that continues', text, 'step_conflict', pos(text, 'id: cancelled'), { params: { step: 'cancelled', detail: 'end' } });
}
{
  const text = mutate('      - id: cancelled\n', '      - id: orphan\n        outcome: wants_cancel\n      - id: cancelled\n');
  add('a step nothing leads to', text, 'unreachable_step', pos(text, 'orphan'), { params: { step: 'orphan', flow: 'verify' } });
}
{
  const text = mutate(
    '            next: cancelled\n',
    '            next: loop1\n      - id: loop1\n        say: { zh-CN: 一, zh-TW: 一, en: One }\n        next: loop2\n      - id: loop2\n        say: { zh-CN: 二, zh-TW: 二, en: Two }\n        next: loop1\n',
  );
  const issues = validatePackText(text).issues.filter((i) => i.code === 'no_outcome_path');
  expect(issues.map((i) => i.params.step)).toEqual(['loop1', 'loop2']);
  add('a loop with no way out', text, 'no_outcome_path', pos(text, 'loop1', '- id: loop1'), { params: { step: 'loop1' } });
}
{
  const text = mutate(
    '        otherwise: greet\n',
    '        otherwise: again\n      - id: again\n        branch:\n          - when: { fact: call.isCallback, is: true }\n            next: greet\n        otherwise: open\n',
  );
  add('branches that go round in circles', text, 'branch_loop', pos(text, 'open', '      - id: open'), { params: { step: 'open' } });
}
{
  const text = mutate('          en: "Your address is {{order.address}}, right?"\n', '');
  add('a text missing one locale', text, 'missing_text', pos(text, 'zh-CN: "您的地址'), {
    path: 'flows.verify.steps[2].say',
    params: { locale: 'en', field: 'say' },
  });
}
{
  const text = mutate('{{order.address}}，对吗', '{{order.adress}}，对吗');
  add('a misspelt variable', text, 'unknown_variable', pos(text, '"您的地址是{{order.adress'), {
    path: 'flows.verify.steps[2].say.zh-CN',
    params: { variable: 'order.adress', locale: 'zh-CN' },
  });
}
{
  const text = mutate('{{order.address}}, right', '{{order.address, right');
  add('a variable without its closing braces', text, 'bad_placeholder', pos(text, '"Your address'), { params: { locale: 'en' } });
}
{
  // Single braces would be read to the customer as "{order.address}".
  const text = mutate('{{order.address}}, right', '{order.address}, right');
  add('a variable typed with single braces', text, 'bad_placeholder', pos(text, '"Your address'), { params: { locale: 'en', text: '{order.address}' } });
}
{
  const text = mutate('{{order.address}}, right', '{{order.address}}}, right');
  add('a variable with a third closing brace', text, 'bad_placeholder', pos(text, '"Your address'), { params: { locale: 'en', text: '}, right?' } });
}
{
  const text = mutate('outcome: confirmed', 'outcome: confirmd');
  add('an outcome that does not exist', text, 'unknown_outcome', pos(text, 'confirmd'), { params: { outcome: 'confirmd' } });
  it("lists the flow's own outcomes beside an unknown one, and points the trainer at the screen's format guide, not at a file they do not have", () => {
    const issue = validatePackText(text).issues.find((i) => i.code === 'unknown_outcome')!;
    const words = describeIssue(issue, t('zh-CN'));
    expect(words).toContain('confirmed, corrected');
    expect(words).not.toContain('upsell_accepted'); // an upsell outcome is not the verify flow's
    const unknownVariable = validatePackText(edit(BASE_PACK, '{{order.address}}, right', '{{order.adres}}, right')).issues.find((i) => i.code === 'unknown_variable')!;
    for (const l of LOCALES) expect(describeIssue(unknownVariable, t(l))).not.toContain('docs/');
  });
}
{
  const text = mutate('outcome: wants_cancel', 'outcome: refused');
  add('an outcome of another flow', text, 'outcome_wrong_flow', pos(text, 'refused'), { params: { outcome: 'refused', flow: 'verify' } });
}
{
  const text = mutate('reason: too_expensive', 'reason: courier_attitude');
  add("a reason from another outcome's list", text, 'unknown_reason', pos(text, 'courier_attitude'), {
    params: { reason: 'courier_attitude', outcome: 'upsell_declined' },
  });
}
{
  const text = edit(mutate('        outcome: upsell_accepted\n        offer: more\n', '        outcome: upsell_accepted\n'), '        offer: more\n        answers:', '        answers:');
  add('an accepted upsell with no offer on the way to it', text, 'missing_offer', pos(text, 'id: took'), { params: { step: 'took' } });
}
{
  const text = mutate('        offer: more\n        answers:', '        offer: mroe\n        answers:');
  add('an offer that does not exist', text, 'unknown_offer', pos(text, 'mroe'), { params: { offer: 'mroe' } });
}
{
  const text = mutate('total: 169', 'total: 168');
  add("an offer whose total is not its lines' sum", text, 'offer_price_mismatch', pos(text, '168'), {
    params: { offer: 'more', base: 99, add: 70, total: 168, expected: 169 },
  });
}
{
  const text = mutate('objections: [too_expensive]', 'objections: [too_expensive, not_home]');
  add('an objection that does not exist', text, 'unknown_objection', pos(text, 'not_home'), { params: { objection: 'not_home' } });
}
{
  const text = mutate('fact: risk.held', 'fact: risk.hold');
  add('a fact that does not exist', text, 'unknown_fact', pos(text, 'risk.hold'), { params: { fact: 'risk.hold' } });
}
{
  const text = mutate('{ fact: risk.held, is: true }', '{ fact: risk.held, atLeast: 3 }');
  add('an operator that does not fit the fact', text, 'bad_condition', pos(text, '3 }'), {
    path: 'flows.verify.steps[0].branch[0].when.atLeast',
    params: { detail: 'operator_for_kind', operator: 'atLeast', fact: 'risk.held' },
  });
}

{
  const text = mutate('  - id: too_expensive\n', '  - id: too_expensive\n    when: { fact: order.payment, is: cash }\n');
  add("an objection's condition with a value the fact never has", text, 'bad_condition', pos(text, 'cash'), {
    path: 'objections[0].when.is',
    params: { detail: 'value_codes', fact: 'order.payment', value: 'cash', allowed: 'cod, online' },
  });
}

add('an empty file (comments only)', '# 阿胶糕话术\n\n# 待写\n', 'empty_file', { line: 1, column: 1 });
{
  // Saved as GBK, read as UTF-8: the Chinese turns into replacement characters.
  const text = mutate('  zh-CN: 测试话术', '  zh-CN: 测试\uFFFD\uFFFD');
  add('a file that is not UTF-8 (saved as GBK)', text, 'not_utf8', pos(text, '\uFFFD'));
}
add('a workbook renamed .yaml (not a text file)', 'PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000\uFFFD\uFFFD', 'not_text', { line: 1, column: 1 });
add('a file far too large for a pack', `# ${'x'.repeat(1_000_001)}\n`, 'too_large', { line: 1, column: 1 }, { params: { max: 1_000_000 } });
add('brackets never closed, nested past the limit', `id: x\nflows: ${'['.repeat(140)}\n`, 'too_deep', { line: 2, column: 136 }, { params: { max: 128 } });

{
  // Ten objection answers on one step: O then 1–9 reaches only nine of them.
  const ten = Array.from({ length: 10 }, (_, i) => `  - id: o${i}\n    label: { zh-CN: 异议${i}, zh-TW: 異議${i}, en: Objection ${i} }\n    say: { zh-CN: 回答${i}, zh-TW: 回答${i}, en: Answer ${i} }\n`).join('');
  const text = mutate('objections:\n', `objections:\n${ten}`).replace('objections: [too_expensive]', `objections: [too_expensive, ${Array.from({ length: 10 }, (_, i) => `o${i}`).join(', ')}]`);
  add('more objection answers on a flow than the keys 1–9 reach', text, 'too_big', pos(text, '[too_expensive, o0'), { params: { limit: 9 } });
  it('says a flow with too many objection answers once, not on every step', () => {
    expect(validatePackText(text).issues.filter((i) => i.code === 'too_big')).toHaveLength(1);
  });
}

describe('the script pack validator', () => {
  it('accepts the base pack', () => {
    const v = validatePackText(BASE_PACK);
    expect(v.issues).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v).toMatchObject({ id: 'test', version: '1.0.0' });
  });

  for (const c of cases) {
    it(`finds ${c.name} (${c.code}) at line ${c.at.line}, column ${c.at.column}`, () => {
      const v = validatePackText(c.text);
      expect(v.ok).toBe(false);
      expect(v.pack).toBeNull();
      const issue = v.issues.find((i) => i.code === c.code);
      expect(issue, JSON.stringify(v.issues)).toBeDefined();
      expect({ line: issue!.line, column: issue!.column }).toEqual(c.at);
      if (c.path) expect(issue!.path).toBe(c.path);
      if (c.params) expect(issue!.params).toMatchObject(c.params);
      // Said in every language, with every placeholder filled.
      for (const l of LOCALES) {
        const message = describeIssue(issue!, t(l));
        expect(message).not.toMatch(/\{\{[A-Za-z]+\}\}|validator\.|undefined/);
        expect(message.length).toBeGreaterThan(5);
        // A flow is said by its name (核单 / 核單 / Verify), never by its code.
        const flow = issue!.params.flow;
        if (typeof flow === 'string') {
          expect(message).toContain(t(l)(`flows.${flow}`));
          expect(message).not.toMatch(new RegExp(`\\b${flow}\\b`));
        }
      }
    });
  }

  it('a bad id or version does not hide the problems further down', () => {
    const text = edit(edit(BASE_PACK, 'id: test', 'id: test pack'), '            next: done', '            next: dnoe');
    expect(validatePackText(text).issues.map((i) => i.code)).toEqual(['bad_id', 'unknown_step']);
  });

  it('has a test for every issue code', () => {
    expect([...new Set(cases.map((c) => c.code))].sort()).toEqual([...PACK_ISSUE_CODES].sort());
  });

  it('says the problems in the trainer language', () => {
    const v = validatePackText(edit(BASE_PACK, '            next: done', '            next: dnoe'));
    const issue = v.issues[0];
    // A typo of a step that exists says which it most likely is.
    expect(describeIssue(issue, t('zh-CN'))).toBe('核单话术里没有「dnoe」这一步。是不是想写「done」？');
    expect(describeIssue(issue, t('zh-TW'))).toBe('核單話術裡沒有「dnoe」這一步。是不是想寫「done」？');
    expect(describeIssue(issue, t('en'))).toBe('There is no step "dnoe" in the Verify flow. Did you mean "done"?');
    // One typo is one problem: "done" is not also reported as a step nothing leads to.
    expect(v.issues).toHaveLength(1);
    // Nothing close: the plain words.
    const far = validatePackText(edit(BASE_PACK, '            next: done', '            next: shipping_notice')).issues[0];
    expect(describeIssue(far, t('en'))).toBe('There is no step "shipping_notice" in the Verify flow. Check the spelling, or add the step.');
    const orphan = validatePackText(edit(BASE_PACK, '      - id: cancelled\n', '      - id: orphan\n        outcome: wants_cancel\n      - id: cancelled\n')).issues[0];
    expect(orphan).toMatchObject({ code: 'unreachable_step', params: { flow: 'verify' } });
    expect(describeIssue(orphan, t('zh-CN'))).toBe('「orphan」这一步永远走不到：核单话术里没有任何回答、next 或分支指向它。');
    expect(describeIssue(orphan, t('zh-TW'))).toBe('「orphan」這一步永遠走不到：核單話術裡沒有任何回答、next 或分支指向它。');
    expect(describeIssue(orphan, t('en'))).toBe('Step "orphan" can never be reached: no answer, next or branch of the Verify flow leads to it.');
    const syntax = validatePackText('id: x\nid: y\n').issues[0];
    expect(syntax).toMatchObject({ code: 'syntax_error', line: 2, column: 1 });
    expect(describeIssue(syntax, t('zh-CN'))).toBe('这个文件无法按 YAML 或 JSON 读取：同一个字段写了两次。');
  });

  it('takes the offer presented on the way for an accepted upsell', () => {
    expect(validatePackText(edit(BASE_PACK, '        outcome: upsell_accepted\n        offer: more\n', '        outcome: upsell_accepted\n')).issues).toEqual([]);
  });

  it('reads JSON with the same positions', () => {
    const json = JSON.stringify({ id: 'j', name: { en: 'J' }, version: '1.0.0', locales: ['en'], flows: { verify: { start: 'a', steps: [{ id: 'a', say: { en: 'Hi' }, next: 'b' }] } } }, null, 2);
    const v = validatePackText(json);
    expect(v.issues).toEqual([expect.objectContaining({ code: 'unknown_step', ...where(json, '"b"'), path: 'flows.verify.steps[0].next' })]);
  });

  it('lists problems in file order, and keeps the id and version of an invalid pack', () => {
    const text = edit(edit(BASE_PACK, 'outcome: confirmed', 'outcome: confirmd'), 'check: addressReadBack', 'check: nope');
    const v = validatePackText(text);
    expect(v.issues.length).toBe(2);
    expect(v.issues[0].line).toBeLessThan(v.issues[1].line);
    expect(v).toMatchObject({ ok: false, id: 'test', version: '1.0.0' });
  });

  it('refuses what is not a pack at all', () => {
    for (const text of ['', '42', '- a\n- b\n', 'null']) {
      const v = validatePackText(text);
      expect(v.ok, text).toBe(false);
      expect(v.issues[0]).toMatchObject({ line: 1, column: 1 });
    }
  });
});
