import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../shared/contract';
import { formatTime, historyValue } from '../format';

/** The changes made to an order, newest last: one line each, field and values translated. */
export function HistoryItems({ history, timeZone }: { history: readonly HistoryEntry[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const valueText = (field: string, value: string | null) => historyValue(field, value, i18n.language, timeZone, t);
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
