import type { Database } from '../db/database';
import { castMany, castWithToken, type CastRequest, type CastResult } from './token-casts';
import { tokenHash } from './receipts';

/** How casts are gathered into one transaction. */
export interface BatchOptions {
  /** Most casts in one transaction (200 by default). */
  maxBatch?: number;
  /** How long an idle caster waits for more casts before committing what it has (2 ms by default). */
  maxWaitMs?: number;
  /** Batches in flight at once: 1 on PGlite (one connection), 4 on PostgreSQL by default. */
  maxInFlight?: number;
}

/** Casts owners' electronic ballots, many in one transaction (group commit). */
export interface BallotCaster {
  /** One owner's cast; answers as {@link castWithToken} would (its result, or its own refusal thrown). */
  cast(request: CastRequest): Promise<CastResult>;
}

interface Waiting {
  request: CastRequest;
  hash: string;
  resolve: (result: CastResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for electronic casts: concurrent casts are gathered — for `maxWaitMs` while no batch is in flight,
 * otherwise until one finishes — into ONE transaction of set-based statements ({@link castMany}), up to `maxBatch`
 * at a time; each request still gets its own answer, and one request's refusal never undoes another's ballot. A token
 * seen twice waits for the next batch (there it is used: a retry answers its receipt, other choices are refused). If
 * the batch's transaction fails for any other reason (a part voted by a concurrent paper entry, a deadlock, a lost
 * connection), every cast of it is made again alone, so each gets the answer it would have had alone.
 */
export function createBallotCaster(db: Database, receiptKey: Uint8Array, options: BatchOptions = {}): BallotCaster {
  const maxBatch = options.maxBatch ?? 200;
  const maxWaitMs = options.maxWaitMs ?? 2;
  const maxInFlight = options.maxInFlight ?? (db.dialect === 'pglite' ? 1 : 4);
  let queue: Waiting[] = [];
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;

  const take = (): Waiting[] => {
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    const seen = new Set<string>();
    for (const waiting of queue) {
      if (batch.length < maxBatch && !seen.has(waiting.hash)) {
        seen.add(waiting.hash);
        batch.push(waiting);
      } else rest.push(waiting);
    }
    queue = rest;
    return batch;
  };

  const run = async (batch: Waiting[]): Promise<void> => {
    if (batch.length === 1) {
      const [only] = batch;
      await castWithToken(db, receiptKey, only!.request).then(only!.resolve, only!.reject);
      return;
    }
    let outcomes;
    try {
      outcomes = await db.transaction((tx) =>
        castMany(
          tx,
          receiptKey,
          batch.map((waiting) => waiting.request),
        ),
      );
    } catch {
      await Promise.all(
        batch.map((waiting) => castWithToken(db, receiptKey, waiting.request).then(waiting.resolve, waiting.reject)),
      );
      return;
    }
    outcomes.forEach((outcome, index) => {
      if (outcome.ok) batch[index]!.resolve(outcome.result);
      else batch[index]!.reject(outcome.error);
    });
  };

  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = take();
      inFlight += 1;
      void run(batch).finally(() => {
        inFlight -= 1;
        // Casts that arrived meanwhile have waited already: commit them at once.
        if (queue.length > 0) flush();
      });
    }
  };

  const schedule = () => {
    if (inFlight >= maxInFlight) return; // the batch in flight flushes the queue when it ends
    if (queue.length >= maxBatch) flush();
    else timer ??= setTimeout(flush, maxWaitMs);
  };

  return {
    cast: (request) =>
      new Promise<CastResult>((resolve, reject) => {
        queue.push({ request, hash: tokenHash(request.token), resolve, reject });
        schedule();
      }),
  };
}
