/** Risk screening: per-order risk, holds and overrides, the blacklist, the phone-prefix table, settings. */
import { z } from 'zod';
import { method, NoArgs } from '../contract-kit';
import { LOCALES } from '../domain';
import type { RiskLevel } from '../risk/rules';
import { RiskSettingsPatch, type RiskSettings } from '../risk/settings';
import { OVERRIDE_DECISIONS, type OrderRiskView } from '../risk/view';

export const BLACKLIST_KINDS = ['phone', 'account', 'name_address'] as const;
export type BlacklistKind = (typeof BLACKLIST_KINDS)[number];

/** Why someone is on the blacklist. Leads pick one; the note says the rest. */
export const BLACKLIST_REASONS = ['professional_complainer', 'abusive', 'repeat_refuser', 'fraud', 'fake_orders', 'other'] as const;
export type BlacklistReason = (typeof BLACKLIST_REASONS)[number];

export interface BlacklistEntryView {
  id: string;
  kind: BlacklistKind;
  /** The normalised value matched against orders. */
  value: string;
  /** The value as people read it (for name+address: "张三 / 广东深圳南山区科技南路18号"). */
  display: string;
  reason: BlacklistReason;
  note: string;
  addedBy: string;
  addedAt: string;
  /** The instant the entry stops counting: the end of its expiry date in the business time zone. */
  expiresAt: string | null;
  /** The expiry date as leads read it (YYYY-MM-DD, business time zone): blacklisted through that day. */
  expiresOn: string | null;
  expired: boolean;
}

export interface BlacklistPage {
  total: number;
  entries: BlacklistEntryView[];
}

export interface RescreenResult {
  screened: number;
  low: number;
  medium: number;
  high: number;
  held: number;
}

export interface TableImportResult {
  imported: number;
  rejected: { row: number; code: string; value: string }[];
}

/**
 * A blacklist import also says which rows were imported with something filled in for them (a
 * reason no list knows kept as 其他 with its words in the note, a missing reason): nothing is
 * changed silently. Codes are keys under blacklist.importNotices.
 */
export interface BlacklistImportResult extends TableImportResult {
  notices: { row: number; code: string; value: string }[];
}

export interface FileOut {
  fileName: string;
  contentBase64: string;
}

export interface RiskOrderRow {
  orderNo: string;
  level: RiskLevel;
  score: number;
  held: boolean;
}

const text = (max: number) => z.string().trim().max(max);
const orderNo = text(64).min(1);
const reason = text(300).min(1);
const isoInstant = z.iso.datetime({ offset: true });
const fileArgs = z
  .object({ fileName: text(255).min(1), contentBase64: z.string().max(90_000_000) })
  .strict();

export const riskMethods = {
  /** The order's risk (screened now if it never was). */
  getOrderRisk: method<OrderRiskView>()(z.object({ orderNo }).strict()),
  /** Risk of several orders at once, for a list page. */
  riskOfOrders: method<RiskOrderRow[]>()(z.object({ orderNos: z.array(orderNo).max(500) }).strict()),
  /** Screens again: one order, or every order. */
  rescreen: method<RescreenResult>()(
    z.union([z.object({ orderNo }).strict(), z.object({ all: z.literal(true) }).strict()]),
  ),
  /** A lead releases a held order (ships anyway) or holds one by hand, with a reason kept in history. */
  overrideRisk: method<OrderRiskView>()(z.object({ orderNo, decision: z.enum(OVERRIDE_DECISIONS), reason }).strict()),
  /** A lead rejects a held order: it will not ship; its open calls are closed. */
  rejectHeld: method<OrderRiskView>()(z.object({ orderNo, reason }).strict()),
  /** The buyer agreed to pay online: COD restrictions no longer hold the order. */
  convertToOnlinePayment: method<OrderRiskView>()(z.object({ orderNo, note: text(300).optional() }).strict()),

  listBlacklist: method<BlacklistPage>()(
    z
      .object({
        query: text(100).optional(),
        kind: z.enum(BLACKLIST_KINDS).optional(),
        includeExpired: z.boolean().default(false),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  /** Adds (or renews) an entry; kind and value, or straight from an order's card. */
  addBlacklist: method<BlacklistEntryView[]>()(
    z
      .object({
        entry: z.union([
          z.object({ kind: z.enum(['phone', 'account']), value: text(60).min(1) }).strict(),
          z.object({ kind: z.literal('name_address'), name: text(60).min(1), province: text(30), city: text(30), district: text(30), address: text(300).min(1) }).strict(),
          z.object({ orderNo, kinds: z.array(z.enum(BLACKLIST_KINDS)).min(1).max(3) }).strict(),
        ]),
        reason: z.enum(BLACKLIST_REASONS),
        note: text(300).default(''),
        expiresAt: isoInstant.nullable().default(null),
      })
      .strict(),
  ),
  removeBlacklist: method<{ removed: number }>()(z.object({ id: text(64).min(1) }).strict()),
  /**
   * CSV (UTF-8 or GBK) or XLSX with the export's columns (headers in any of our languages, or the
   * older kind,value,reason,note,expires_at). Bad rows are rejected with their row number; rows
   * imported with a fallback (an unknown or missing reason kept as "other") are listed in notices.
   */
  importBlacklist: method<BlacklistImportResult>()(fileArgs),
  /** Headers, kinds and reasons in this language (default: the workstation's); dates as business-day dates. */
  exportBlacklist: method<FileOut>()(z.object({ includeExpired: z.boolean().default(false), lang: z.enum(LOCALES).optional() }).strict()),
  /** prefix,province,city: 7-digit number ranges the bundled data lacks; consulted first. */
  importPhonePrefixes: method<TableImportResult>()(fileArgs),
  phonePrefixCount: method<{ count: number }>()(NoArgs),

  getRiskSettings: method<RiskSettings>()(NoArgs),
  /** Saves the settings and screens the orders still to ship again. */
  updateRiskSettings: method<{ settings: RiskSettings; rescreened: RescreenResult }>()(z.object({ patch: RiskSettingsPatch }).strict()),
} as const;
