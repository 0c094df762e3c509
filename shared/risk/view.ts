/** What the doors show of an order's risk: the card banner, the orders list, the CLI. */
import type { Region } from './regions';
import type { FactParams, RiskLevel, Sentiment } from './rules';
import type { RuleId } from './settings';

export interface RiskFactView {
  rule: RuleId;
  kind: string;
  sentiment: Sentiment;
  points: number;
  /** risk.facts.<rule>.<kind>; render with t(messageKey, params). */
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
