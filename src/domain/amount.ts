import { InvalidAmount } from './errors.js';

/**
 * Deal amounts as reps type them: `120000`, `120,000.50`, `¥120000`, `12万` (ten
 * thousands), `120k`. Returns a decimal string so no float rounding touches money.
 */
export function parseAmount(input: string): string {
  const text = input.normalize('NFKC').trim().replace(/^[¥$]|元$/g, '').replace(/,/g, '').trim();
  const match = /^(\d+(?:\.\d{1,4})?)\s*(万|w|k)?$/i.exec(text);
  if (!match) throw new InvalidAmount(input);
  const [, digits, unit] = match;
  const scale = unit === '万' || unit?.toLowerCase() === 'w' ? 4 : unit ? 3 : 0;
  const [whole = '0', fraction = ''] = digits!.split('.');
  const shifted = `${whole}${fraction.padEnd(scale, '0').slice(0, scale)}`;
  const rest = fraction.slice(scale);
  const normalizedWhole = shifted.replace(/^0+(?=\d)/, '');
  const amount = rest ? `${normalizedWhole}.${rest}` : normalizedWhole;
  if (amount.replace('.', '').length > 18) throw new InvalidAmount(input);
  return amount;
}
