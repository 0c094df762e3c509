/** How blacklist entries and orders are matched: one normalised value per kind. */
import { addressKey, nameKey } from '../../../shared/risk/address';
import { normalisePhone } from '../import/normalise';

/** Accounts compare without case or surrounding spaces (platform ids are case-insensitive). */
export function accountKey(account: string | null | undefined): string | null {
  const s = (account ?? '').trim().toLowerCase();
  return s === '' ? null : s;
}

export function phoneKey(phone: string): string | null {
  return normalisePhone(phone);
}

/** A person at a door: the folded name and the address key. */
export function nameAddressKey(name: string, addrKey: string): string {
  return `${nameKey(name)}#${addrKey}`;
}

export function orderNameAddressKey(o: { name: string; province: string; city: string; district: string; address: string }): string {
  return nameAddressKey(o.name, addressKey(o.province, o.city, o.district, o.address));
}
