import { describe, expect, it } from 'vitest';
import { fullAddress, maskAddress, regionText } from '../../shared/mask';
import { factValues, sayVariable, type ScriptContext } from '../../shared/scriptpack';
import { t } from '../helpers/packs';

const place = (province: string, city: string, district: string, address = '') => ({ province, city, district, address });

describe('an address as read to the customer', () => {
  it("says a municipality's city once, however the export wrote it", () => {
    expect(regionText(place('重庆市', '重庆市', '渝北区'))).toBe('重庆市渝北区');
    expect(regionText(place('北京', '北京市', '朝阳区'))).toBe('北京朝阳区');
    expect(regionText(place('上海市', '市辖区', '浦东新区'))).toBe('上海市浦东新区');
    expect(regionText(place('天津市', '', '和平区'))).toBe('天津市和平区');
  });
  it('keeps every part of a province address, and a county-level city named like its district once', () => {
    expect(regionText(place('广东省', '深圳市', '南山区'))).toBe('广东省深圳市南山区');
    expect(regionText(place('广东省', '东莞市', '东莞市'))).toBe('广东省东莞市');
    expect(regionText(place('河南省', '郑州市', ''))).toBe('河南省郑州市');
  });
  it('in the full address, the masked one and the script alike', () => {
    const a = place('重庆市', '重庆市', '渝北区', '龙溪街道金龙路12号');
    expect(fullAddress(a)).toBe('重庆市渝北区龙溪街道金龙路12号');
    expect(maskAddress(a)).toBe('重庆市渝北区****');
    const ctx: ScriptContext = {
      order: { orderNo: 'DD1', customerName: '周敏', phone: '13800138000', ...a, packageText: '晚安冻膜 5盒', amountFen: 9900, paymentMethod: 'cod', orderedAt: null, source: '', lines: [{ product: '晚安冻膜', package: '5盒', quantity: 1, amountFen: 9900 }] },
    };
    expect(sayVariable('order.address', factValues(ctx), ctx, 'zh-CN', t('zh-CN'))).toBe('重庆市渝北区龙溪街道金龙路12号');
  });
});
