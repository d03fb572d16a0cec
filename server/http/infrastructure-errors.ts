/** A message a person reads: Chinese first, English beside (as errors.ts `say`; no import, errors.ts imports this). */
const say = (zh: string, en: string): string => `${zh} / ${en}`;

/** What errors.ts turns into an `HttpError`. */
export interface MappedError {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * The generic fallback for errors a route did not anticipate: PostgreSQL data errors become a 422 (a value the
 * request parser let through but the database refused — still the client's input, never a 5xx), and an unreachable
 * database or Temporal becomes a 503 with `Retry-After`. Everything else stays a 500 (a bug).
 */

/** Seconds a client should wait before retrying after a 503. */
export const retryAfterSeconds = 5;

const field = (error: unknown, name: string): unknown =>
  typeof error === 'object' && error !== null && name in error ? (error as Record<string, unknown>)[name] : undefined;

/** The error and its causes, outermost first (Temporal wraps gRPC errors; pg wraps socket errors). */
function chain(error: unknown): unknown[] {
  const list: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && list.length < 8;) {
    list.push(current);
    current = field(current, 'cause');
  }
  return list;
}

/** Socket-level failures of a database connection (node-postgres surfaces Node's `code`). */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs meaning "the server is not there or not taking work now". */
function isUnavailableSqlState(code: string): boolean {
  return (
    code.startsWith('08') || // connection exception
    code === '53300' || // too many connections
    code === '57P01' || // admin shutdown
    code === '57P02' || // crash shutdown
    code === '57P03' || // cannot connect now
    code === '25006' // read-only transaction: the database refuses writes for now (a failover, maintenance)
  );
}

/** Messages node-postgres and PGlite give when the connection is gone (they carry no code). */
const lostConnection =
  /Connection terminated|connection timeout|Client has encountered a connection error|PGlite is closed/i;

/** A PostgreSQL data exception (SQLSTATE class 22: out of range, invalid text, bad datetime …), or undefined. */
function dataException(error: unknown): { code: string; message: string } | undefined {
  for (const link of chain(error)) {
    const code = field(link, 'code');
    const message = field(link, 'message');
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) {
      return { code, message: typeof message === 'string' ? message : '' };
    }
  }
  return undefined;
}

function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some((link) => {
    const code = field(link, 'code');
    const message = field(link, 'message');
    if (typeof code === 'string' && (socketCodes.has(code) || isUnavailableSqlState(code))) return true;
    return typeof message === 'string' && lostConnection.test(message) && field(link, 'metadata') === undefined;
  });
}

/** gRPC statuses meaning Temporal did not answer in time or is unreachable: DEADLINE_EXCEEDED, UNAVAILABLE. */
const temporalUnavailableCodes = new Set([4, 14]);

/** Names of Temporal SDK errors raised when a call timed out or the connection failed. */
const temporalTimeoutNames = new Set(['WorkflowUpdateRPCTimeoutOrCancelledError', 'TransportError']);

function isTemporalUnavailable(error: unknown): boolean {
  return chain(error).some((link) => {
    const code = field(link, 'code');
    const name = field(link, 'name');
    if (typeof name === 'string' && temporalTimeoutNames.has(name)) return true;
    // gRPC errors carry a numeric `code` and `metadata`; node-postgres errors have string codes.
    return typeof code === 'number' && temporalUnavailableCodes.has(code) && field(link, 'metadata') !== undefined;
  });
}

/** The HTTP answer a PostgreSQL, database-connection or Temporal failure stands for, or undefined (a real bug). */
export function mapInfrastructureError(error: unknown): MappedError | undefined {
  const data = dataException(error);
  if (data) {
    return {
      status: 422,
      code: 'request.value-rejected',
      message: say(
        '请求中的某个值超出了允许的范围或格式（数据库拒绝）',
        'a value in the request is out of range or malformed (the database refused it)',
      ),
      details: { sqlState: data.code },
      headers: {},
    };
  }
  const retry = { 'retry-after': String(retryAfterSeconds) };
  if (isTemporalUnavailable(error)) {
    return {
      status: 503,
      code: 'temporal.unavailable',
      message: say(
        '流程引擎（Temporal）暂时不可用，请稍后重试',
        'the process engine (Temporal) is unavailable; retry later',
      ),
      details: { retryAfterSeconds },
      headers: retry,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      code: 'database.unavailable',
      message: say('数据库暂时不可用，请稍后重试', 'the database is unavailable; retry later'),
      details: { retryAfterSeconds },
      headers: retry,
    };
  }
  return undefined;
}
