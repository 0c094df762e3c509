import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Corrections, OrderView } from '../../../shared/contract';
import { VERIFY_OUTCOME_RULES, type VerifyOutcome } from '../../../shared/domain';
import { zonedParts, zonedTimeToUtc } from '../../../shared/time';
import { isSubmitEnter } from '../keys';

type TextField = 'customerName' | 'phone' | 'province' | 'city' | 'district' | 'address' | 'package';
const TEXT_FIELDS: TextField[] = ['address', 'province', 'city', 'district', 'customerName', 'phone', 'package'];

function toLocalInput(d: Date, tz: string): string {
  const p = zonedParts(d, tz);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

function fromLocalInput(v: string, tz: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(v);
  if (!m) return null;
  return zonedTimeToUtc(+m[1], +m[2], +m[3], +m[4], +m[5], tz);
}

/** What the agent adds to an outcome before it is recorded: a note, corrections or a callback time. Enter records, Esc goes back. */
export function OutcomeForm(props: {
  outcome: VerifyOutcome;
  order: OrderView;
  busy: boolean;
  timeZone: string;
  defaultCallbackAt: Date;
  onCancel(): void;
  onSubmit(extra: { note?: string; corrections?: Corrections; callbackAt?: string }): void;
}) {
  const { t } = useTranslation();
  const { outcome, order, timeZone } = props;
  const line = order.lines[0];
  const [note, setNote] = useState('');
  const [fields, setFields] = useState<Record<TextField, string>>({
    customerName: order.customerName,
    phone: order.phone,
    province: order.province,
    city: order.city,
    district: order.district,
    address: order.address,
    package: line?.package ?? '',
  });
  const [quantity, setQuantity] = useState(String(line?.quantity ?? 1));
  const [amount, setAmount] = useState((order.amountFen / 100).toFixed(2));
  const [callbackAt, setCallbackAt] = useState(toLocalInput(props.defaultCallbackAt, timeZone));
  const [problem, setProblem] = useState<string | null>(null);

  function submit() {
    if (props.busy) return;
    const extra: { note?: string; corrections?: Corrections; callbackAt?: string } = {};
    if (note.trim()) extra.note = note.trim();
    if (outcome === 'corrected') {
      const c: Corrections = {};
      for (const f of TEXT_FIELDS) {
        const before = f === 'package' ? (line?.package ?? '') : order[f];
        if (fields[f].trim() !== before) c[f] = fields[f].trim();
      }
      const q = Number(quantity);
      if (!Number.isInteger(q) || q < 1) return setProblem(t('card.badQuantity'));
      if (line && q !== line.quantity) c.quantity = q;
      const fen = Math.round(Number(amount) * 100);
      if (!Number.isFinite(fen) || fen < 0) return setProblem(t('card.badAmount'));
      if (fen !== order.amountFen) c.amountFen = fen;
      if (Object.keys(c).length === 0) return setProblem(t('card.nothingCorrected'));
      extra.corrections = c;
    }
    if (outcome === 'callback') {
      const at = fromLocalInput(callbackAt, timeZone);
      if (!at || at.getTime() <= Date.now()) return setProblem(t('card.callbackInFuture'));
      extra.callbackAt = at.toISOString();
    }
    props.onSubmit(extra);
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onCancel();
    } else if (e.key === 'Enter' && !isSubmitEnter(e)) {
      // Enter that finishes an IME composition must not record the outcome.
      e.preventDefault();
    }
  }

  return (
    <form
      className="outcome-form"
      data-testid="outcome-form"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="chosen">
        <kbd>{VERIFY_OUTCOME_RULES[outcome].key.toUpperCase()}</kbd> <strong>{t(`outcomes.${outcome}`)}</strong>
      </div>
      {outcome === 'corrected' && (
        <div className="corrections">
          {TEXT_FIELDS.map((f, i) => (
            <label key={f} className={f === 'address' ? 'wide' : ''}>
              {t(`fields.${f}`)}
              <input
                name={f}
                autoFocus={i === 0}
                value={fields[f]}
                onChange={(e) => setFields((x) => ({ ...x, [f]: e.target.value }))}
              />
            </label>
          ))}
          <label>
            {t('fields.quantity')}
            <input name="quantity" inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </label>
          <label>
            {t('fields.amount')}
            <input name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </label>
        </div>
      )}
      {outcome === 'callback' && (
        <label>
          {t('card.callbackAt')}
          <input type="datetime-local" name="callbackAt" autoFocus value={callbackAt} onChange={(e) => setCallbackAt(e.target.value)} />
        </label>
      )}
      <label>
        {t('card.note')}
        <input
          name="note"
          autoFocus={outcome !== 'corrected' && outcome !== 'callback'}
          maxLength={1000}
          placeholder={t('card.notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={props.busy}>
          {t('card.record')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('common.back')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
