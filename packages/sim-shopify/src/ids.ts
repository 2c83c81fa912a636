/** Shopify global ids ("gid://shopify/Order/123") and the money shapes both APIs share. */

export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

/** The numeric id inside a gid of the expected type, or null. */
export function parseGid(value: unknown, type: string): number | null {
  if (typeof value !== 'string') return null;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/.exec(value);
  if (!m || m[1] !== type) return null;
  return Number(m[2]);
}

/** Integer minor units to Shopify's decimal string ("12.30"); the emulator's shops use 2-decimal currencies. */
export function decimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function moneyBag(minor: number, currency: string) {
  const m = { amount: decimal(minor), currencyCode: currency };
  return { shopMoney: m, presentmentMoney: m };
}

export function restMoneySet(minor: number, currency: string) {
  const m = { amount: decimal(minor), currency_code: currency };
  return { shop_money: m, presentment_money: m };
}
