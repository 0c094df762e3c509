/**
 * The province-level regions of China as addresses write them (Simplified and Traditional), for
 * checking a province typed on a call. A name is known when it starts with one of these ("广东",
 * "广东省", "內蒙古自治区", "香港特别行政区").
 */
export const PROVINCES = [
  '北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省', '上海市', '江苏省', '浙江省',
  '安徽省', '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '广西壮族自治区', '海南省', '重庆市',
  '四川省', '贵州省', '云南省', '西藏自治区', '陕西省', '甘肃省', '青海省', '宁夏回族自治区', '新疆维吾尔自治区',
  '台湾省', '香港特别行政区', '澳门特别行政区',
] as const;

const STEMS = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏',
  '新疆', '台湾', '香港', '澳门',
  // Traditional forms of the stems that differ.
  '內蒙古', '遼寧', '黑龍江', '江蘇', '山東', '廣東', '廣西', '重慶', '貴州', '雲南', '陝西', '甘肅', '寧夏', '臺灣', '台灣', '澳門',
];

export function isKnownProvince(name: string): boolean {
  const s = name.trim();
  return STEMS.some((stem) => s.startsWith(stem));
}
