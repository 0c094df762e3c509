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

export function useOutcomeLabel(session: SessionView): (code: OutcomeCode) => string {
  const { t, i18n } = useTranslation();
  const overrides = session.settings.outcomeOverrides[i18n.language as Locale] ?? {};
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

/** A reason code from a past outcome, in words (built-in reasons are translated, added ones shown as written). */
export function useReasonLabel(): (code: string | null) => string {
  const { t } = useTranslation();
  return (code) => {
    if (!code) return '';
    for (const [list, codes] of Object.entries(REASON_LISTS)) {
      if ((codes as readonly string[]).includes(code)) return t(`reasons.${list}.${code}`);
    }
    return code;
  };
}
