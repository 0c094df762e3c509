/** The reason and expiry a blacklist entry is added with: the same fields on the card and the blacklist screen. */
import { useTranslation } from 'react-i18next';
import { BLACKLIST_REASONS, type BlacklistReason } from '../../../shared/contracts/risk';

export function BlacklistReasonFields(props: {
  /** '' until the user picks one: a reason like "professional complainer" is never put on a customer by default. */
  reason: BlacklistReason | '';
  onReason(r: BlacklistReason): void;
  expires: string;
  onExpires(date: string): void;
  /** The reason is what must be chosen: the form opens on it. */
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('blacklist.reason')}
        <select name="reason" required autoFocus={props.autoFocus} value={props.reason} onChange={(e) => props.onReason(e.target.value as BlacklistReason)}>
          <option value="" disabled>
            {t('blacklist.chooseReason')}
          </option>
          {BLACKLIST_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`blacklist.reasons.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('blacklist.expiresOn')}
        <input type="date" value={props.expires} onChange={(e) => props.onExpires(e.target.value)} />
      </label>
    </>
  );
}
