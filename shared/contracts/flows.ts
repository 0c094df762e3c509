import { z } from 'zod';
import { method, NoArgs } from '../contract-kit';
import type { OutcomeView } from '../contract';

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

export const flowMethods = {
  /** Click-to-dial: builds the dial URI for the card's customer and notes when the call started. */
  dial: method<DialResult>()(z.object({ taskId: z.string().min(1).max(64) }).strict()),
  myDay: method<AgentDay>()(NoArgs),
  /** End of shift: give back the card(s) this agent holds so that nobody waits for the claim to expire. */
  releaseCards: method<{ released: number }>()(NoArgs),
} as const;
