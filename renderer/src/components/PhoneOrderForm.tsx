import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsIn } from '../../../shared/contract';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../shared/domain';
import { yuanToFen } from '../format';
import { isSubmitEnter } from '../keys';

type PhoneOrder = ArgsIn<'createPhoneOrder'>;

/**
 * A caller who is not in the store orders on the phone: name, number, address, what they want and
 * the price. Enter creates the order; its verify card follows at once, so the same call confirms it.
 */
export function PhoneOrderForm({ phone, busy, onCreate, onClose }: { phone: string; busy: boolean; onCreate: (o: PhoneOrder) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ customerName: '', phone, province: '', city: '', district: '', address: '', product: '', package: '', quantity: '1', amount: '' });
  const [payment, setPayment] = useState<PaymentMethod>('cod');
  const [problem, setProblem] = useState<string | null>(null);
  const field = (name: keyof typeof f, label: string, extra: { required?: boolean; inputMode?: 'numeric' | 'decimal'; autoFocus?: boolean } = {}) => (
    <label>
      {label}
      <input name={name} value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} {...extra} />
    </label>
  );

  function submit() {
    const amountFen = yuanToFen(f.amount);
    if (amountFen === null || amountFen <= 0) return setProblem(t('phoneOrder.badAmount'));
    const quantity = Number(f.quantity);
    if (!Number.isInteger(quantity) || quantity < 1) return setProblem(t('card.badQuantity'));
    setProblem(null);
    onCreate({
      customerName: f.customerName.trim(),
      phone: f.phone.trim(),
      province: f.province.trim(),
      city: f.city.trim(),
      district: f.district.trim() || undefined,
      address: f.address.trim(),
      product: f.product.trim(),
      package: f.package.trim() || undefined,
      quantity,
      amountFen,
      paymentMethod: payment,
    });
  }

  return (
    <form
      className="panel phone-order"
      data-testid="phone-order"
      aria-label={t('phoneOrder.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        } else if (isSubmitEnter(e) && !busy) {
          e.preventDefault();
          (e.currentTarget as HTMLFormElement).requestSubmit();
        }
      }}
    >
      <h3>{t('phoneOrder.title')}</h3>
      <div className="corrections">
        {field('customerName', t('phoneOrder.name'), { required: true, autoFocus: true })}
        {field('phone', t('phoneOrder.phone'), { required: true })}
        {field('province', t('phoneOrder.province'), { required: true })}
        {field('city', t('phoneOrder.city'), { required: true })}
        {field('district', t('phoneOrder.district'))}
        {field('address', t('phoneOrder.address'), { required: true })}
        {field('product', t('phoneOrder.product'), { required: true })}
        {field('package', t('phoneOrder.package'))}
        {field('quantity', t('phoneOrder.quantity'), { required: true, inputMode: 'numeric' })}
        {field('amount', t('phoneOrder.amount'), { required: true, inputMode: 'decimal' })}
      </div>
      <fieldset className="choice-row" role="radiogroup" aria-label={t('phoneOrder.payment')}>
        <legend>{t('phoneOrder.payment')}</legend>
        {PAYMENT_METHODS.map((m) => (
          <label key={m} className="check">
            <input type="radio" name="payment" value={m} checked={payment === m} onChange={() => setPayment(m)} />
            {t(`payment.${m}`)}
          </label>
        ))}
      </fieldset>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('phoneOrder.create')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onClose}>
          {t('inbound.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
