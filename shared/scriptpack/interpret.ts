/**
 * The script interpreter: given a pack, a flow, the call's facts and what the customer has
 * answered so far, which step the agent is on, in their words, with the answers they can click,
 * the objection answers at hand, the checklist, and the outcome once the script ends. Pure and
 * replayable: the same events give the same view, so going back is just dropping the last event.
 */
import type { Flow, Locale } from '../domain';
import type { OutcomeCode } from '../outcomes';
import { sourceForComparing } from '../sources';
import type { ChecklistItem, Condition, FlowScript, LocaleText, Offer, ScriptPack, Step } from './schema';
import {
  factValues,
  isVariableName,
  offerAddFen,
  sayVariable,
  splitText,
  yuanToFen,
  type FactValue,
  type ScriptContext,
  type ScriptOrder,
  type Translate,
  type VariableName,
} from './variables';

/** The answer id of a step that just continues (`next`); pack ids cannot start with "_". */
export const CONTINUE = '_next';

/** What happened on the call, in order: an answer taken, or an objection answered. */
export type ScriptEvent = { answer: string; at: string } | { objection: string; at: string };

/** One entry of the recorded path: a step reached (or an objection answered on it) and when. */
export interface PathEntry {
  step: string;
  at: string;
  objection?: string;
}

export type RenderedPart = { text: string } | { variable: string; text: string; missing: boolean };
export interface RenderedText {
  text: string;
  parts: RenderedPart[];
}

export interface StepView {
  id: string;
  title: RenderedText | null;
  say: RenderedText | null;
  hint: RenderedText | null;
  check: ChecklistItem | null;
  end: boolean;
}

export interface AnswerView {
  id: string;
  label: string;
  next: string;
}

export interface ObjectionView {
  id: string;
  label: string;
  say: RenderedText;
}

export interface OfferLineView {
  product: string;
  package: string;
  quantity: number;
  amountFen: number;
}

export interface OfferView {
  id: string;
  name: string;
  lines: OfferLineView[];
  addFen: number;
  /** The order's total after accepting (null when no order is known). */
  totalFen: number | null;
  savingFen: number | null;
  points: string[];
}

/** What accepting an offer does to the order: the lines it adds and the new total. */
export interface AcceptedOfferChange {
  id: string;
  title: string;
  addLines: OfferLineView[];
  newTotalFen: number;
}

export interface ScriptOutcome {
  code: OutcomeCode;
  reasonCode?: string;
  offerId?: string;
  offer?: AcceptedOfferChange;
}

export interface ScriptView {
  packId: string;
  version: string;
  flow: Flow;
  /** The locale the words are in (the agent's, or the pack's first when it lacks it). */
  locale: Locale;
  step: StepView | null;
  answers: AnswerView[];
  objections: ObjectionView[];
  /** The objection answer the agent opened on this step, if any. */
  objection: ObjectionView | null;
  offer: OfferView | null;
  checklist: { item: ChecklistItem; done: boolean }[];
  outcome: ScriptOutcome | null;
  finished: boolean;
  path: PathEntry[];
  /** The steps behind the agent, with the answer given on each. */
  trail: { step: string; title: string; answer: string }[];
  /** Events that did not fit the script (e.g. recorded against an older version); skipped. */
  ignored: number;
  /** no_flow: the pack has no script for this flow; loop: branches went round in circles. */
  error: 'no_flow' | 'loop' | null;
}

export interface RunScriptInput {
  pack: ScriptPack;
  flow: Flow;
  context: ScriptContext;
  locale: Locale;
  /** Translations for placeholders and coded values (payment method, risk level...). */
  t: Translate;
  events?: readonly ScriptEvent[];
  /** When the script was opened: the time of the first step. */
  startedAt: string;
}

/** Branch steps chained longer than this are a loop (the validator refuses such packs anyway). */
const MAX_AUTO_STEPS = 50;

/** A fact's value as conditions compare it: an order's source by what it names (see sourceForComparing). */
function compared<V extends FactValue | undefined>(fact: VariableName, v: V): V | string {
  return fact === 'order.source' && typeof v === 'string' ? sourceForComparing(v) : v;
}

export function evaluateCondition(c: Condition, facts: Partial<Record<VariableName, FactValue>>): boolean {
  if (c.all) return c.all.every((x) => evaluateCondition(x, facts));
  if (c.any) return c.any.some((x) => evaluateCondition(x, facts));
  if (c.not) return !evaluateCondition(c.not, facts);
  if (!c.fact || !isVariableName(c.fact)) return false;
  const fact = c.fact;
  const v = compared(fact, facts[fact]);
  if (c.exists !== undefined) return (v !== undefined) === c.exists;
  if (c.is !== undefined) return v === compared(fact, c.is);
  if (c.in !== undefined) return (typeof v === 'string' || typeof v === 'number') && c.in.some((x) => compared(fact, x) === v);
  if (c.atLeast !== undefined) return typeof v === 'number' && v >= c.atLeast;
  if (c.below !== undefined) return typeof v === 'number' && v < c.below;
  if (c.has !== undefined) return Array.isArray(v) && v.includes(c.has);
  return false;
}

/** The checklist items of a flow, in the order its steps name them. */
export function flowChecklist(script: FlowScript): ChecklistItem[] {
  const out: ChecklistItem[] = [];
  for (const s of script.steps) if (s.check && !out.includes(s.check)) out.push(s.check);
  return out;
}

function offerLines(offer: Offer, order: ScriptOrder | undefined): OfferLineView[] {
  const product = order?.lines[0]?.product ?? '';
  return offer.add.map((l) => ({ product: l.product ?? product, package: l.package, quantity: l.quantity ?? 1, amountFen: yuanToFen(l.amount) }));
}

function pick(text: LocaleText | undefined, locale: Locale, pack: ScriptPack): string | undefined {
  return text?.[locale] ?? text?.[pack.locales[0]];
}

/** The order change an accepted offer makes; also what the card sends with upsell_accepted. */
export function acceptedOfferChange(pack: ScriptPack, offer: Offer, order: ScriptOrder, locale: Locale): AcceptedOfferChange {
  return {
    id: offer.id,
    title: (pick(offer.name, locale, pack) ?? offer.id).slice(0, 120),
    addLines: offerLines(offer, order),
    newTotalFen: order.amountFen + offerAddFen(offer),
  };
}

/** Runs a flow's script up to the present. Never throws for a validated pack. */
export function runScript(input: RunScriptInput): ScriptView {
  const { pack, flow, context, t } = input;
  const locale: Locale = pack.locales.includes(input.locale) ? input.locale : pack.locales[0];
  const script = pack.flows[flow];
  const base: ScriptView = {
    packId: pack.id,
    version: pack.version,
    flow,
    locale,
    step: null,
    answers: [],
    objections: [],
    objection: null,
    offer: null,
    checklist: [],
    outcome: null,
    finished: false,
    path: [],
    trail: [],
    ignored: 0,
    error: null,
  };
  if (!script) return { ...base, error: 'no_flow' };

  const byId = new Map(script.steps.map((s) => [s.id, s] as const));
  const offers = new Map((pack.offers ?? []).map((o) => [o.id, o] as const));
  const objections = new Map((pack.objections ?? []).map((o) => [o.id, o] as const));
  const path: PathEntry[] = [];
  const trail: ScriptView['trail'] = [];
  const done = new Set<ChecklistItem>();
  let offer: Offer | undefined;
  let facts = factValues(context, offer, t);
  let ignored = 0;
  let loop = false;

  const render = (text: LocaleText | undefined): RenderedText | null => {
    const words = pick(text, locale, pack);
    if (words === undefined) return null;
    const parts: RenderedPart[] = splitText(words).pieces.map((p) => {
      if ('text' in p) return { text: p.text };
      const value = isVariableName(p.variable) ? sayVariable(p.variable, facts, context, locale, t, offer) : undefined;
      if (value !== undefined) return { variable: p.variable, text: value, missing: false };
      const label = t(`packs.vars.${p.variable}`, { defaultValue: p.variable });
      return { variable: p.variable, text: t('packs.placeholder', { label }), missing: true };
    });
    return { text: parts.map((p) => p.text).join(''), parts };
  };

  /** Arrives at a step, passing through branch steps, each recorded on the path. */
  const enter = (id: string, at: string): Step | undefined => {
    let step = byId.get(id);
    for (let hops = 0; step; hops++) {
      path.push({ step: step.id, at });
      if (step.offer && offers.has(step.offer)) {
        offer = offers.get(step.offer);
        facts = factValues(context, offer, t);
      }
      if (!step.branch) return step;
      if (hops >= MAX_AUTO_STEPS) {
        loop = true;
        return undefined;
      }
      const rule = step.branch.find((r) => evaluateCondition(r.when, facts));
      step = byId.get(rule ? rule.next : (step.otherwise ?? ''));
    }
    return undefined;
  };

  const available = (step: Step): string[] => {
    const ids = [...(script.objections ?? []), ...(step.objections ?? [])];
    return [...new Set(ids)].filter((id) => {
      const o = objections.get(id);
      return o !== undefined && (!o.when || evaluateCondition(o.when, facts));
    });
  };

  let current = enter(script.start, input.startedAt);
  let shownObjection: string | null = null;
  for (const ev of input.events ?? []) {
    if (!current || current.outcome) {
      ignored++;
      continue;
    }
    if ('objection' in ev) {
      if (!available(current).includes(ev.objection)) {
        ignored++;
        continue;
      }
      path.push({ step: current.id, at: ev.at, objection: ev.objection });
      shownObjection = ev.objection;
      continue;
    }
    const answer = ev.answer === CONTINUE ? undefined : current.answers?.find((a) => a.id === ev.answer);
    const target = ev.answer === CONTINUE ? current.next : answer?.next;
    if (!target) {
      ignored++;
      continue;
    }
    trail.push({
      step: current.id,
      title: render(current.title)?.text ?? render(current.say)?.text.slice(0, 40) ?? current.id,
      answer: answer ? (pick(answer.label, locale, pack) ?? answer.id) : t('packs.continue'),
    });
    if (current.check) done.add(current.check);
    shownObjection = null;
    current = enter(target, ev.at);
  }

  if (!current) return { ...base, path, trail, ignored, error: loop ? 'loop' : null };
  if (current.outcome && current.check) done.add(current.check);

  const objectionView = (id: string): ObjectionView => {
    const o = objections.get(id)!;
    return { id, label: pick(o.label, locale, pack) ?? id, say: render(o.say) ?? { text: '', parts: [] } };
  };
  const answers: AnswerView[] = current.outcome
    ? []
    : current.answers
      ? current.answers.map((a) => ({ id: a.id, label: pick(a.label, locale, pack) ?? a.id, next: a.next }))
      : current.next
        ? [{ id: CONTINUE, label: t('packs.continue'), next: current.next }]
        : [];

  let outcome: ScriptOutcome | null = null;
  if (current.outcome) {
    // The end step's own offer, else the one presented on the way.
    const endOffer = current.offer ? offers.get(current.offer) : offer;
    outcome = { code: current.outcome };
    if (current.reason) outcome.reasonCode = current.reason;
    if (current.outcome === 'upsell_accepted' && endOffer) {
      outcome.offerId = endOffer.id;
      if (context.order) outcome.offer = acceptedOfferChange(pack, endOffer, context.order, locale);
    }
  }

  let offerView: OfferView | null = null;
  if (offer) {
    const addFen = offerAddFen(offer);
    const totalFen = context.order ? context.order.amountFen + addFen : offer.total !== undefined ? yuanToFen(offer.total) : null;
    offerView = {
      id: offer.id,
      name: pick(offer.name, locale, pack) ?? offer.id,
      lines: offerLines(offer, context.order),
      addFen,
      totalFen,
      savingFen: offer.worth !== undefined && totalFen !== null ? Math.max(0, yuanToFen(offer.worth) - totalFen) : null,
      points: offer.points?.[locale] ?? offer.points?.[pack.locales[0]] ?? [],
    };
  }

  return {
    ...base,
    step: {
      id: current.id,
      title: render(current.title),
      say: render(current.say),
      hint: render(current.hint),
      check: current.check ?? null,
      end: current.outcome !== undefined,
    },
    answers,
    objections: current.outcome ? [] : available(current).map(objectionView),
    objection: shownObjection ? objectionView(shownObjection) : null,
    offer: offerView,
    checklist: flowChecklist(script).map((item) => ({ item, done: done.has(item) })),
    outcome,
    finished: current.outcome !== undefined,
    path,
    trail,
    ignored,
  };
}
