/** What the doors show of an order's risk: the card banner, the orders list, the CLI. */
import type { Translate } from '../dispatch';
import type { Region } from './regions';
import { FACT_LIST_PARAMS, FACT_LIST_SEPARATOR, type FactParams, type RiskLevel, type Sentiment } from './rules';
import type { RuleId } from './settings';

/**
 * A risk fact in the translator's language, its lists (order numbers, names) joined the way that
 * language joins them ("DD1, DD2" in English): every door says facts through this.
 */
export function riskFactText(t: Translate, fact: { messageKey: string; params?: FactParams }, defaultValue?: string): string {
  const params: Record<string, string | number> = { ...fact.params };
  const separator = t('common.listSeparator');
  for (const k of FACT_LIST_PARAMS) {
    const v = params[k];
    if (typeof v === 'string') params[k] = v.split(FACT_LIST_SEPARATOR).join(separator);
  }
  // A buyer's history names only what happened ("1 rejected", not "0 refused and 1 rejected").
  if (fact.messageKey.startsWith('risk.facts.buyer_history.')) {
    if (params.refused === 0) params.context = 'rejectedOnly';
    else if (params.rejected === 0) params.context = 'refusedOnly';
  }
  // A blacklist entry with an expiry date says through which day it counts.
  if (fact.messageKey.startsWith('risk.facts.blacklist_hit.') && params.until) params.context = 'until';
  if (defaultValue !== undefined) params.defaultValue = defaultValue;
  return t(fact.messageKey, params);
}

export interface RiskFactView {
  rule: RuleId;
  kind: string;
  sentiment: Sentiment;
  points: number;
  /** risk.facts.<rule>.<kind>; say it with riskFactText. */
  messageKey: string;
  params: FactParams;
  orders?: string[];
}

/**
 * Why an order may not ship yet:
 * - high_risk: high score, until a verify call confirms it or a lead rejects it;
 * - online_only: COD is not offered (remote area, restricted buyer) until converted to online payment;
 * - lead_hold: a lead held it by hand.
 */
export const HOLD_REASONS = ['high_risk', 'online_only', 'lead_hold'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export const OVERRIDE_DECISIONS = ['release', 'hold'] as const;
export type OverrideDecision = (typeof OVERRIDE_DECISIONS)[number];

export interface RiskOverrideView {
  decision: OverrideDecision;
  reason: string;
  by: string;
  at: string;
  /** False when the score has risen since, so the lead's release no longer covers it. */
  inForce: boolean;
}

export interface OrderRiskView {
  orderNo: string;
  level: RiskLevel;
  score: number;
  held: boolean;
  holdReason: HoldReason | null;
  facts: RiskFactView[];
  /** The looked-up regions: the phone's home region, the order IP's region, the shipping region. */
  regions: { phone?: Region; ip?: Region; ship?: Region };
  screenedAt: string;
  /** A verify call confirmed the order with these risks in view. */
  confirmedAt: string | null;
  override: RiskOverrideView | null;
}
