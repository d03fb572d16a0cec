import type { Actor } from '../../definitions/org';
import type { Logger } from 'pino';

/** What Gongzhi's middleware adds to every request. */
declare module 'express-serve-static-core' {
  interface Request {
    /** This request's id (`x-request-id`, taken from the client when well-formed, else generated). */
    requestId?: string;
    /** The request's child logger, carrying `requestId`. */
    log?: Logger;
    /** The authenticated caller, set by the bearer middleware on `/api` routes. */
    actor?: Actor;
    /** The login session of the caller's token (absent for OIDC tokens), for logout. */
    sessionId?: string;
  }
}

export {};
