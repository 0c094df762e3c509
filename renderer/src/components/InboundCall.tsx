import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSubmitEnter } from '../keys';

/**
 * A customer on the line (called in, or called back after a missed call): the agent types or
 * pastes the number as the customer reads it, or an order number, and Enter brings their card.
 */
export function InboundCall({
  busy,
  misses,
  onTake,
  onNewOrder,
  onClose,
}: {
  busy: boolean;
  /** Counts lookups that found nothing: after each, the text is selected, so the next one replaces it. */
  misses: number;
  onTake: (query: string) => void;
  /** A caller not in the store orders on the phone (the number typed so far comes along). */
  onNewOrder: (phone: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (misses > 0) input.current?.select();
  }, [misses]);
  return (
    <section className="panel inbound" role="dialog" aria-label={t('inbound.title')} data-testid="inbound-call">
      <label>
        <strong>{t('inbound.title')}</strong>{' '}
        <input
          ref={input}
          autoFocus
          value={query}
          maxLength={40}
          placeholder={t('inbound.placeholder')}
          aria-label={t('inbound.placeholder')}
          data-testid="inbound-query"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (isSubmitEnter(e)) {
              e.preventDefault();
              if (query.trim() && !busy) onTake(query.trim());
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            }
          }}
        />
      </label>
      <button className="primary" disabled={busy || !query.trim()} onClick={() => onTake(query.trim())}>
        {t('inbound.take')} <kbd>Enter</kbd>
      </button>
      <button onClick={() => onNewOrder(/\d/.test(query) ? query.trim() : '')} data-testid="phone-order-open">
        {t('phoneOrder.button')}
      </button>
      <button onClick={onClose}>
        {t('inbound.cancel')} <kbd>Esc</kbd>
      </button>
      <span className="muted small">{t('inbound.hint')}</span>
    </section>
  );
}
