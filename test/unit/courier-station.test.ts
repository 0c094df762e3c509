import { describe, expect, it } from 'vitest';
import { stationFromText } from '../../electron/services/import/station';

describe('where the parcel waits, from the courier’s words', () => {
  it('names the place after "put at" words, up to the punctuation or the instructions', () => {
    expect(stationFromText('awaiting_pickup', '已放菜鸟驿站（农业路店），凭取件码领取')).toBe('菜鸟驿站（农业路店）');
    expect(stationFromText('awaiting_pickup', '您的快件已放入丰巢智能柜【幸福小区3号柜】,取件码123456')).toBe('丰巢智能柜【幸福小区3号柜】');
    expect(stationFromText('awaiting_pickup', '快件已暂存至兔喜快递超市(金水路店)请凭取件码1-2-3003及时领取')).toBe('兔喜快递超市(金水路店)');
    expect(stationFromText('returned_to_station', '已到达【金水区农业路营业部】，请自取')).toBe('金水区农业路营业部');
    expect(stationFromText('awaiting_pickup', '已送达 兔喜生活超市 请及时领取')).toBe('兔喜生活超市');
  });

  it('takes a bracketed place name when no "put at" word leads to one', () => {
    expect(stationFromText('awaiting_pickup', '【妈妈驿站(幸福路)】您的快件已到，地址：幸福路12号')).toBe('妈妈驿站(幸福路)');
  });

  it('reads the status word when the reason says nothing', () => {
    expect(stationFromText('awaiting_pickup', null, '已放快递柜')).toBe('快递柜');
  });

  it('finds nothing where there is no place, or the parcel is not waiting', () => {
    expect(stationFromText('awaiting_pickup', '凭取件码领取')).toBeNull();
    expect(stationFromText('awaiting_pickup', '已到达郑州市')).toBeNull();
    expect(stationFromText('awaiting_pickup', null, null)).toBeNull();
    // In transit through a branch, or signed at the door: not a place to collect from.
    expect(stationFromText('in_transit', '已到达【金水区农业路营业部】')).toBeNull();
    expect(stationFromText('signed', '已放门卫室')).toBeNull();
  });
});
