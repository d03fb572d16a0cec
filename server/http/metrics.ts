import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of the HTTP server: default process metrics plus requests by method, route and status. */
export interface HttpMetrics {
  registry: Registry;
  /** Counts and times every request (register before the routes). */
  middleware: RequestHandler;
  /** `GET /metrics`: the registry in Prometheus text format. */
  handler: RequestHandler;
}

/**
 * The route label: the matched route's pattern (`/api/cases/:id`), never the raw path, so ids do not explode the
 * label set; requests no route matched share `unmatched`.
 */
function routeLabel(req: Request): string {
  const pattern: unknown = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
}

/**
 * Creates the metrics on `registry` (a fresh one by default, so apps in one process — tests — do not clash; pass a
 * shared one to expose other metrics, such as Temporal SDK metrics, on the same endpoint).
 */
export function createHttpMetrics(
  registry: Registry = new Registry(),
  /** More Prometheus text appended to the registry's (the Temporal SDK's own metrics, scraped from its exporter). */
  extraMetrics?: () => Promise<string>,
): HttpMetrics {
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'gongzhi_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gongzhi_http_request_duration_seconds',
    help: 'HTTP request duration in seconds by method, route and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    middleware: (req, res, next) => {
      const stop = duration.startTimer();
      res.on('finish', () => {
        const labels = { method: req.method, route: routeLabel(req), status: String(res.statusCode) };
        requests.inc(labels);
        stop(labels);
      });
      next();
    },
    handler: (_req, res, next) => {
      Promise.all([registry.metrics(), extraMetrics ? extraMetrics().catch(() => '') : ''])
        .then(([own, extra]) => {
          const text = extra ? `${own}\n${extra}` : own;
          res.setHeader('content-type', registry.contentType);
          res.send(text);
        })
        .catch(next);
    },
  };
}
