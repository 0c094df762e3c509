import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offersForOrder } from '../../shared/scriptpack/offers';
import { validatePackText } from '../../shared/scriptpack/validate';
import type { ScriptOrder } from '../../shared/scriptpack/variables';

const text = readFileSync(join(import.meta.dirname, '../../resources/packs/default.yaml'), 'utf8');

function order(product: string, amountFen: number): ScriptOrder {
  return {
    orderNo: 'O1', customerName: '陈秀英', province: '河南省', city: '郑州市', district: '金水区', address: '农业路38号',
    packageText: product, amountFen, paymentMethod: 'cod', lines: [{ product, package: '', quantity: 1, amountFen }],
  };
}

describe('upsell offers that fit an order', () => {
  const pack = validatePackText(text).pack!;

  it('offers bundles made for the order’s price that add to its own product, with the order’s new total', () => {
    const abalone = offersForOrder(pack, order('鲍鱼罐头', 9900), 'zh-CN');
    expect(abalone.map((o) => o.id)).toContain('abalone_8');
    const a8 = abalone.find((o) => o.id === 'abalone_8')!;
    expect(a8.newTotalFen).toBe(16900);
    expect(a8.addLines.reduce((s, l) => s + l.amountFen, 0)).toBe(7000);
    // A bundle of another product is not offered to a face-mask buyer; one made for 99 is not offered at 69.
    expect(offersForOrder(pack, order('晚安冻膜', 9900), 'zh-CN').map((o) => o.id)).not.toContain('abalone_8');
    expect(offersForOrder(pack, order('晚安冻膜', 6900), 'zh-CN').map((o) => o.id)).not.toContain('mask_10');
  });

  it('an offer that names its products is offered only on their orders (the face-mask course is not offered on a ¥99 abalone order)', () => {
    expect(offersForOrder(pack, order('鲍鱼罐头', 9900), 'zh-CN').map((o) => o.id)).not.toContain('mask_10');
    expect(offersForOrder(pack, order('晚安冻膜', 9900), 'zh-CN').map((o) => o.id)).toContain('mask_10');
    expect(offersForOrder(pack, order('艾草足贴', 6900), 'zh-CN').map((o) => o.id)).not.toContain('lipbalm_6');
    // An offer without products (the gift box) stays open to every order.
    const open = { ...pack, offers: pack.offers!.map((o) => (o.id === 'mask_10' ? { ...o, products: undefined } : o)) };
    expect(offersForOrder(open, order('鲍鱼罐头', 9900), 'zh-CN').map((o) => o.id)).toContain('mask_10');
  });

  it('names the offer in the agent’s language', () => {
    expect(offersForOrder(pack, order('晚安冻膜', 9900), 'en').find((o) => o.id === 'mask_10')?.title).toBe('10-box course');
  });
});
