import type { z } from 'zod';

/**
 * The description of one API operation, kept beside its route: the same zod schemas that parse the request and shape
 * the response generate `/api/openapi.json` (see openapi.ts), so the document cannot drift from the code.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path under the app root, e.g. `/api/templates/:key`. */
  path: string;
  /** Grouping in the docs: `auth`, `templates`, `cases`, `inbox`, `calendar`, `audit`, `attachments`, `system`. */
  tag: string;
  summary: string;
  /** False for the login route and probes; everything else needs `Authorization: Bearer`. */
  authenticated?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A request body that is a file rather than JSON (uploads): the media types accepted. */
  binaryBody?: { contentTypes: readonly string[]; description: string };
  /** Request headers the operation reads, e.g. `Idempotency-Key`, `If-Match`. */
  headers?: Record<string, string>;
  /**
   * Success responses by status; `body` is the JSON body schema (undefined: no JSON body, e.g. plain text),
   * `contentType` the type it is sent as, `alternatives` other content types the same status may carry (e.g.
   * `text/csv` on the export), each a text body.
   */
  responses: Record<
    number,
    { description: string; body?: z.ZodType; contentType?: string; alternatives?: Record<string, string> }
  >;
  /** Error codes this operation can answer with, by status (documentation). */
  errors?: Record<number, string[]>;
  /**
   * Realistic values for the docs and for fuzzers (so generated requests reach the core logic rather than 404s):
   * per path or query parameter name, and a whole request body.
   */
  examples?: { parameters?: Record<string, unknown>; body?: unknown };
  /**
   * Whether the operation reaches the database or Temporal (default true): it may then answer 422
   * `request.value-rejected` and 503 `database.unavailable` / `temporal.unavailable`.
   */
  usesBackends?: boolean;
}
