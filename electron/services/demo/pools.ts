/**
 * Word pools for the demo order generator: names, places, products and channels that look like a
 * real 二类电商 (COD) shop export. Pure data.
 */

export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高',
  '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁',
  '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔',
  '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦',
  '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵',
] as const;

/** Given names: single characters make two-character full names, pairs make three. */
export const GIVEN_SINGLE = [
  '芳', '敏', '静', '丽', '强', '磊', '军', '勇', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '燕', '华',
  '玲', '萍', '红', '鹏', '辉', '斌', '波', '琴', '梅', '兰', '英', '林', '峰', '艳', '洁', '亮',
] as const;

export const GIVEN_DOUBLE = [
  '秀英', '桂英', '秀兰', '玉兰', '桂兰', '凤英', '建华', '建国', '建军', '国强', '志强', '海燕', '红梅', '丽娟',
  '春梅', '晓燕', '小红', '永刚', '德明', '文静', '淑珍', '金凤', '志明', '宏伟', '俊杰', '美玲', '雪梅', '婷婷',
  '丹丹', '振华', '立新', '卫东', '爱华', '秀珍', '玉梅', '丽华', '明亮', '春花', '翠兰', '国庆', '玉珍', '少华',
  '海涛', '晓东', '淑芬', '桂芳', '红霞', '建平', '小燕', '雅琴',
] as const;

/** Mainland mobile prefixes of the three carriers (and their 17x/19x ranges). */
export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186',
  '187', '188', '189', '191', '193', '195', '198', '199',
] as const;

/**
 * One district (or county) of a real province/city. Urban districts carry real road names;
 * counties carry town names, because their buyers give village addresses.
 */
export interface Place {
  province: string;
  city: string;
  district: string;
  roads?: readonly string[];
  towns?: readonly string[];
}

export const PLACES: readonly Place[] = [
  { province: '广东省', city: '深圳市', district: '南山区', roads: ['科技南路', '南海大道', '桃园路', '后海大道'] },
  { province: '广东省', city: '深圳市', district: '宝安区', roads: ['宝安大道', '新安六路', '创业一路'] },
  { province: '广东省', city: '广州市', district: '白云区', roads: ['机场路', '白云大道北', '同和路'] },
  { province: '广东省', city: '广州市', district: '天河区', roads: ['天河北路', '黄埔大道西', '中山大道西'] },
  { province: '浙江省', city: '杭州市', district: '西湖区', roads: ['文三路', '天目山路', '古墩路', '文一西路'] },
  { province: '浙江省', city: '杭州市', district: '萧山区', roads: ['市心路', '金城路', '人民路'] },
  { province: '浙江省', city: '温州市', district: '鹿城区', roads: ['人民东路', '车站大道', '学院中路'] },
  { province: '江苏省', city: '南京市', district: '鼓楼区', roads: ['中山北路', '湖南路', '北京西路'] },
  { province: '江苏省', city: '南京市', district: '江宁区', roads: ['双龙大道', '天元东路'] },
  { province: '江苏省', city: '苏州市', district: '姑苏区', roads: ['人民路', '干将西路', '十全街'] },
  { province: '四川省', city: '成都市', district: '武侯区', roads: ['科华北路', '武侯祠大街', '高升桥路', '玉林南路'] },
  { province: '四川省', city: '成都市', district: '金牛区', roads: ['蜀汉路', '营门口路', '一环路北三段'] },
  { province: '四川省', city: '南充市', district: '仪陇县', towns: ['新政镇', '金城镇', '马鞍镇'] },
  { province: '山东省', city: '济南市', district: '历下区', roads: ['泉城路', '经十路', '解放路'] },
  { province: '山东省', city: '青岛市', district: '市北区', roads: ['辽宁路', '台东一路', '延吉路'] },
  { province: '山东省', city: '临沂市', district: '沂南县', towns: ['界湖街道', '岸堤镇', '双堠镇'] },
  { province: '河南省', city: '郑州市', district: '金水区', roads: ['花园路', '经三路', '农业路'] },
  { province: '河南省', city: '郑州市', district: '中原区', roads: ['建设西路', '桐柏路'] },
  { province: '河南省', city: '洛阳市', district: '涧西区', roads: ['中州西路', '南昌路'] },
  { province: '河南省', city: '周口市', district: '太康县', towns: ['城关回族镇', '老冢镇', '逊母口镇'] },
  { province: '河北省', city: '石家庄市', district: '裕华区', roads: ['槐安东路', '体育南大街'] },
  { province: '河北省', city: '邯郸市', district: '大名县', towns: ['大街镇', '龙王庙镇', '束馆镇'] },
  { province: '湖北省', city: '武汉市', district: '洪山区', roads: ['珞喻路', '雄楚大道', '卓刀泉南路'] },
  { province: '湖北省', city: '武汉市', district: '江汉区', roads: ['解放大道', '新华路'] },
  { province: '湖北省', city: '宜昌市', district: '西陵区', roads: ['东山大道', '夷陵大道'] },
  { province: '湖南省', city: '长沙市', district: '岳麓区', roads: ['麓山南路', '岳麓大道', '枫林三路'] },
  { province: '湖南省', city: '长沙市', district: '雨花区', roads: ['韶山中路', '劳动东路'] },
  { province: '湖南省', city: '邵阳市', district: '邵东市', towns: ['两市塘街道', '廉桥镇', '火厂坪镇'] },
  { province: '福建省', city: '福州市', district: '鼓楼区', roads: ['五四路', '杨桥中路', '华林路'] },
  { province: '福建省', city: '厦门市', district: '思明区', roads: ['厦禾路', '湖滨南路', '莲前西路'] },
  { province: '安徽省', city: '合肥市', district: '蜀山区', roads: ['长江西路', '黄山路', '望江西路'] },
  { province: '安徽省', city: '阜阳市', district: '临泉县', towns: ['城关街道', '杨桥镇', '韦寨镇'] },
  { province: '江西省', city: '南昌市', district: '东湖区', roads: ['八一大道', '阳明路', '中山路'] },
  { province: '江西省', city: '赣州市', district: '于都县', towns: ['贡江镇', '银坑镇', '罗坳镇'] },
  { province: '广西壮族自治区', city: '南宁市', district: '青秀区', roads: ['民族大道', '东葛路', '竹溪大道'] },
  { province: '广西壮族自治区', city: '玉林市', district: '博白县', towns: ['博白镇', '沙河镇', '东平镇'] },
  { province: '云南省', city: '昆明市', district: '五华区', roads: ['人民中路', '东风西路', '青年路'] },
  { province: '贵州省', city: '贵阳市', district: '云岩区', roads: ['中华北路', '延安中路'] },
  { province: '陕西省', city: '西安市', district: '雁塔区', roads: ['小寨东路', '长安南路', '科技路'] },
  { province: '山西省', city: '太原市', district: '小店区', roads: ['长风街', '平阳路'] },
  { province: '辽宁省', city: '沈阳市', district: '皇姑区', roads: ['黄河南大街', '崇山中路'] },
  { province: '辽宁省', city: '大连市', district: '沙河口区', roads: ['西安路', '五一路'] },
  { province: '吉林省', city: '长春市', district: '朝阳区', roads: ['西安大路', '湖西路'] },
  { province: '黑龙江省', city: '哈尔滨市', district: '南岗区', roads: ['西大直街', '红军街', '学府路'] },
  { province: '重庆市', city: '重庆市', district: '江北区', roads: ['建新北路', '观音桥步行街'] },
  { province: '重庆市', city: '重庆市', district: '渝北区', roads: ['金开大道', '新南路'] },
  { province: '北京市', city: '北京市', district: '朝阳区', roads: ['建国路', '朝阳北路', '望京西路'] },
  { province: '北京市', city: '北京市', district: '海淀区', roads: ['中关村大街', '学院路'] },
  { province: '上海市', city: '上海市', district: '浦东新区', roads: ['张杨路', '世纪大道', '浦东南路'] },
  { province: '上海市', city: '上海市', district: '闵行区', roads: ['七莘路', '沪闵路'] },
  { province: '天津市', city: '天津市', district: '南开区', roads: ['鞍山西道', '黄河道'] },
  { province: '甘肃省', city: '兰州市', district: '城关区', roads: ['东岗西路', '庆阳路', '张掖路'] },
  { province: '海南省', city: '海口市', district: '龙华区', roads: ['国贸大道', '滨海大道'] },
];

export const COMMUNITIES = [
  '阳光花园', '幸福里小区', '金色家园', '锦绣花城', '翠苑二区', '滨江花园', '丽都花园', '紫荆苑', '御景湾',
  '和平小区', '东方明珠小区', '春华园', '香樟苑', '新城家园', '枫林绿洲', '银河湾', '盛世嘉园', '绿地新都会',
  '水岸名都', '电力局宿舍', '纺织厂家属院', '教师新村',
] as const;

export const VILLAGES = ['张庄村', '李家村', '前进村', '新民村', '和平村', '王楼村', '高庄村', '东风村', '红星村', '大柳树村'] as const;

/** Landmark-only addresses: the kind a verify call must firm up before shipping. */
export const VAGUE_ADDRESSES = [
  '广场西边小卖部',
  '菜市场门口水果摊',
  '汽车站对面',
  '村口大槐树旁边那家',
  '中心小学旁边的超市',
  '镇政府后面第二家',
  '人民医院对面药店',
  '街口修车铺旁边',
] as const;

export interface ProductPackage {
  package: string;
  amountFen: number;
}

export interface Product {
  name: string;
  packages: readonly ProductPackage[];
  /** Relative popularity in the ad mix. */
  weight: number;
}

/** Typical 二类电商 goods: cheap bundles sold by short-video ads, paid to the courier. */
export const PRODUCTS: readonly Product[] = [
  { name: '晚安冻膜', weight: 10, packages: [{ package: '5盒', amountFen: 9900 }, { package: '3盒', amountFen: 6900 }, { package: '10盒', amountFen: 16900 }] },
  { name: '鲍鱼罐头', weight: 7, packages: [{ package: '4罐', amountFen: 9900 }, { package: '8罐', amountFen: 16900 }] },
  { name: '变色润唇膏', weight: 7, packages: [{ package: '3支', amountFen: 6900 }, { package: '6支', amountFen: 11900 }] },
  { name: '艾草足贴', weight: 8, packages: [{ package: '60贴', amountFen: 12800 }, { package: '30贴', amountFen: 6900 }] },
  { name: '老花镜', weight: 6, packages: [{ package: '1副', amountFen: 5900 }, { package: '2副', amountFen: 9900 }] },
  { name: '自发热护膝', weight: 6, packages: [{ package: '2只', amountFen: 8900 }, { package: '4只', amountFen: 15900 }] },
  { name: '阿胶糕', weight: 4, packages: [{ package: '2盒', amountFen: 12800 }, { package: '1盒', amountFen: 6900 }] },
  { name: '宁夏黑枸杞', weight: 3, packages: [{ package: '3罐', amountFen: 9900 }] },
  { name: '除螨硫磺皂', weight: 4, packages: [{ package: '5块', amountFen: 5900 }, { package: '10块', amountFen: 9900 }] },
  { name: '土蜂蜜', weight: 3, packages: [{ package: '2斤', amountFen: 6800 }, { package: '5斤', amountFen: 15800 }] },
  { name: '东北黑木耳', weight: 3, packages: [{ package: '1斤', amountFen: 5900 }] },
  { name: '加厚羽绒服', weight: 4, packages: [{ package: '1件', amountFen: 15900 }] },
  { name: '电热暖脚宝', weight: 3, packages: [{ package: '1个', amountFen: 7900 }] },
  { name: '防脱育发洗发水', weight: 3, packages: [{ package: '2瓶', amountFen: 8900 }, { package: '4瓶', amountFen: 15800 }] },
];

/** Ad channels and their share of orders. */
export const SOURCES: readonly { name: string; weight: number; accountPrefix: string }[] = [
  { name: '抖音', weight: 40, accountPrefix: 'dy' },
  { name: '快手', weight: 25, accountPrefix: 'ks' },
  { name: '今日头条', weight: 20, accountPrefix: 'tt' },
  { name: '广点通', weight: 15, accountPrefix: 'wx_' },
];

/** First octets of blocks allocated to Chinese ISPs, so order IPs look plausible. */
export const IP_FIRST_OCTETS = [
  36, 39, 42, 49, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123,
  124, 125, 171, 175, 180, 182, 183, 202, 210, 211, 218, 219, 220, 221, 222, 223,
] as const;

/** Orders per hour of the business day, relative: short-video ad traffic peaks in the evening. */
export const HOURLY_ORDER_WEIGHT = [
  0.35, 0.2, 0.12, 0.08, 0.08, 0.12, 0.3, 0.55, 0.8, 1, 1.1, 1.1, 1.2, 1.1, 1, 1, 1, 1, 1.1, 1.3, 1.5, 1.5, 1.2, 0.7,
] as const;

export const PLATFORM_STATUS = { cod: '待审核', online: '已付款', cancelled: '已取消' } as const;
