import { z } from 'zod';

/**
 * Bounds every value must keep at the API's edge, as zod schemas: the OpenAPI document is generated from them, so it
 * tells clients (and the fuzzer) the truth, and nothing that PostgreSQL or a spreadsheet would mishandle gets past the
 * request parser. Pure (zod only): the designer may import it.
 */

/** Largest value of PostgreSQL's `integer` (int4). */
export const pgIntegerMax = 2_147_483_647;

/** An integer that fits a PostgreSQL `integer` column, at least `min`. */
export const pgInteger = (min = 0) => z.int().min(min).max(pgIntegerMax);

/**
 * A query-string integer (`?afterSeq=12`) within `min` … PostgreSQL's `integer`: digits only (no sign, exponent, hex
 * or blank, which `Number()` would accept); documented as an integer. `max` lowers the upper bound.
 */
export const pgIntegerText = (min = 0, max = pgIntegerMax) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^[0-9]{1,10}$/.test(value) ? Number(value) : value),
    z.int().min(min).max(max),
  );

/**
 * Characters refused in text: C0 and C1 controls except tab, line feed and carriage return (NUL breaks PostgreSQL's
 * UTF-8 text, the others corrupt logs and CSV cells), lone surrogates, and the non-characters U+FFFE/U+FFFF.
 */
// eslint-disable-next-line no-control-regex
const unsafeCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Cs}/u;

/** True when `text` holds none of the characters {@link SafeText} refuses. */
export const isSafeText = (text: string): boolean => !unsafeCharacters.test(text);

/** The JSON Schema `pattern` of safe text (what the OpenAPI document states): no control characters at all. */
const safeTextPattern = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$';

/** The regex (and its message) {@link SafeText} applies, for refining other string schemas (`Foo.regex(...)`). */
export const noControlCharacters = [
  new RegExp(safeTextPattern, 'u'),
  '含有控制字符（如 NUL） / contains control characters such as NUL',
] as const;

/**
 * Text a person typed: at most `max` characters, no NUL or other control characters (tab and line breaks are fine).
 * `min` counts after trimming when `trim` is set.
 */
export function SafeText(options: {
  min?: number;
  max: number;
  trim?: boolean;
  /** What a person reads when the text is too short / too long (zod's default otherwise). */
  messages?: { min?: string; max?: string };
}) {
  const base = options.trim ? z.string().trim() : z.string();
  return base
    .min(options.min ?? 0, options.messages?.min)
    .max(options.max, options.messages?.max)
    .regex(...noControlCharacters)
    .refine(isSafeText, { message: '含有无效字符 / contains invalid characters' });
}

/** Earliest and latest instant the API accepts (years 2000–2100): a typo in a year is a 400, not a PostgreSQL error. */
export const instantRange = { from: Date.UTC(2000, 0, 1), to: Date.UTC(2101, 0, 1) } as const;

/** An offset PostgreSQL accepts and people use: `Z` or ±hh:mm with hours up to 14 (UTC−12 … UTC+14). */
const offsetPattern = /(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

/**
 * An ISO-8601 instant with an explicit offset within ±14:00, between 2000 and 2100, normalised to UTC
 * (`2025-09-30T10:00:00+08:00` → `2025-09-30T02:00:00.000Z`) before it reaches SQL.
 */
export const SaneInstant = z.iso
  .datetime({ offset: true })
  .regex(offsetPattern, '时区偏移须在 ±14:00 之内 / the offset must be within ±14:00')
  .refine(
    (text) => {
      const at = Date.parse(text);
      return Number.isFinite(at) && at >= instantRange.from && at < instantRange.to;
    },
    { message: '时间须在 2000 至 2100 年之间 / the instant must lie between 2000 and 2100' },
  )
  .transform((text) => new Date(text).toISOString());
