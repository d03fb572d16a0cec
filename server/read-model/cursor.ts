import type { z } from 'zod';
import { HttpError, say } from '../http/errors';

/** An opaque page cursor: the keyset values of the last row, as base64url JSON. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor}; anything else is a 400 `request.invalid-cursor`. */
export function decodeCursor<T extends z.ZodType>(schema: T, cursor: string): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new HttpError(
    400,
    'request.invalid-cursor',
    say('分页游标无效，请从第一页重新开始', 'invalid page cursor; start again from the first page'),
  );
}
