import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsIn } from '../../../shared/contract';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../shared/domain';
import { api, ApiError } from '../api';
import { yuanToFen } from '../format';
import { isSubmitEnter } from '../keys';

type PhoneOrder = ArgsIn<'createPhoneOrder'>;

/**
 * A caller who is not in the store orders on the phone: name, number, address, what they want and
 * the price. Enter creates the order; its verify card follows at once, so the same call confirms it.
 */
export function PhoneOrderForm({
  phone,
  busy,
  onCreate,
  onClose,
}: {
  phone: string;
  busy: boolean;
  /** Rejects with the core's error: said here, beside the field it is about. */
  onCreate: (o: PhoneOrder) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState({ customerName: '', phone, province: '', city: '', district: '', address: '', product: '', package: '', quantity: '1', amount: '' });
  const [payment, setPayment] = useState<PaymentMethod>('cod');
  // What recent orders were for: picking a product offers its packages and fills the usual price.
  const [choices, setChoices] = useState<{ product: string; package: string; amountFen: number }[]>([]);
  useEffect(() => {
    let live = true;
    api.phoneOrderChoices({}).then((r) => live && setChoices(r.choices), () => {});
    return () => {
      live = false;
    };
  }, []);
  const products = useMemo(() => [...new Set(choices.map((c) => c.product))], [choices]);
  const packages = useMemo(() => [...new Set(choices.filter((c) => c.product === f.product.trim()).map((c) => c.package).filter(Boolean))], [choices, f.product]);
  /** The most common line of a product (and package): what the caller most likely means. */
  const usual = (product: string, pkg?: string) => choices.find((c) => c.product === product && (pkg === undefined || c.package === pkg));
  const change = (name: keyof typeof f, value: string) => {
    const next = { ...f, [name]: value };
    if (name === 'product') {
      const u = usual(value.trim());
      if (u && !f.package.trim() && !f.amount.trim()) Object.assign(next, { package: u.package, amount: String(u.amountFen / 100) });
    } else if (name === 'package') {
      const u = usual(f.product.trim(), value.trim());
      if (u) next.amount = String(u.amountFen / 100);
    }
    setF(next);
  };

  // One problem at a time, said under its field, which gets the focus.
  const [problem, setProblem] = useState<{ field: keyof typeof f; text: string } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const LABELS = {
    customerName: t('phoneOrder.name'),
    phone: t('phoneOrder.phone'),
    province: t('phoneOrder.province'),
    city: t('phoneOrder.city'),
    district: t('phoneOrder.district'),
    address: t('phoneOrder.address'),
    product: t('phoneOrder.product'),
    package: t('phoneOrder.package'),
    quantity: t('phoneOrder.quantity'),
    amount: t('phoneOrder.amount'),
  } as const;
  const REQUIRED: (keyof typeof f)[] = ['customerName', 'phone', 'province', 'city', 'address', 'product', 'quantity', 'amount'];
  const flag = (field: keyof typeof f, text: string) => {
    setProblem({ field, text });
    form.current?.querySelector<HTMLInputElement>(`input[name="${field}"]`)?.focus();
  };
  const field = (name: keyof typeof f, extra: { inputMode?: 'numeric' | 'decimal'; autoFocus?: boolean; list?: string } = {}) => (
    <label>
      {LABELS[name]}
      <input
        name={name}
        value={f[name]}
        aria-required={REQUIRED.includes(name)}
        aria-invalid={problem?.field === name}
        onChange={(e) => change(name, e.target.value)}
        {...extra}
      />
      {problem?.field === name && (
        <span className="problem" role="alert">
          {problem.text}
        </span>
      )}
    </label>
  );

  async function submit() {
    const missing = REQUIRED.find((k) => !f[k].trim());
    if (missing) return flag(missing, t('phoneOrder.required', { field: LABELS[missing] }));
    const quantity = Number(f.quantity);
    if (!Number.isInteger(quantity) || quantity < 1) return flag('quantity', t('card.badQuantity'));
    const amountFen = yuanToFen(f.amount);
    if (amountFen === null || amountFen <= 0) return flag('amount', t('phoneOrder.badAmount'));
    setProblem(null);
    const order: PhoneOrder = {
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
    };
    try {
      await onCreate(order);
    } catch (e) {
      const text = e instanceof ApiError ? t(`errors.${e.code}`, e.params) : String(e);
      flag(e instanceof ApiError && e.code === 'phone_order_bad_phone' ? 'phone' : 'customerName', text);
    }
  }

  return (
    <form
      ref={form}
      noValidate
      className="panel phone-order"
      data-testid="phone-order"
      aria-label={t('phoneOrder.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
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
        {field('customerName', { autoFocus: true })}
        {field('phone')}
        {field('province')}
        {field('city')}
        {field('district')}
        {field('address')}
        {field('product', { list: 'phone-order-products' })}
        {field('package', { list: 'phone-order-packages' })}
        {field('quantity', { inputMode: 'numeric' })}
        {field('amount', { inputMode: 'decimal' })}
      </div>
      <datalist id="phone-order-products">
        {products.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <datalist id="phone-order-packages">
        {packages.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <fieldset className="choice-row" role="radiogroup" aria-label={t('phoneOrder.payment')}>
        <legend>{t('phoneOrder.payment')}</legend>
        {PAYMENT_METHODS.map((m) => (
          <label key={m} className="check">
            <input type="radio" name="payment" value={m} checked={payment === m} onChange={() => setPayment(m)} />
            {t(`payment.${m}`)}
          </label>
        ))}
      </fieldset>
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
