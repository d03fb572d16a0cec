import type { ErrorBody } from './error-body';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { mapInfrastructureError } from './infrastructure-errors';

/** A message a person reads: Chinese first, English beside. */
export const say = (zh: string, en: string): string => `${zh} / ${en}`;

/** An error that becomes an HTTP response `{ code, message, details? }` with `status` in the error middleware. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.details !== undefined && { details: this.details }) };
  }
}

/** The last route: anything no route matched. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(
    new HttpError(404, 'route.not-found', say(`没有这个地址：${req.method} ${req.path}`, `no such route`), {
      method: req.method,
      path: req.path,
    }),
  );
};

/** Errors body-parser raises (they carry `type` and `status`). */
function fromBodyParser(error: unknown): HttpError | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const { type, limit } = error as { type: unknown; limit?: unknown };
  switch (type) {
    case 'entity.parse.failed':
      return new HttpError(
        400,
        'request.malformed-json',
        say('请求体不是有效的 JSON', 'the request body is not valid JSON'),
      );
    case 'entity.too.large':
      return new HttpError(
        413,
        'request.too-large',
        say('请求体过大', 'the request body is too large'),
        typeof limit === 'number' ? { limitBytes: limit } : undefined,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(
        415,
        'request.unsupported-encoding',
        say('不支持的请求体编码或字符集', 'unsupported body encoding or charset'),
      );
    case 'request.aborted':
      return new HttpError(400, 'request.aborted', say('请求被客户端中断', 'the client aborted the request'));
    default:
      return undefined;
  }
}

/** A PostgreSQL data error (422) or an unreachable database or Temporal (503), as an HttpError. */
function fromInfrastructure(error: unknown): HttpError | undefined {
  const mapped = mapInfrastructureError(error);
  return mapped && new HttpError(mapped.status, mapped.code, mapped.message, mapped.details, mapped.headers);
}

/**
 * The one error middleware: every error becomes `{ code, message, details? }`. PostgreSQL data errors are a 422 and
 * an unreachable database or Temporal a 503 with `Retry-After` (see infrastructure-errors.ts); anything else that is
 * not an {@link HttpError} (or a body-parser error) is a bug: logged with its stack, answered as a generic 500.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const known = error instanceof HttpError ? error : (fromBodyParser(error) ?? fromInfrastructure(error));
  if (known && known.status >= 500)
    req.log?.warn({ err: error, code: known.code }, '依赖不可用 / dependency unavailable');
  const httpError =
    known ??
    new HttpError(500, 'internal.error', say('服务器内部错误', 'internal server error'), {
      requestId: res.getHeader('x-request-id'),
    });
  if (!known) req.log?.error({ err: error }, '未处理的错误 / unhandled error');
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(httpError.headers)) res.setHeader(name, value);
  res.status(httpError.status).json(httpError.toBody());
};
