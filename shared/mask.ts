/**
 * Masking of contact details for exports and dashboards (pure: any layer may reuse it). A masked
 * value still lets a lead tell orders apart and match a number the customer reads out, without
 * the sheet being a phone list once it is forwarded.
 */

const MASK = '****';

/**
 * 13800138000 -> 138****8000: at least four characters hidden. A shorter number (an 8-digit
 * landline without its area code) keeps only its last two: 3 + 4 shown would leave one hidden.
 */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (!p) return '';
  if (p.length >= 11) return `${p.slice(0, 3)}${MASK}${p.slice(-4)}`;
  return `${MASK}${p.slice(-2)}`;
}

/**
 * Phone numbers written inside free text (an agent's note: "换号了 139 1234 5678"): mobiles, with or
 * without +86 and separators, and landlines with their area code, each masked as maskPhone does.
 * Other digits (order numbers, amounts) stay.
 */
export function maskNumbersIn(text: string): string {
  // Full-width digits (an IME's) read as digits; the rest of the text stays as written.
  const digits = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return digits.replace(
    /(?<![\dA-Za-z])(?:(?:\+|00)?86[\s.-]?)?1[3-9]\d(?:[\s.-]?\d){8}(?!\d)|(?<![\dA-Za-z])(?:\(0\d{2,3}\)|0\d{2,3})[\s.-]?\d{3,4}[\s.-]?\d{4}(?!\d)/g,
    (m) => maskPhone(m.replace(/\D/g, '').replace(/^(?:0086|86)(?=1)/, '')),
  );
}

export interface AddressParts {
  province: string;
  city: string;
  district: string;
  address: string;
}

/** The street and house number alone, masked (province, city and district are kept apart). */
export function maskStreet(street: string): string {
  return street.trim() ? MASK : '';
}

/** An order's IP: the network's first two parts stay (what its region is read from), the host's do not. */
export function maskIp(ip: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(ip.trim());
  return v4 ? `${v4[1]}.${v4[2]}.*.*` : MASK;
}

/** 北京 and 北京市, 重庆 and 重庆市 name the same place. */
const samePlace = (a: string, b: string) => a.replace(/[省市]$/, '') === b.replace(/[省市]$/, '');

/**
 * Province, city and district as one says them: a municipality's city, which exports repeat
 * ("重庆市重庆市渝北区", or 市辖区 in the national code lists), is said once ("重庆市渝北区").
 */
export function regionText(a: Pick<AddressParts, 'province' | 'city' | 'district'>): string {
  const province = a.province.trim();
  const city = a.city.trim();
  const district = a.district.trim();
  const cityShown = city && city !== '市辖区' && !samePlace(city, province) ? city : '';
  const districtShown = district && !samePlace(district, cityShown || province) ? district : '';
  return `${province}${cityShown}${districtShown}`;
}

/** Province, city and district stay (what a lead groups by); the street and house number do not. */
export function maskAddress(a: AddressParts): string {
  const region = regionText(a);
  return a.address.trim() ? `${region}${MASK}` : region;
}

/** The whole address as a buyer wrote it (a municipality's city said once), for unmasked exports and scripts. */
export function fullAddress(a: AddressParts): string {
  return `${regionText(a)}${a.address}`;
}
