import { useTranslation } from 'react-i18next';
import type { OutcomeView, SessionView } from '../../../shared/contract';
import { formatMoney, formatTime } from '../format';
import { useOutcomeLabel, useReasonLabel } from '../outcomes';

/**
 * The calls about an order or a customer, one line each: when, the flow, the outcome with its reason,
 * the money it moved (compensation, refund, added revenue), who, and the note. The card and the
 * Orders drawer say the same (the drawer left out the reason and the amount).
 */
export function PastCallItems({ outcomes, session, timeZone }: { outcomes: readonly OutcomeView[]; session: SessionView; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const outcomeLabel = useOutcomeLabel(session);
  const reasonLabel = useReasonLabel();
  const lang = i18n.language;
  return (
    <>
      {outcomes.map((x) => (
        <li key={x.id}>
          {formatTime(x.createdAt, lang, timeZone)} · {t(`flows.${x.flow}`)} · {outcomeLabel(x.outcome)}
          {x.reasonCode && <> ({reasonLabel(x.reasonCode)})</>}
          {x.amountFen !== null && <> · {formatMoney(x.amountFen, lang)}</>} · {x.agentName}
          {x.note && <span className="muted"> — {x.note}</span>}
        </li>
      ))}
    </>
  );
}
