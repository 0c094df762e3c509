import { forwardRef, useImperativeHandle, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallCard, SessionView } from '../../../shared/contract';
import { formatMoney } from '../format';
import { VERIFY_SCRIPT } from '../script';

/** The verify script with the order's values filled in; J/K (or ↓/↑) move the current step. */
export const ScriptPanel = forwardRef<{ move(delta: number): void }, { card: CallCard; session: SessionView }>(
  function ScriptPanel({ card, session }, ref) {
    const { t, i18n } = useTranslation();
    const [current, setCurrent] = useState(0);
    const [checked, setChecked] = useState<Record<string, boolean>>({});
    useImperativeHandle(ref, () => ({
      move(delta: number) {
        setCurrent((c) => {
          const next = Math.min(VERIFY_SCRIPT.length - 1, Math.max(0, c + delta));
          // Moving past a step with a checklist item ticks it: the agent did it.
          const step = VERIFY_SCRIPT[c];
          if (delta > 0 && step.check) setChecked((k) => ({ ...k, [step.check!]: true }));
          return next;
        });
      },
    }));
    const o = card.order;
    const missing = (label: string) => `[${label}]`;
    const vars = {
      name: o.customerName || missing(t('order.customer')),
      shop: session.settings.shopName || missing(t('settings.shopName')),
      agent: session.agent?.name || missing(t('settings.agentName')),
      address: `${o.province}${o.city}${o.district}${o.address}` || missing(t('order.address')),
      package: o.packageText || missing(t('order.package')),
      amount: formatMoney(o.amountFen, i18n.language),
      payment: t(`payment.${o.paymentMethod}`),
    };
    return (
      <section className="panel script" aria-label={t('card.script')}>
        <h3>
          {t('card.script')} <span className="muted small">{t('card.scriptKeys')}</span>
        </h3>
        <ol className="steps">
          {VERIFY_SCRIPT.map((s, i) => (
            <li key={s.id} className={i === current ? 'current' : ''} onClick={() => setCurrent(i)}>
              <div className="step-title">{t(`script.verify.${s.id}.title`)}</div>
              <p className="say">{t(`script.verify.${s.id}.say`, vars)}</p>
              {s.check && (
                <label className="check small">
                  <input
                    type="checkbox"
                    checked={!!checked[s.check]}
                    onChange={(e) => setChecked((k) => ({ ...k, [s.check!]: e.target.checked }))}
                  />
                  {t(`script.checks.${s.check}`)}
                </label>
              )}
            </li>
          ))}
        </ol>
      </section>
    );
  },
);
