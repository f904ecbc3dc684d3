/**
 * Exact decimal text, such as "120000.5": how amounts and goal numbers travel between
 * the person who types them and the database, so that no float rounding touches them.
 * Results carry no leading or trailing zeros, so equal values are equal strings.
 */

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** `decimal` × 10^places, exactly: ("1.5", 4) → "15000", ("3.5", -2) → "0.035". */
export function shiftDecimal(decimal: string, places: number): string {
  const match = DECIMAL.exec(decimal);
  if (!match) throw new Error(`not a decimal: ${decimal}`);
  const [, whole = '', fraction = ''] = match;
  const point = whole.length + places;
  const digits = `${'0'.repeat(Math.max(0, -point))}${whole}${fraction}`.padEnd(Math.max(0, point), '0');
  const at = Math.max(0, point);
  const integer = digits.slice(0, at).replace(/^0+(?=\d)/, '') || '0';
  const decimals = digits.slice(at).replace(/0+$/, '');
  return decimals ? `${integer}.${decimals}` : integer;
}

/** Digits after the point of a decimal as shiftDecimal writes it. */
export function decimalPlaces(decimal: string): number {
  return decimal.split('.')[1]?.length ?? 0;
}
