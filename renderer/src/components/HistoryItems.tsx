import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../shared/contract';
import { formatMoney, formatTime } from '../format';

/** A history value as the user reads it: statuses, payment methods, holds and money in words. */
function useHistoryValue(): (field: string, value: string | null) => string {
  const { t, i18n } = useTranslation();
  return (field, value) => {
    if (value === null) return field === 'risk_hold' ? t('history.notHeld') : '—';
    switch (field) {
      case 'status':
        return t(`status.${value}`, { defaultValue: value });
      case 'paymentMethod':
        return t(`payment.${value}`, { defaultValue: value });
      case 'amountFen': {
        const fen = Number(value);
        return Number.isFinite(fen) ? formatMoney(fen, i18n.language) : value;
      }
      case 'risk_hold':
        return t(`history.hold.${value}`, { defaultValue: value });
      case 'risk_override': {
        // Stored as "release: <reason>" or "hold: <reason>".
        const m = /^(release|hold): ([\s\S]*)$/.exec(value);
        return m ? t(`history.override.${m[1]}`, { reason: m[2] }) : value;
      }
      default:
        return value;
    }
  };
}

/** The changes made to an order, newest last: one line each, field and values translated. */
export function HistoryItems({ history, timeZone }: { history: readonly HistoryEntry[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const valueText = useHistoryValue();
  return (
    <>
      {history.map((h, i) => (
        <li key={i}>
          {formatTime(h.at, i18n.language, timeZone)} · {t(`fields.${h.field}`, { defaultValue: h.field })}: {valueText(h.field, h.oldValue)} →{' '}
          {valueText(h.field, h.newValue)}
          {h.agentName && <span className="muted"> ({h.agentName})</span>}
        </li>
      ))}
    </>
  );
}
