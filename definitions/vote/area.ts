/**
 * Registered areas (不动产登记簿, m² to two decimals) as exact integers of 0.01 m², and back. The count never sees a
 * floating-point number: an area enters as decimal text and leaves as decimal text.
 */

const areaText = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** `"89.5"` → `8950n` (0.01 m²); undefined for anything that is not a plain non-negative decimal with ≤ 2 places. */
export function parseAreaM2(text: string): bigint | undefined {
  const match = areaText.exec(text.trim());
  if (!match) return undefined;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return BigInt(whole) * 100n + BigInt(fraction);
}

/** `8950n` → `"89.50"`: always two decimals, so the text is the exact value. */
export function formatAreaM2(centi: bigint): string {
  const sign = centi < 0n ? '-' : '';
  const magnitude = centi < 0n ? -centi : centi;
  return `${sign}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}
