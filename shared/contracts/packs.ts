/** Script packs: load and check a trainer's file, keep its versions, activate, roll back, preview, and the card's script. */
import { z } from 'zod';
import { method, NoArgs } from '../contract-kit';
import { FLOWS, LOCALES, type Flow } from '../domain';
import type { OutcomeCode } from '../outcomes';
import { MAX_PACK_CHARS } from '../scriptpack/source';
import { SampleOrder } from '../scriptpack/context';
import type { PackIssue } from '../scriptpack/validate';
import type { LocaleText, ScriptPack } from '../scriptpack/schema';
import type { PathEntry, ScriptView } from '../scriptpack/interpret';

/** The default scope: every product without a pack of its own. */
export const DEFAULT_SCOPE = '*';

/**
 * Where a pack version may be activated: a pack that lists its products, for those only (never as
 * the default for every product); any other pack, as the default or for any known product.
 */
export function activationScopes(packProducts: readonly string[], knownProducts: readonly string[] = []): string[] {
  if (packProducts.length > 0) return [...packProducts];
  return [DEFAULT_SCOPE, ...knownProducts.filter((p) => p !== DEFAULT_SCOPE)];
}

export interface PackIssueView extends PackIssue {
  /** The problem in the workstation's language (the renderer re-words it from code + params). */
  message: string;
}

export interface PackValidationView {
  ok: boolean;
  issues: PackIssueView[];
  id: string | null;
  version: string | null;
}

export interface PackVersionSummary {
  packId: string;
  version: string;
  name: LocaleText;
  products: string[];
  fileName: string;
  valid: boolean;
  issueCount: number;
  loadedAt: string;
  loadedBy: string | null;
  /** Scopes this version is active for now ('*': the default). */
  activeFor: string[];
}

export interface PackActivationView {
  id: string;
  /** '*' for the default, else a product name. */
  scope: string;
  packId: string | null;
  version: string | null;
  action: 'activate' | 'rollback' | 'auto';
  activatedAt: string;
  activatedBy: string | null;
}

export interface PackList {
  versions: PackVersionSummary[];
  /** What is in force per scope now. */
  active: PackActivationView[];
  /** Every activation, newest first (at most 200). */
  history: PackActivationView[];
  /** Product names seen on orders, for "activate for this product". */
  products: string[];
}

export interface LoadPackResult {
  validation: PackValidationView;
  /** What was stored; null when nothing could be (no readable id and version, or refused). */
  stored: { packId: string; version: string; valid: boolean; status: 'created' | 'unchanged' | 'replaced' } | null;
  /** Why a readable version was not stored (e.g. pack_version_exists), in the workstation's language. */
  refusal: { code: string; params: Record<string, string | number>; message: string } | null;
}

export interface PackVersionDetail {
  summary: PackVersionSummary;
  source: string;
  pack: ScriptPack | null;
  issues: PackIssueView[];
}

/** The script for a card: the pack in force for the order's product and the flow. */
export interface CardScript {
  packId: string;
  version: string;
  scope: string;
  pack: ScriptPack;
}

export interface PackCallView {
  outcomeId: string;
  orderNo: string;
  flow: Flow;
  outcome: OutcomeCode;
  agentName: string;
  createdAt: string;
  packId: string;
  version: string;
  path: PathEntry[];
}

const text = (max: number) => z.string().trim().max(max);
const packId = text(64).min(1);
const version = text(64).min(1);
const fileName = text(255).min(1);
const product = text(120).min(1);
const isoInstant = z.iso.datetime({ offset: true });

export const ScriptEventArg = z.union([
  z.object({ answer: text(64).min(1), at: isoInstant }).strict(),
  z.object({ objection: text(64).min(1), at: isoInstant }).strict(),
]);

export const packMethods = {
  /** Every stored version, what is active where, and the activation history. */
  listPacks: method<PackList>()(NoArgs),
  /** Checks a pack's text without storing anything. */
  validatePack: method<PackValidationView>()(z.object({ fileName, text: z.string().max(MAX_PACK_CHARS) }).strict()),
  /** Checks and stores a version (a valid one is final; an invalid one is kept as a draft). */
  loadPack: method<LoadPackResult>()(z.object({ fileName, text: z.string().max(MAX_PACK_CHARS) }).strict()),
  getPackVersion: method<PackVersionDetail>()(z.object({ packId, version }).strict()),
  /** Makes a valid version the one in force for a product, or for every product (no product). */
  activatePack: method<PackActivationView>()(z.object({ packId, version, product: product.optional() }).strict()),
  /** Goes back to what was in force before the latest activation of a product (or the default). */
  rollbackPack: method<PackActivationView>()(z.object({ product: product.optional() }).strict()),
  /** The pack in force for a product and flow (the product's own, else the default); null: none. */
  getCardScript: method<{ script: CardScript | null }>()(z.object({ product: text(120).optional(), flow: z.enum(FLOWS) }).strict()),
  /** Walks a version's script with a real order (orderNo) or a sample one, in a locale. */
  previewScript: method<ScriptView>()(
    z
      .object({
        packId,
        version,
        flow: z.enum(FLOWS),
        locale: z.enum(LOCALES),
        orderNo: text(64).min(1).optional(),
        sample: SampleOrder.optional(),
        events: z.array(ScriptEventArg).max(500).default([]),
      })
      .strict(),
  ),
  /** Recorded calls that followed a script pack, newest first. */
  listPackCalls: method<{ calls: PackCallView[] }>()(
    z
      .object({
        packId: packId.optional(),
        version: version.optional(),
        orderNo: text(64).min(1).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
  ),
} as const;
