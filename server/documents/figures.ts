/**
 * How the documents print figures: thousands grouped with commas, exact numerators and denominators as the tally
 * gave them (areas are decimal text, heads integers — nothing here converts to a floating-point number), the
 * percentage rounded only for display (it comes from the tally's `displayPercent`).
 */

/** `"6667.00"` → `"6,667.00"`, `6667` → `"6,667"`: groups the integer part of decimal text by thousands. */
export function grouped(value: string | number | bigint): string {
  const text = typeof value === 'string' ? value : value.toString();
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** `6,667.00/10,000.00` (or `6,667/10,000` for heads): the exact fraction as printed. */
export function fraction(numerator: string | number, denominator: string | number): string {
  return `${grouped(numerator)}/${grouped(denominator)}`;
}

/** `2026-03-02T09:00:00+08:00` → `2026年3月2日 09:00` (the instants are Asia/Shanghai already). */
export function chineseDateTime(instant: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(instant);
  if (!match) return instant;
  const [, year, month, day, hour, minute] = match;
  return `${year}年${Number(month)}月${Number(day)}日 ${hour}:${minute}`;
}

/** `2026年3月2日` of a Shanghai instant. */
export function chineseDate(instant: string): string {
  return chineseDateTime(instant).split(' ')[0] ?? instant;
}
