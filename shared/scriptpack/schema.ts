/**
 * The script pack format: what a trainer writes (YAML or JSON) and what the validator checks.
 * Structure only; the cross-references (next steps, outcomes, variables, prices...) are checked
 * by validate.ts, which also says where each mistake is. resources/schemas/script-pack.schema.json
 * is generated from these schemas (scripts/make-pack-schema.ts) so editors can autocomplete.
 */
import { z } from 'zod';
import { LOCALES } from '../domain';
import { OUTCOME_CODES, REASON_LISTS } from '../outcomes';
import { VARIABLE_NAMES } from './variables';

/** Items an agent ticks off during a call; the card shows them as a checklist. */
export const CHECKLIST_ITEMS = [
  'identityConfirmed',
  'addressReadBack',
  'packageConfirmed',
  'expectationSet',
  'offerPresented',
  'reasonAsked',
  'finalResult',
  'feedbackAsked',
  'wechatInvited',
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

const ALL_REASONS = [...new Set(Object.values(REASON_LISTS).flat())] as [string, ...string[]];

/** Ids are plain ASCII so they survive every report, export and URL. */
export const PACK_ID_RE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const Id = z.string().regex(PACK_ID_RE).describe('Letters, digits, _ and -, starting with a letter (at most 64).');

/** Semantic versioning 2.0 (https://semver.org), e.g. 1.0.0 or 1.2.0-beta.1. */
export const SEMVER_RE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

const localeShape = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(LOCALES.map((l) => [l, value.optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<T>>).strict();

/** Words in each of the pack's locales. May contain variables such as {{order.address}}. */
export const LocaleText = localeShape(z.string().max(4000)).meta({
  id: 'LocaleText',
  description: 'The same words in each locale the pack declares, e.g. {"zh-CN": "…", "en": "…"}. May contain variables such as {{order.address}}.',
});
export type LocaleText = z.infer<typeof LocaleText>;

export const LocaleList = localeShape(z.array(z.string().max(500)).max(20)).meta({ id: 'LocaleList', description: 'A short list per locale.' });
export type LocaleList = z.infer<typeof LocaleList>;

/**
 * A test on the order, customer, courier or risk facts. Either one fact with one operator, or
 * all / any / not of other conditions.
 */
export interface Condition {
  fact?: (typeof VARIABLE_NAMES)[number];
  is?: string | number | boolean;
  in?: (string | number)[];
  atLeast?: number;
  below?: number;
  has?: string;
  exists?: boolean;
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
}
export const Condition: z.ZodType<Condition> = z
  .object({
    fact: z.enum(VARIABLE_NAMES).optional().describe('A variable name without braces, e.g. risk.level or order.amount.'),
    is: z.union([z.string(), z.number(), z.boolean()]).optional().describe('The fact equals this value.'),
    in: z.array(z.union([z.string(), z.number()])).max(50).optional().describe('The fact is one of these values.'),
    atLeast: z.number().optional().describe('Number or money fact (yuan) is at least this.'),
    below: z.number().optional().describe('Number or money fact (yuan) is below this.'),
    has: z.string().max(64).optional().describe('A list fact (e.g. risk.flags) contains this.'),
    exists: z.boolean().optional().describe('The fact has a value (true) or not (false).'),
    get all() {
      return z.array(Condition).min(1).max(20).optional().describe('Every condition holds.');
    },
    get any() {
      return z.array(Condition).min(1).max(20).optional().describe('At least one condition holds.');
    },
    get not() {
      return Condition.optional().describe('The condition does not hold.');
    },
  })
  .strict()
  .meta({ id: 'Condition', description: 'One fact with one operator, or all / any / not of other conditions.' });

export const Answer = z
  .object({
    id: Id,
    label: LocaleText,
    next: Id.describe('The step this answer leads to.'),
  })
  .strict()
  .meta({ id: 'Answer', description: 'One thing the customer may answer (label: a few words), and the step it leads to.' });
export type Answer = z.infer<typeof Answer>;

export const BranchRule = z
  .object({
    when: Condition,
    next: Id,
  })
  .strict()
  .meta({ id: 'BranchRule', description: 'When the condition holds, go to next.' });
export type BranchRule = z.infer<typeof BranchRule>;

/**
 * One step of a flow. Three kinds, told apart by their fields:
 * - a spoken step: `say`, then `answers` (the customer's possible answers) or `next` (just continue);
 * - a branch: `branch` rules tried in order, else `otherwise` (the agent never sees it);
 * - an end step: `outcome` (with `reason` / `offer` where the outcome needs one); `say` is optional.
 */
export const Step = z
  .object({
    id: Id,
    title: LocaleText.optional().describe('A few words naming the step for the agent.'),
    say: LocaleText.optional().describe('What the agent says.'),
    hint: LocaleText.optional().describe('A note for the agent only (tone, what to watch for).'),
    check: z.enum(CHECKLIST_ITEMS).optional().describe('The checklist item this step ticks off once the agent moves on.'),
    answers: z.array(Answer).min(1).max(9).optional().describe('At most 9: the agent picks one with Shift+1 to Shift+9.'),
    next: Id.optional().describe('Continue to this step (a step without answers).'),
    objections: z.array(Id).max(30).optional().describe('Objection answers offered on this step (besides the flow-wide ones).'),
    offer: Id.optional().describe('The upsell offer this step presents; {{offer.*}} variables refer to it from here on.'),
    branch: z.array(BranchRule).min(1).max(20).optional(),
    otherwise: Id.optional().describe('Where a branch goes when no rule matches.'),
    outcome: z.enum(OUTCOME_CODES).optional().describe('Ends the script and records this outcome.'),
    reason: z.enum(ALL_REASONS).optional().describe("Presets the outcome's reason (loss, refusal, upsell decline or complaint)."),
  })
  .strict()
  .meta({
    id: 'Step',
    description: 'A spoken step (say + answers or next), a branch (branch + otherwise) or an end step (outcome).',
  });
export type Step = z.infer<typeof Step>;

export const Flow = z
  .object({
    start: Id.describe('The first step.'),
    objections: z.array(Id).max(30).optional().describe('Objection answers every step of this flow offers.'),
    steps: z.array(Step).min(1).max(300),
  })
  .strict()
  .meta({ id: 'Flow', description: "One kind of call's script: the first step and all steps." });
export type FlowScript = z.infer<typeof Flow>;

export const Objection = z
  .object({
    id: Id,
    label: LocaleText,
    say: LocaleText,
    when: Condition.optional().describe(
      'Offered only on calls where this holds, e.g. {fact: order.payment, is: cod} for an answer that speaks of paying the courier.',
    ),
  })
  .strict()
  .meta({
    id: 'Objection',
    description: 'A reusable answer to an objection: label (what the customer objects), say (the answer), and optionally when it applies.',
  });
export type Objection = z.infer<typeof Objection>;

const Yuan = z.number().min(0).max(1_000_000).describe('Yuan, at most two decimals, e.g. 99 or 35.5.');

export const OfferLine = z
  .object({
    product: z.string().min(1).max(120).optional().describe("Product name; omitted: the order's own product."),
    package: z.string().max(120),
    quantity: z.number().int().min(1).max(999).optional().describe('Default 1.'),
    amount: Yuan.describe('What this line adds to the price (yuan).'),
  })
  .strict()
  .meta({ id: 'OfferLine', description: 'A line an offer adds to the order.' });
export type OfferLine = z.infer<typeof OfferLine>;

export const Offer = z
  .object({
    id: Id,
    name: LocaleText,
    products: z
      .array(z.string().min(1).max(120))
      .max(200)
      .optional()
      .describe("Products whose orders the offer is for; absent or empty: any product's."),
    base: Yuan.optional().describe('The order price this offer was made for (yuan); with total.'),
    add: z.array(OfferLine).min(1).max(20).describe('Lines the offer adds to the order.'),
    total: Yuan.optional().describe('The new order total (yuan): base plus the added lines.'),
    worth: Yuan.optional().describe('What the bundle would cost at list price, for {{offer.saving}}.'),
    points: LocaleList.optional().describe('Selling points the agent can use.'),
  })
  .strict()
  .meta({ id: 'Offer', description: 'An upsell bundle: the lines it adds; base + added lines = total.' });
export type Offer = z.infer<typeof Offer>;

export const Flows = z
  .object({
    verify: Flow.optional(),
    upsell: Flow.optional(),
    recover: Flow.optional(),
    track: Flow.optional(),
    revisit: Flow.optional(),
  })
  .strict();

export const ScriptPack = z
  .object({
    $schema: z.string().optional().describe('Path or URL of script-pack.schema.json, for editors.'),
    id: Id.describe('The pack id; versions of one pack share it.'),
    name: LocaleText,
    version: z.string().regex(SEMVER_RE).describe('Semantic version, e.g. 1.0.0. A loaded version can never be changed: raise it.'),
    description: LocaleText.optional(),
    locales: z.array(z.enum(LOCALES)).min(1).max(LOCALES.length).describe('Locales every text must be written in.'),
    products: z.array(z.string().min(1).max(120)).max(200).optional().describe('Product names the pack is for; empty or absent: any product.'),
    objections: z.array(Objection).max(100).optional(),
    offers: z.array(Offer).max(100).optional(),
    flows: Flows,
  })
  .strict()
  .describe('A Callcard script pack: what agents say on each kind of call.');
export type ScriptPack = z.infer<typeof ScriptPack>;
