import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** A client-supplied request id is kept only when it is short and plain, so it cannot forge log lines. */
const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request an id (`x-request-id`: the client's when well-formed, else a fresh UUID), echoes it on the
 * response, hangs a child logger carrying it on `req.log`, and writes one JSON log line when the response finishes.
 */
export function requestContext(logger: Logger, now: () => number = () => performance.now()): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && acceptableRequestId.test(incoming) ? incoming : randomUUID();
    req.requestId = requestId;
    req.log = logger.child({ requestId });
    res.setHeader('x-request-id', requestId);
    const started = now();
    res.on('finish', () => {
      const status = res.statusCode;
      const entry = {
        method: req.method,
        path: req.path,
        status,
        durationMs: Math.round((now() - started) * 10) / 10,
        ...(req.actor && { user: req.actor.id }),
      };
      if (status >= 500) req.log?.error(entry, '请求失败 / request failed');
      else req.log?.info(entry, '请求完成 / request completed');
    });
    next();
  };
}
