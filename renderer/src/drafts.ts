import type { OutcomeCode } from '../../shared/outcomes';
import type { ScriptEvent } from '../../shared/scriptpack/interpret';

/**
 * What the agent has done on a card and not yet recorded — the outcome picked, what is typed in its
 * form, when the card was opened and dialled — kept in the window's local storage until the outcome
 * is recorded. A reload, a crash of the window or a restart of the app hands the same card back
 * (the agent still holds it), and with this it comes back as the agent left it: the note, the
 * corrected address and the call timer are not lost.
 */
export interface FormDraft {
  note: string;
  reason: string;
  fields: Record<string, string>;
  quantity: string;
  amount: string;
  callbackAt: string;
  station: string;
  money: string;
  /** The details were opened for changing on an outcome that takes changes optionally (won back). */
  correcting?: boolean;
  /** What else a revisit call achieved, ticked beside its result. */
  also?: string[];
  /** The upsell made on a verify call (accepted: the pack's first bundle is offered again), and a decline's reason. */
  upsell?: string;
  upsellReason?: string;
  /**
   * The order's details as the form showed them before the agent typed (fields, quantity, amount).
   * On a restore only what the agent changed from these is laid over the order as it is now: an
   * import or a lead may have changed the order since, and an untouched field must show (and keep)
   * the new value, not put the old one back as if the agent had corrected it.
   */
  base?: { fields: Record<string, string>; quantity: string; amount: string };
}

/**
 * The values a restored form starts from: the order's current details, with each field the agent
 * had changed (draft value differs from the draft's base) taken from the draft. A draft without a
 * base (written by an earlier version) restores every field it holds, as before.
 */
export function restoredDetails(
  current: { fields: Record<string, string>; quantity: string; amount: string },
  draft: FormDraft | undefined,
): { fields: Record<string, string>; quantity: string; amount: string } {
  if (!draft) return current;
  const base = draft.base;
  const edited = (now: string | undefined, was: string | undefined): boolean => now !== undefined && (!base || now !== was);
  const fields = { ...current.fields };
  for (const [k, v] of Object.entries(draft.fields ?? {})) if (edited(v, base?.fields[k])) fields[k] = v;
  return {
    fields,
    quantity: edited(draft.quantity, base?.quantity) ? draft.quantity : current.quantity,
    amount: edited(draft.amount, base?.amount) ? draft.amount : current.amount,
  };
}

export interface CardDraft {
  openedAt: number;
  dialedAt: string | null;
  outcome?: OutcomeCode;
  /** A reason the script preset with the outcome. */
  presetReason?: string;
  form?: FormDraft;
  /** How far the script went: the customer's answers and objections keyed so far, and when it began. */
  script?: { events: ScriptEvent[]; startedAt: string };
  savedAt: number;
}

const PREFIX = 'callcard:card-draft:';
/** A draft older than this is of a card long gone back to the queue (a shift ended): dropped. */
const MAX_AGE_MS = 12 * 60 * 60_000;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readDraft(taskId: string): CardDraft | null {
  const raw = storage()?.getItem(PREFIX + taskId);
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as CardDraft;
    if (typeof d.openedAt !== 'number' || Date.now() - d.savedAt > MAX_AGE_MS) return null;
    return d;
  } catch {
    return null;
  }
}

/** Merges `patch` into the card's draft (a full storage only costs the draft, never the card). */
export function writeDraft(taskId: string, patch: Partial<CardDraft> & Pick<CardDraft, 'openedAt'>, before = readDraft(taskId)): void {
  const next: CardDraft = { dialedAt: null, ...before, ...patch, savedAt: Date.now() };
  try {
    storage()?.setItem(PREFIX + taskId, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the card still works, only without a draft.
  }
}

export function dropDraft(taskId: string): void {
  storage()?.removeItem(PREFIX + taskId);
}

/** Drops drafts too old to matter (on start-up). */
export function pruneDrafts(): void {
  const s = storage();
  if (!s) return;
  for (let i = s.length - 1; i >= 0; i--) {
    const key = s.key(i);
    if (key?.startsWith(PREFIX) && !readDraft(key.slice(PREFIX.length))) s.removeItem(key);
  }
}

/** Keeps the script's progress with the card's draft (a reload put the script back at its first step). */
export function writeScriptDraft(taskId: string, script: { events: ScriptEvent[]; startedAt: string }): void {
  const d = readDraft(taskId);
  if (d) writeDraft(taskId, { openedAt: d.openedAt, script }, d);
}
