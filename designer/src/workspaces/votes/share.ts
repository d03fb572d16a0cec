/** An area in m² with two decimals (the API's decimal string) as an exact count of 0.01 m². */
export function centiSquareMetres(area: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(area.trim());
  if (!match) return 0n;
  return BigInt(match[1] ?? '0') * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/**
 * `numerator / denominator` as a percentage with one decimal, rounded half up, computed on integers (the vote's
 * figures are exact; only this display rounds). An empty denominator reads `—`.
 */
export function percentText(numerator: bigint, denominator: bigint): string {
  if (denominator <= 0n) return '—';
  const tenths = (numerator * 2000n + denominator) / (2n * denominator);
  return `${tenths / 10n}.${tenths % 10n}%`;
}
