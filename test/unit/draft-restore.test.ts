import { describe, expect, it } from 'vitest';
import { restoredDetails, type FormDraft } from '../../renderer/src/drafts';

const fields = (address: string, customerName = '张伟') => ({ customerName, phone: '13800138000', address });
const draft = (p: Partial<FormDraft>): FormDraft => ({
  note: '',
  reason: '',
  fields: {},
  quantity: '1',
  amount: '128.00',
  callbackAt: '',
  station: '',
  money: '',
  ...p,
});

describe('a restored correction form', () => {
  it("keeps the order's new details where the agent typed nothing, and the agent's edits where they did", () => {
    // The form opened on address A, 128 yuan; the agent changed only the name.
    const d = draft({
      fields: fields('幸福路1号', '张薇'),
      amount: '128.00',
      base: { fields: fields('幸福路1号'), quantity: '1', amount: '128.00' },
    });
    // Meanwhile an import moved the order to another address and 158 yuan.
    const now = restoredDetails({ fields: fields('光明街8号'), quantity: '1', amount: '158.00' }, d);
    expect(now.fields).toEqual(fields('光明街8号', '张薇'));
    expect(now.amount).toBe('158.00');
  });

  it('keeps an edited amount and quantity over a changed order', () => {
    const d = draft({ fields: fields('幸福路1号'), quantity: '2', amount: '198.00', base: { fields: fields('幸福路1号'), quantity: '1', amount: '128.00' } });
    const now = restoredDetails({ fields: fields('幸福路1号'), quantity: '1', amount: '158.00' }, d);
    expect(now).toEqual({ fields: fields('幸福路1号'), quantity: '2', amount: '198.00' });
  });

  it('restores every field of a draft written before the base was kept', () => {
    const d = draft({ fields: fields('幸福路1号'), amount: '128.00' });
    expect(restoredDetails({ fields: fields('光明街8号'), quantity: '1', amount: '158.00' }, d)).toEqual({ fields: fields('幸福路1号'), quantity: '1', amount: '128.00' });
  });

  it('opens on the order as it is when there is no draft', () => {
    const current = { fields: fields('光明街8号'), quantity: '1', amount: '158.00' };
    expect(restoredDetails(current, undefined)).toBe(current);
  });
});
