import { z } from 'zod';

/**
 * A legal threshold such as “三分之二以上” (≥ 2/3) or “过半数” (> 1/2). Civil Code Art. 1259: 以上 includes the
 * boundary (`inclusive`), 超过 / 过半数 exclude it.
 */
export const Threshold = z.object({
  numerator: z.number().int().positive(),
  denominator: z.number().int().positive(),
  inclusive: z.boolean(),
  /** How the statute says it, e.g. `三分之二以上 (≥ 2/3)`. */
  text: z.string(),
});
export type Threshold = z.infer<typeof Threshold>;

export const twoThirdsOrMore: Threshold = {
  numerator: 2,
  denominator: 3,
  inclusive: true,
  text: '三分之二以上 (≥ 2/3)',
};
export const threeQuartersOrMore: Threshold = {
  numerator: 3,
  denominator: 4,
  inclusive: true,
  text: '四分之三以上 (≥ 3/4)',
};
export const moreThanHalf: Threshold = { numerator: 1, denominator: 2, inclusive: false, text: '过半数 (> 1/2)' };

/**
 * Whether `part / whole` reaches the threshold, by cross-multiplication on integers — no division, no rounding:
 * part·q ≥ p·whole (inclusive) or part·q > p·whole (strict). A zero whole never meets a threshold.
 */
export function meets(part: bigint, whole: bigint, threshold: Threshold): boolean {
  if (whole <= 0n) return false;
  const left = part * BigInt(threshold.denominator);
  const right = BigInt(threshold.numerator) * whole;
  return threshold.inclusive ? left >= right : left > right;
}

/**
 * `part / whole` as a percentage with two decimals, rounded half up — for display only; `met` is always decided by
 * {@link meets}. Undefined when the whole is zero.
 */
export function displayPercent(part: bigint, whole: bigint): string | null {
  if (whole <= 0n) return null;
  const hundredths = (part * 20000n + whole) / (2n * whole);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}%`;
}
