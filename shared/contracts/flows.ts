import { z } from 'zod';
import { method, NoArgs } from '../contract-kit';
import type { OutcomeView } from '../contract';
import type { Flow } from '../domain';

/** The agent's own numbers for the business day. */
export interface AgentDay {
  day: string;
  calls: number;
  reached: number;
  verified: number;
  corrected: number;
  rejected: number;
  upsold: number;
  upsellRevenueFen: number;
  recovered: number;
  saved: number;
  refused: number;
  /** Sum of handling time of today's calls (card opened -> outcome), ms. */
  handleMs: number;
  /** Today's calls, newest first (at most 50). */
  recent: OutcomeView[];
}

export interface DialResult {
  /** What to open: the click-to-dial URI built from the settings' template. */
  uri: string;
  dialedAt: string;
  /** The door opened it already (Electron: the platform's handler); otherwise the page opens it. */
  opened: boolean;
}

/** One customer an agent holds: their first matter (as the card shows it) and how many they have open. */
export interface HeldCustomer {
  orderNo: string;
  customerName: string;
  flow: Flow;
  matters: number;
  claimedAt: string;
  /** Past the claim timeout: the customer is back in the queue for anyone. */
  expired: boolean;
}

export interface HeldCards {
  /** Agents holding customers, by name; each customer once. */
  holders: { agentId: string; agentName: string; customers: HeldCustomer[] }[];
  /** Everyone a customer can be handed to. */
  agents: { id: string; name: string }[];
  claimTimeoutMinutes: number;
}

const AgentId = z.string().min(1).max(64);
const OrderNo = z.string().trim().min(1).max(64);

export const flowMethods = {
  /** Click-to-dial: builds the dial URI for the card's customer and notes when the call started. */
  dial: method<DialResult>()(z.object({ taskId: z.string().min(1).max(64) }).strict()),
  myDay: method<AgentDay>()(NoArgs),
  /** End of shift: give back the card(s) this agent holds so that nobody waits for the claim to expire. */
  releaseCards: method<{ released: number }>()(NoArgs),
  /** Team leads: who holds which customers right now. */
  heldCards: method<HeldCards>()(NoArgs),
  /** Team leads: give an agent's customers back to the queue — all of them, or the one of this order. */
  releaseHeld: method<{ released: number }>()(z.object({ agentId: AgentId, orderNo: OrderNo.optional() }).strict()),
  /** Team leads: hand the customer of this order (every open matter) to another agent; theirs on their next card. */
  handOver: method<{ moved: number }>()(z.object({ orderNo: OrderNo, toAgentId: AgentId }).strict()),
} as const;
