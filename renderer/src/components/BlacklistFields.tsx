/** The reason and expiry a blacklist entry is added with: the same fields on the card and the blacklist screen. */
import { useTranslation } from 'react-i18next';
import { BLACKLIST_REASONS, type BlacklistReason } from '../../../shared/contracts/risk';
import { today } from '../../../shared/risk/expiry';

/**
 * What is wrong with an expiry date as picked ("YYYY-MM-DD" from the date field): a day already
 * over would never count, so it is refused here as the core refuses it. Null when it can be saved.
 */
export function expiryProblem(expires: string, timeZone: string, now = new Date()): { date: string; today: string } | null {
  const day = today(now, timeZone);
  return expires && expires < day ? { date: expires, today: day } : null;
}

export function BlacklistReasonFields(props: {
  /** '' until the user picks one: a reason like "professional complainer" is never put on a customer by default. */
  reason: BlacklistReason | '';
  onReason(r: BlacklistReason): void;
  expires: string;
  onExpires(date: string): void;
  /** The business time zone: an expiry date is "through that day" there. */
  timeZone: string;
  /** The reason is what must be chosen: the form opens on it. */
  autoFocus?: boolean;
  /** Said under the reason list (e.g. "choose a reason" after a try to add without one). */
  reasonProblem?: string;
  /** Said under the date instead of the form's own check (e.g. the core's refusal). */
  expiryProblemText?: string;
}) {
  const { t } = useTranslation();
  const past = expiryProblem(props.expires, props.timeZone);
  const expiryText = props.expiryProblemText ?? (past ? t('blacklist.expiresPast', past) : '');
  return (
    <>
      <label>
        {t('blacklist.reason')}
        <select
          name="reason"
          required
          autoFocus={props.autoFocus}
          value={props.reason}
          aria-invalid={props.reasonProblem ? true : undefined}
          onChange={(e) => props.onReason(e.target.value as BlacklistReason)}
        >
          <option value="" disabled>
            {t('blacklist.chooseReason')}
          </option>
          {BLACKLIST_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`blacklist.reasons.${r}`)}
            </option>
          ))}
        </select>
        {props.reasonProblem && (
          <span className="problem" role="alert">
            {props.reasonProblem}
          </span>
        )}
      </label>
      <label>
        {t('blacklist.expiresOn')}
        <input
          type="date"
          name="expires"
          value={props.expires}
          aria-invalid={expiryText ? true : undefined}
          onChange={(e) => props.onExpires(e.target.value)}
        />
        {expiryText && (
          <span className="problem" role="alert" data-testid="expiry-problem">
            {expiryText}
          </span>
        )}
      </label>
    </>
  );
}
