import helmet from 'helmet';
import type { RequestHandler } from 'express';
import { docsPageInlineSources } from './api-docs';

/**
 * Security headers on every response (helmet): a content-security policy the designer works under (its bundle,
 * stylesheet and API calls come from this origin; React Flow positions nodes with inline styles; elkjs may lay out in
 * a worker), the docs page's inline script and style by hash, no framing by other sites (`frame-ancestors 'none'`,
 * `X-Frame-Options: DENY`), `X-Content-Type-Options: nosniff`, no referrer leaking case ids, and no
 * `upgrade-insecure-requests` (a loopback install speaks plain HTTP; TLS is the reverse proxy's job).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", docsPageInlineSources.script],
        'style-src': ["'self'", "'unsafe-inline'", docsPageInlineSources.style],
        // blob: the previews of attachments, fetched with the bearer token and shown from object URLs.
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
}
