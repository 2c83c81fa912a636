/** WooCommerce sends money as decimal strings; the emulator keeps integers and formats at the edge. */
export function formatMinor(minor: number, decimals = 2): string {
  if (!Number.isInteger(minor)) throw new Error(`not an integer amount: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (decimals === 0) return `${sign}${abs}`;
  const s = String(abs).padStart(decimals + 1, '0');
  return `${sign}${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/** Tax on a net amount, rounded half up to the minor unit, as WooCommerce does by default. */
export function taxOnNet(netMinor: number, rateBp: number): number {
  return Math.round((netMinor * rateBp) / 10_000);
}

/** The tax contained in a gross (tax-inclusive) amount. */
export function taxInGross(grossMinor: number, rateBp: number): number {
  return Math.round((grossMinor * rateBp) / (10_000 + rateBp));
}

/** WooCommerce's REST dates: site-local and GMT variants without a zone suffix, second precision. */
export function wooDate(d: Date): string {
  return d.toISOString().slice(0, 19);
}
