import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../shared/contract';
import { formatTime, historyValue } from '../format';
import { historyLines } from '../historyLines';

/** The changes made to an order, newest last: one line each (a status change with its cause), field and values translated. */
export function HistoryItems({ history, timeZone }: { history: readonly HistoryEntry[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const valueText = (field: string, value: string | null) => historyValue(field, value, i18n.language, timeZone, t);
  return (
    <>
      {historyLines(history).map(({ entry: h, cause }, i) => (
        <li key={i}>
          {formatTime(h.at, i18n.language, timeZone)} · {t(`fields.${h.field}`, { defaultValue: h.field })}: {valueText(h.field, h.oldValue)} →{' '}
          {valueText(h.field, h.newValue)}
          {cause && (
            <span className="muted">
              {t('card.historyCause', {
                field: t(`fields.${cause.field}`),
                from: valueText(cause.field, cause.oldValue),
                to: valueText(cause.field, cause.newValue),
              })}
            </span>
          )}
          {h.agentName && <span className="muted"> ({h.agentName})</span>}
        </li>
      ))}
    </>
  );
}
