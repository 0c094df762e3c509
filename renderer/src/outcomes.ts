import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../shared/contract';
import type { Flow, Locale } from '../../shared/domain';
import { outcomesForFlow, REASON_LISTS, type OutcomeCode, type OutcomeDef, type ReasonList } from '../../shared/outcomes';

export interface OutcomeChoice {
  def: OutcomeDef;
  key: string;
  label: string;
}

/** A flow's outcomes as the card shows them: the lead's renames and re-keys for this language applied. */
export function useOutcomeChoices(session: SessionView, flow: Flow): OutcomeChoice[] {
  const { t, i18n } = useTranslation();
  const overrides = session.settings.outcomeOverrides[i18n.language as Locale] ?? {};
  return outcomesForFlow(flow).map((def) => ({
    def,
    key: overrides[def.code]?.key ?? def.key,
    label: overrides[def.code]?.label ?? t(`outcomes.${def.code}`),
  }));
}

/** An outcome's name in the UI's language, or in `locale` (a script previewed in another language). */
export function useOutcomeLabel(session: SessionView, locale?: Locale): (code: OutcomeCode) => string {
  const { t: uiT, i18n } = useTranslation();
  const lang = locale ?? (i18n.language as Locale);
  const t = locale ? i18n.getFixedT(locale) : uiT;
  const overrides = session.settings.outcomeOverrides[lang] ?? {};
  return (code) => overrides[code]?.label ?? t(`outcomes.${code}`);
}

export interface ReasonChoice {
  code: string;
  label: string;
}

/** A reason list: the built-in reasons (translated) then the ones leads added. */
export function useReasons(session: SessionView, list: ReasonList): ReasonChoice[] {
  const { t } = useTranslation();
  return [
    ...REASON_LISTS[list].map((code) => ({ code, label: t(`reasons.${list}.${code}`) })),
    ...(session.settings.extraReasons[list] ?? []).map((code) => ({ code, label: code })),
  ];
}

/** A reason code from a past outcome, in words (built-in reasons are translated, added ones shown as written); `locale` as above. */
export function useReasonLabel(locale?: Locale): (code: string | null) => string {
  const { t: uiT, i18n } = useTranslation();
  const t = locale ? i18n.getFixedT(locale) : uiT;
  return (code) => {
    if (!code) return '';
    for (const [list, codes] of Object.entries(REASON_LISTS)) {
      if ((codes as readonly string[]).includes(code)) return t(`reasons.${list}.${code}`);
    }
    return code;
  };
}

/**
 * Refusals that mean the card on screen is no longer the agent's to record: its outcome is already
 * in (another window, a bounced key), an import or a lead closed it or moved its order on, or it
 * was handed to someone else. The card steps aside for the next one; before, it stayed on screen
 * and every outcome key repeated the same refusal.
 */
export const CARD_GONE_ERRORS: ReadonlySet<string> = new Set(['card_already_recorded', 'order_moved_on', 'task_closed', 'task_not_found', 'task_claimed_elsewhere']);

/**
 * The digit that picks a reason: 0 is always "other" (it was 0 on one list and 9, 5 or 6 on the
 * others); the rest are 1–9 in their order, and a tenth without "other" in the list is 0.
 */
export function reasonKey(list: readonly { code: string }[], i: number): string | null {
  if (list[i].code === 'other') return '0';
  const n = list.slice(0, i).filter((r) => r.code !== 'other').length;
  if (n < 9) return String(n + 1);
  return n === 9 && !list.some((r) => r.code === 'other') ? '0' : null;
}

/** The reason a digit picks (reasonKey's inverse). */
export function reasonForKey<T extends { code: string }>(list: readonly T[], key: string): T | undefined {
  return list.find((_, i) => reasonKey(list, i) === key);
}
