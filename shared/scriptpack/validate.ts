/**
 * The script pack validator: every problem a trainer can make, each with its line and column and
 * a code the locale files turn into a message the trainer understands. Two passes: the structure
 * (types, required and unknown fields) and, when that holds, the meaning (steps that lead
 * nowhere, outcomes of another flow, prices that do not add up...). Never throws on any input.
 */
import type { z } from 'zod';
import { FLOWS, type Flow, type Locale } from '../domain';
import { OUTCOME_BY_CODE, outcomesForFlow, REASON_LISTS } from '../outcomes';
import { LocaleText, ScriptPack, SEMVER_RE, PACK_ID_RE, type Condition, type LocaleList, type Step } from './schema';
import { MAX_FLOW_DEPTH, MAX_PACK_CHARS, pathText, readPackSource, tooDeepAt, type PackSource, type PathSegment } from './source';
import { isVariableName, splitText, VARIABLES, yuanToFen, type VariableDef } from './variables';

export const PACK_ISSUE_CODES = [
  'syntax_error',
  'wrong_type',
  'missing_field',
  'unknown_field',
  'bad_value',
  'too_small',
  'too_big',
  'bad_id',
  'bad_version',
  'no_flows',
  'duplicate_id',
  'unknown_step',
  'missing_next',
  'step_conflict',
  'unreachable_step',
  'no_outcome_path',
  'branch_loop',
  'missing_text',
  'unknown_variable',
  'bad_placeholder',
  'unknown_outcome',
  'outcome_wrong_flow',
  'unknown_reason',
  'missing_offer',
  'unknown_offer',
  'offer_price_mismatch',
  'unknown_objection',
  'unknown_fact',
  'bad_condition',
  'empty_file',
  'not_text',
  'not_utf8',
  'too_large',
  'too_deep',
] as const;
export type PackIssueCode = (typeof PACK_ISSUE_CODES)[number];

export interface PackIssue {
  code: PackIssueCode;
  /** Where in the pack, e.g. flows.verify.steps[2].answers[0].next */
  path: string;
  line: number;
  column: number;
  /** Fill the message's placeholders; values are the pack's own words and ids. */
  params: Record<string, string | number>;
}

export interface PackValidation {
  ok: boolean;
  issues: PackIssue[];
  /** The checked pack, when there is no issue. */
  pack: ScriptPack | null;
  /** id and version as written, when readable (an invalid version is still stored and shown). */
  id: string | null;
  version: string | null;
  /** The name as written, when it reads as words per locale (shown for drafts too). */
  name: Partial<Record<Locale, string>> | null;
}

/** Enough problems to fix in one sitting; a broken file could otherwise produce thousands. */
export const MAX_ISSUES = 300;
/** Answers and objection answers are picked with the digits 1–9. */
export const KEYED_CHOICES = 9;

type Add = (code: PackIssueCode, path: PathSegment[], params?: Record<string, string | number>, opts?: { key?: boolean }) => void;

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function fieldName(path: readonly PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return '';
}

function describeValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Structural problems, from zod's issues, in the trainer's words. */
function structural(data: unknown, issues: z.core.$ZodIssue[], add: Add): void {
  for (const issue of issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p === 'string' || typeof p === 'number');
    const field = fieldName(path);
    switch (issue.code) {
      case 'invalid_type': {
        const actual = valueAt(data, path);
        if (actual === undefined) add('missing_field', path, { field });
        else add('wrong_type', path, { field, expected: issue.expected, value: describeValue(actual) });
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) add('unknown_field', [...path, key], { field: key }, { key: true });
        break;
      case 'invalid_value': {
        const actual = describeValue(valueAt(data, path));
        const allowed = issue.values.map(String).join(', ');
        if (field === 'outcome') {
          // The outcomes of the step's flow (a typo is one of these), else every outcome.
          const flow = path[0] === 'flows' && (FLOWS as readonly PathSegment[]).includes(path[1]) ? (path[1] as Flow) : null;
          add('unknown_outcome', path, { outcome: actual, allowed: flow ? outcomesForFlow(flow).map((o) => o.code).join(', ') : allowed });
        }
        else if (field === 'fact') add('unknown_fact', path, { fact: actual });
        else if (field === 'reason') add('unknown_reason', path, { reason: actual, outcome: '—', allowed });
        else add('bad_value', path, { field, value: actual, allowed });
        break;
      }
      case 'invalid_format': {
        const actual = describeValue(valueAt(data, path));
        if (path.length === 1 && field === 'version') add('bad_version', path, { value: actual });
        else add('bad_id', path, { field, value: actual });
        break;
      }
      case 'too_small':
        add('too_small', path, { field, limit: Number(issue.minimum) });
        break;
      case 'too_big':
        add('too_big', path, { field, limit: Number(issue.maximum) });
        break;
      case 'invalid_union':
        add('wrong_type', path, { field, expected: 'scalar', value: describeValue(valueAt(data, path)) });
        break;
      default:
        add('bad_value', path, { field, value: describeValue(valueAt(data, path)), allowed: '—' });
    }
  }
}

const OPERATORS = ['is', 'in', 'atLeast', 'below', 'has', 'exists'] as const;

/** Which operators make sense for each kind of fact. */
const OPERATORS_FOR: Record<VariableDef['kind'], readonly (typeof OPERATORS)[number][]> = {
  text: ['is', 'in', 'exists'],
  code: ['is', 'in', 'exists'],
  money: ['is', 'in', 'atLeast', 'below', 'exists'],
  number: ['is', 'in', 'atLeast', 'below', 'exists'],
  boolean: ['is', 'exists'],
  date: ['exists'],
  list: ['has', 'exists'],
};

function checkCondition(c: Condition, path: PathSegment[], add: Add, depth = 0): void {
  if (depth > 10) {
    add('bad_condition', path, { detail: 'too_deep' });
    return;
  }
  const ops = OPERATORS.filter((k) => c[k] !== undefined);
  const factGroup = c.fact !== undefined || ops.length > 0;
  const groups = [factGroup, c.all !== undefined, c.any !== undefined, c.not !== undefined].filter(Boolean).length;
  if (groups === 0) return add('bad_condition', path, { detail: 'empty' });
  if (groups > 1) return add('bad_condition', path, { detail: 'mixed' });
  if (factGroup) {
    if (c.fact === undefined) return add('bad_condition', path, { detail: 'no_fact' });
    if (!isVariableName(c.fact)) return add('unknown_fact', [...path, 'fact'], { fact: c.fact });
    if (ops.length !== 1) return add('bad_condition', path, { detail: 'one_operator' });
    const def: VariableDef = VARIABLES[c.fact];
    const op = ops[0];
    if (!OPERATORS_FOR[def.kind].includes(op)) {
      return add('bad_condition', [...path, op], { detail: 'operator_for_kind', operator: op, fact: c.fact });
    }
    const numeric = def.kind === 'money' || def.kind === 'number';
    const values = op === 'in' ? (c.in ?? []) : op === 'is' ? [c.is] : [];
    for (const v of values) {
      const ok =
        def.kind === 'boolean' ? typeof v === 'boolean' : numeric ? typeof v === 'number' : typeof v === 'string' && (!def.codes || def.codes.includes(v));
      if (!ok) {
        return add('bad_condition', [...path, op], {
          detail: def.codes ? 'value_codes' : 'value_type',
          fact: c.fact,
          value: describeValue(v),
          allowed: def.codes ? def.codes.join(', ') : '',
        });
      }
    }
    return;
  }
  c.all?.forEach((sub, i) => checkCondition(sub, [...path, 'all', i], add, depth + 1));
  c.any?.forEach((sub, i) => checkCondition(sub, [...path, 'any', i], add, depth + 1));
  if (c.not) checkCondition(c.not, [...path, 'not'], add, depth + 1);
}

function checkWords(text: string, locale: Locale, path: PathSegment[], add: Add): void {
  const { pieces, broken } = splitText(text);
  for (const b of broken) add('bad_placeholder', path, { locale, text: b });
  for (const p of pieces) if ('variable' in p && !isVariableName(p.variable)) add('unknown_variable', path, { locale, variable: p.variable });
}

function checkText(text: LocaleText | undefined, locales: readonly Locale[], path: PathSegment[], add: Add): void {
  if (!text) return;
  for (const l of locales) {
    const words = text[l];
    if (words === undefined || words.trim() === '') add('missing_text', path, { locale: l, field: fieldName(path) });
    else checkWords(words, l, [...path, l], add);
  }
}

function checkList(list: LocaleList | undefined, locales: readonly Locale[], path: PathSegment[], add: Add): void {
  if (!list) return;
  for (const l of locales) {
    const items = list[l];
    if (!items || items.length === 0) add('missing_text', path, { locale: l, field: fieldName(path) });
    else items.forEach((item, i) => checkWords(item, l, [...path, l, i], add));
  }
}

function duplicates<T extends { id: string }>(items: readonly T[] | undefined, what: string, path: PathSegment[], add: Add): Set<string> {
  const seen = new Set<string>();
  items?.forEach((item, i) => {
    if (seen.has(item.id)) add('duplicate_id', [...path, i, 'id'], { id: item.id, what });
    seen.add(item.id);
  });
  return seen;
}

/** Cents beyond two decimals cannot be charged. */
function twoDecimals(yuan: number): boolean {
  return Math.abs(yuan * 100 - Math.round(yuan * 100)) < 1e-6;
}

function stepTargets(s: Step): { target: string; path: PathSegment[] }[] {
  const out: { target: string; path: PathSegment[] }[] = [];
  if (s.next) out.push({ target: s.next, path: ['next'] });
  s.answers?.forEach((a, i) => out.push({ target: a.next, path: ['answers', i, 'next'] }));
  s.branch?.forEach((b, i) => out.push({ target: b.next, path: ['branch', i, 'next'] }));
  if (s.otherwise) out.push({ target: s.otherwise, path: ['otherwise'] });
  return out;
}

function checkFlow(pack: ScriptPack, flow: Flow, objectionIds: Set<string>, offerIds: Set<string>, add: Add): void {
  const script = pack.flows[flow]!;
  const base: PathSegment[] = ['flows', flow];
  const ids = duplicates(script.steps, 'step', [...base, 'steps'], add);
  const index = new Map<string, number>();
  script.steps.forEach((s, i) => {
    if (!index.has(s.id)) index.set(s.id, i);
  });
  // A step named that is not there: said with the step it most likely means (a typo), if one is close.
  let brokenLink = false;
  const unknownStep = (path: PathSegment[], step: string) => {
    brokenLink = true;
    const near = closest(step, [...ids]);
    add('unknown_step', path, { step, flow, ...(near ? { suggestion: near } : {}) });
  };
  if (!ids.has(script.start)) unknownStep([...base, 'start'], script.start);
  script.objections?.forEach((o, i) => {
    if (!objectionIds.has(o)) add('unknown_objection', [...base, 'objections', i], { objection: o });
  });
  const flowObjections = new Set(script.objections ?? []);
  if (flowObjections.size > KEYED_CHOICES) add('too_big', [...base, 'objections'], { field: 'objections', limit: KEYED_CHOICES });

  script.steps.forEach((s, i) => {
    const at: PathSegment[] = [...base, 'steps', i];
    const isEnd = s.outcome !== undefined;
    const isBranch = s.branch !== undefined;
    if (isEnd && (s.answers || s.next || s.branch || s.otherwise)) add('step_conflict', at, { step: s.id, detail: 'end' });
    else if (isBranch && (s.answers || s.next || s.say)) add('step_conflict', at, { step: s.id, detail: 'branch' });
    else if (!isEnd && !isBranch) {
      if (s.answers && s.next) add('step_conflict', at, { step: s.id, detail: 'answers_and_next' });
      else if (!s.answers && !s.next) add('missing_next', at, { step: s.id });
      if (!s.say) add('missing_field', at, { field: 'say' });
      if (s.otherwise) add('step_conflict', [...at, 'otherwise'], { step: s.id, detail: 'otherwise' });
    }
    if (isBranch && !s.otherwise) add('missing_next', at, { step: s.id });
    if (s.reason && !isEnd) add('step_conflict', [...at, 'reason'], { step: s.id, detail: 'reason' });

    for (const { target, path } of stepTargets(s)) {
      if (!ids.has(target)) unknownStep([...at, ...path], target);
    }
    duplicates(s.answers, 'answer', [...at, 'answers'], add);
    s.objections?.forEach((o, j) => {
      if (!objectionIds.has(o)) add('unknown_objection', [...at, 'objections', j], { objection: o });
    });
    // O then 1–9 picks an objection answer: a tenth on one step could not be reached by key. Said
    // once on the flow's list when that alone is too long, else on the step that adds too many.
    const offered = new Set([...flowObjections, ...(s.objections ?? [])]);
    if (flowObjections.size <= KEYED_CHOICES && offered.size > KEYED_CHOICES) add('too_big', [...at, 'objections'], { field: `${s.id}: objections`, limit: KEYED_CHOICES });
    if (s.offer && !offerIds.has(s.offer)) add('unknown_offer', [...at, 'offer'], { offer: s.offer });
    if (s.outcome) {
      const def = OUTCOME_BY_CODE.get(s.outcome)!;
      if (!def.flows.includes(flow)) {
        add('outcome_wrong_flow', [...at, 'outcome'], { outcome: s.outcome, flow, allowed: outcomesForFlow(flow).map((o) => o.code).join(', ') });
      }
      if (s.reason) {
        const allowed: readonly string[] = def.reasons ? REASON_LISTS[def.reasons] : [];
        if (!allowed.includes(s.reason)) add('unknown_reason', [...at, 'reason'], { reason: s.reason, outcome: s.outcome, allowed: allowed.join(', ') || '—' });
      }
    }
    checkText(s.title, pack.locales, [...at, 'title'], add);
    checkText(s.say, pack.locales, [...at, 'say'], add);
    checkText(s.hint, pack.locales, [...at, 'hint'], add);
    s.answers?.forEach((a, j) => checkText(a.label, pack.locales, [...at, 'answers', j, 'label'], add));
    s.branch?.forEach((b, j) => checkCondition(b.when, [...at, 'branch', j, 'when'], add));
  });

  // The graph: every step reachable from the start, and every reachable step able to end.
  const byId = new Map(script.steps.map((s) => [s.id, s] as const));
  const reached = new Set<string>();
  const queue = ids.has(script.start) ? [script.start] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const { target } of stepTargets(byId.get(id)!)) if (byId.has(target) && !reached.has(target)) queue.push(target);
  }
  // With a broken link the steps behind it only look unreachable: one typo is one problem.
  if (ids.has(script.start) && !brokenLink) {
    script.steps.forEach((s, i) => {
      if (!reached.has(s.id) && index.get(s.id) === i) add('unreachable_step', [...base, 'steps', i, 'id'], { step: s.id, flow });
    });
  }
  // A missing target was reported already; treat it as able to end so one typo is one message.
  const canEnd = new Set<string>(script.steps.filter((s) => s.outcome !== undefined).map((s) => s.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of script.steps) {
      if (canEnd.has(s.id)) continue;
      if (stepTargets(s).some(({ target }) => canEnd.has(target) || !byId.has(target))) {
        canEnd.add(s.id);
        grew = true;
      }
    }
  }
  script.steps.forEach((s, i) => {
    const broken = !s.outcome && !s.branch && !s.answers && !s.next;
    if (reached.has(s.id) && !canEnd.has(s.id) && !broken && index.get(s.id) === i) {
      add('no_outcome_path', [...base, 'steps', i, 'id'], { step: s.id, flow });
    }
  });

  // An accepted upsell needs an offer: its own, or one presented on every way to it.
  const NO_OFFER = '';
  const offersIn = new Map<string, Set<string>>();
  const flowQueue: [string, Set<string>][] = ids.has(script.start) ? [[script.start, new Set([NO_OFFER])]] : [];
  while (flowQueue.length) {
    const [id, incoming] = flowQueue.shift()!;
    const seen = offersIn.get(id) ?? new Set<string>();
    const added = [...incoming].filter((o) => !seen.has(o));
    if (added.length === 0 && offersIn.has(id)) continue;
    for (const o of added) seen.add(o);
    offersIn.set(id, seen);
    const s = byId.get(id)!;
    const out = s.offer ? new Set([s.offer]) : seen;
    for (const { target } of stepTargets(s)) if (byId.has(target)) flowQueue.push([target, out]);
  }
  script.steps.forEach((s, i) => {
    if (brokenLink || s.outcome !== 'upsell_accepted' || s.offer || index.get(s.id) !== i) return;
    const inScope = offersIn.get(s.id);
    if (!inScope || inScope.has(NO_OFFER)) add('missing_offer', [...base, 'steps', i], { step: s.id });
  });

  // Branch steps pass control without the agent: a ring of them would spin forever.
  const isBranch = (id: string) => byId.get(id)?.branch !== undefined;
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 'done') return false;
    if (state.get(id) === 'open') return true;
    state.set(id, 'open');
    const s = byId.get(id)!;
    const loop = stepTargets(s).some(({ target }) => isBranch(target) && visit(target));
    state.set(id, 'done');
    return loop;
  };
  for (const s of script.steps) {
    if (s.branch && !state.has(s.id) && visit(s.id)) add('branch_loop', [...base, 'steps', index.get(s.id)!, 'id'], { step: s.id });
  }
}

function semantic(pack: ScriptPack, add: Add): void {
  const locales = pack.locales;
  const seenLocales = new Set<string>();
  locales.forEach((l, i) => {
    if (seenLocales.has(l)) add('duplicate_id', ['locales', i], { id: l, what: 'locale' });
    seenLocales.add(l);
  });
  checkText(pack.name, locales, ['name'], add);
  checkText(pack.description, locales, ['description'], add);

  const objectionIds = duplicates(pack.objections, 'objection', ['objections'], add);
  pack.objections?.forEach((o, i) => {
    checkText(o.label, locales, ['objections', i, 'label'], add);
    checkText(o.say, locales, ['objections', i, 'say'], add);
    if (o.when) checkCondition(o.when, ['objections', i, 'when'], add);
  });

  const offerIds = duplicates(pack.offers, 'offer', ['offers'], add);
  pack.offers?.forEach((o, i) => {
    const at: PathSegment[] = ['offers', i];
    checkText(o.name, locales, [...at, 'name'], add);
    checkList(o.points, locales, [...at, 'points'], add);
    const amounts: [number | undefined, PathSegment[]][] = [
      [o.base, [...at, 'base']],
      [o.total, [...at, 'total']],
      [o.worth, [...at, 'worth']],
      ...o.add.map((l, j): [number, PathSegment[]] => [l.amount, [...at, 'add', j, 'amount']]),
    ];
    let cents = true;
    for (const [v, p] of amounts) {
      if (v !== undefined && !twoDecimals(v)) {
        cents = false;
        add('bad_value', p, { field: fieldName(p), value: v, allowed: '0.01' });
      }
    }
    if (o.base !== undefined && o.total === undefined) add('missing_field', at, { field: 'total' });
    else if (o.total !== undefined && o.base === undefined) add('missing_field', at, { field: 'base' });
    else if (o.base !== undefined && o.total !== undefined && cents) {
      const addFen = o.add.reduce((s, l) => s + yuanToFen(l.amount), 0);
      const expected = yuanToFen(o.base) + addFen;
      if (expected !== yuanToFen(o.total)) {
        add('offer_price_mismatch', [...at, 'total'], {
          offer: o.id,
          base: o.base,
          add: addFen / 100,
          total: o.total,
          expected: expected / 100,
        });
      }
    }
  });

  const present = FLOWS.filter((f) => pack.flows[f] !== undefined);
  if (present.length === 0) add('no_flows', ['flows'], {});
  for (const f of present) checkFlow(pack, f, objectionIds, offerIds, add);
}

/** Validates an already-read source. */
export function validateSource(src: PackSource): PackValidation {
  const issues: PackIssue[] = [];
  const add: Add = (code, path, params = {}, opts) => {
    if (issues.length >= MAX_ISSUES) return;
    const { line, column } = src.locate(path, opts);
    issues.push({ code, path: pathText(path), line, column, params });
  };
  let pack: ScriptPack | null = null;
  const raw = src.data;
  const str = (k: string, re: RegExp) => {
    const v = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>)[k] : undefined;
    return typeof v === 'string' && re.test(v) ? v : null;
  };
  try {
    if (src.syntax.length) {
      for (const s of src.syntax) issues.push({ code: 'syntax_error', path: '', line: s.line, column: s.column, params: { problem: s.code, text: s.detail } });
    } else if (raw === null || raw === undefined) {
      // Nothing but blank lines and comments.
      add('empty_file', [], {});
    } else if (typeof raw !== 'object' || Array.isArray(raw)) {
      add('wrong_type', [], { field: '', expected: 'object', value: describeValue(raw ?? '') });
    } else {
      const parsed = ScriptPack.safeParse(raw);
      if (!parsed.success) {
        structural(raw, parsed.error.issues, add);
        // Wrong only in its id or version ("ejiao cake", "1.2.x"): the rest is checked too, so a
        // typo further down is not found only after the id is fixed and the file loaded again.
        const header = new Set(['id', 'version']);
        if (parsed.error.issues.every((i) => i.path.length === 1 && header.has(String(i.path[0])))) {
          const stand = ScriptPack.safeParse({ ...(raw as Record<string, unknown>), id: 'pack', version: '1.0.0' });
          if (stand.success) semantic(stand.data, add);
        }
      } else {
        semantic(parsed.data, add);
        if (issues.length === 0) pack = parsed.data;
      }
    }
  } catch (e) {
    // The validator must answer for any input; a crash here is a bug, reported as a problem.
    issues.push({ code: 'bad_value', path: '', line: 1, column: 1, params: { field: '', value: e instanceof Error ? e.message : String(e), allowed: '—' } });
    pack = null;
  }
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  const rawName = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>).name : undefined;
  const name = LocaleText.safeParse(rawName);
  return { ok: issues.length === 0, issues, pack, id: str('id', PACK_ID_RE), version: str('version', SEMVER_RE), name: name.success ? name.data : null };
}

/**
 * Reads and validates a pack's text (YAML or JSON). Text that is not a pack to read at all — too
 * large, or not UTF-8 (a file saved as GBK reads as replacement characters, and would be stored as
 * garbage under a version number that could then not be used again) — is one problem, said as such.
 */
export function validatePackText(text: string): PackValidation {
  const whole = (code: PackIssueCode, line: number, column: number, params: Record<string, string | number> = {}): PackValidation => ({
    ok: false,
    issues: [{ code, path: '', line, column, params }],
    pack: null,
    id: null,
    version: null,
    name: null,
  });
  if (text.length > MAX_PACK_CHARS) return whole('too_large', 1, 1, { chars: text.length, max: MAX_PACK_CHARS });
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    const before = text.slice(0, deep).split('\n');
    return whole('too_deep', before.length, before[before.length - 1].length + 1, { max: MAX_FLOW_DEPTH });
  }
  // A workbook, an image, a zip: no text file has NUL characters (these read as a GBK file before).
  if (text.includes('\u0000')) return whole('not_text', 1, 1);
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const before = text.slice(0, bad).split('\n');
    return whole('not_utf8', before.length, before[before.length - 1].length + 1);
  }
  return validateSource(readPackSource(text));
}

/** The id in `ids` nearest to `word` (at most two edits away, and closer than any other), or null. */
function closest(word: string, ids: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  let tie = false;
  for (const id of ids) {
    const d = editDistance(word, id, bestDistance + 1);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return tie ? null : best;
}

/** Levenshtein distance, giving up (returning `limit`) once it reaches `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      low = Math.min(low, row[j]);
    }
    if (low >= limit) return limit;
    prev = row;
  }
  return Math.min(prev[b.length], limit);
}

/** Param values that are codes themselves and need their own words. */
const CODED_PARAMS: Record<string, string> = {
  expected: 'validator.types',
  detail: 'validator.details',
  what: 'validator.things',
  problem: 'validator.syntax',
};

/** A problem in the trainer's language. */
export function describeIssue(issue: Pick<PackIssue, 'code' | 'params'>, t: (key: string, params?: Record<string, string | number>) => string): string {
  const params: Record<string, string | number> = { ...issue.params };
  for (const [name, prefix] of Object.entries(CODED_PARAMS)) {
    const code = params[name];
    if (typeof code === 'string' && code !== '') {
      // Unknown codes (a new YAML parser message) fall back to the parser's own words.
      params[name] = t(`${prefix}.${code}`, { ...issue.params, defaultValue: t(`${prefix}.other`, issue.params) });
    }
  }
  // A flow is named as the app names it everywhere else (核单 / Verify), never by its code.
  if (typeof params.flow === 'string' && params.flow !== '') params.flowName = t(`flows.${params.flow}`, { defaultValue: params.flow });
  // A missing step that is most likely a typo of another says which.
  return t(`validator.${issue.code === 'unknown_step' && params.suggestion ? 'unknown_step_suggestion' : issue.code}`, params);
}
