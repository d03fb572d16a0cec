import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { DeliveryError, describeFailure, say, type ChannelRegistry, type DeliveryReport } from './channels/channel';
import { claimDueDeliveries, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from './outbox-store';

/** How a dispatcher runs. */
export interface DispatcherOptions {
  db: Database;
  channels: ChannelRegistry;
  /** Attempts before a row is dead-lettered (6 by default). */
  maxAttempts?: number;
  /** Rows claimed per poll (20 by default): small batches spread the work over several dispatchers. */
  batchSize?: number;
  /** Pause of an idle dispatcher between polls (1 s by default). */
  pollIntervalMs?: number;
  /** Delay before the first retry (10 s by default); doubled per attempt, capped by `retryMaxMs` (1 h). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Longest one delivery may take (30 s); must be shorter than the claim. */
  deliveryTimeoutMs?: number;
  /**
   * How long a claim keeps other dispatchers off a row (60 s): a dispatcher that dies frees its rows after it, so
   * this is how late its notifications arrive. Twice the delivery timeout, so a slow delivery is never taken twice.
   */
  claimMs?: number;
  /** The current time (tests move it to make retries due); `() => new Date()` by default. */
  now?: () => Date;
  log?: Logger;
}

/** The delay before attempt `attempt + 1`, after `attempt` failed: base · 2^(attempt−1), at most `max`. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * The outbox dispatcher: polls due rows in small batches (claimed with `FOR UPDATE SKIP LOCKED`, so any number of
 * dispatchers on one database each deliver different rows), delivers each through its channel, and records the
 * outcome: delivered; a retry with exponential backoff; or, after `maxAttempts` or a failure retrying cannot mend, the
 * dead letters an admin sees and may retry. A delivery is attempted by one dispatcher at a time; only a dispatcher
 * that dies mid-delivery (its claim expires) can lead to a second attempt of the same row.
 */
export class OutboxDispatcher {
  private readonly maxAttempts: number;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly deliveryTimeoutMs: number;
  private readonly claimMs: number;
  private readonly now: () => Date;
  private loop: Promise<void> | undefined;
  private running = false;
  private wake: (() => void) | undefined;

  constructor(private readonly options: DispatcherOptions) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.batchSize = options.batchSize ?? 20;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.retryBaseMs = options.retryBaseMs ?? 10_000;
    this.retryMaxMs = options.retryMaxMs ?? 3_600_000;
    this.deliveryTimeoutMs = options.deliveryTimeoutMs ?? 30_000;
    this.claimMs = options.claimMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
    if (this.deliveryTimeoutMs >= this.claimMs) throw new Error('deliveryTimeoutMs must be shorter than claimMs');
  }

  /**
   * Claims one batch of due rows and delivers it. Returns how many rows it handled (0: nothing was due). Safe to call
   * from several dispatchers at once.
   */
  async dispatchOnce(): Promise<number> {
    const now = this.now();
    const claimed = await claimDueDeliveries(this.options.db, {
      now,
      claimUntil: new Date(now.getTime() + this.claimMs),
      claimToken: randomUUID(),
      limit: this.batchSize,
    });
    await Promise.all(claimed.map((row) => this.deliver(row)));
    return claimed.length;
  }

  /** Dispatches until nothing is due (tests and the CLI); returns the rows handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (let handled = await this.dispatchOnce(); handled > 0; handled = await this.dispatchOnce()) total += handled;
    return total;
  }

  /** Starts polling in the background; {@link stop} ends it. */
  start(): void {
    if (this.loop) return;
    this.running = true;
    this.loop = this.poll();
  }

  /** Asks a sleeping dispatcher to poll now (e.g. right after a notification was written). */
  nudge(): void {
    this.wake?.();
  }

  /** Stops polling and waits for the deliveries in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.dispatchOnce();
      } catch (error) {
        this.options.log?.warn({ err: error }, '通知分发轮询失败，稍后重试 / outbox poll failed; retrying');
      }
      if (handled < this.batchSize && this.running) await this.sleep(this.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async deliver(row: ClaimedDelivery): Promise<void> {
    const outcome = await this.attempt(row);
    const recorded = await recordAttempt(
      this.options.db,
      { id: row.delivery.id, claimToken: row.claimToken },
      outcome,
      this.now(),
    );
    const context = { notification: row.delivery.id, caseId: row.delivery.caseId, channel: row.delivery.channel };
    if (!recorded) {
      this.options.log?.warn(
        context,
        '通知的认领已过期，结果未记录 / the claim on a notification expired; outcome not recorded',
      );
    } else if (outcome.kind !== 'delivered') {
      this.options.log?.warn(
        { ...context, attempt: row.attempt, error: outcome.error },
        outcome.kind === 'dead'
          ? '通知进入死信 / notification dead-lettered'
          : '通知发送失败，将重试 / notification failed; will retry',
      );
    }
  }

  private async attempt(row: ClaimedDelivery): Promise<AttemptOutcome> {
    const { delivery } = row;
    const channel = this.options.channels[delivery.channel];
    if (channel.addressesPeople && row.recipientCount === 0) {
      return {
        kind: 'dead',
        reached: [],
        error: say(
          `无人在“${delivery.recipientUnit}”担任“${delivery.recipientRole}”，通知无收件人`,
          `nobody holds role "${delivery.recipientRole}" at "${delivery.recipientUnit}": the notification has no recipient`,
        ),
      };
    }
    // Every recipient was reached by an earlier attempt whose outcome was not recorded as delivered.
    if (channel.addressesPeople && delivery.recipients.length === 0) return { kind: 'delivered', reached: [] };
    try {
      const report = await this.withTimeout(channel.deliver(delivery));
      return { kind: 'delivered', reached: report.reached };
    } catch (error) {
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(
              'notify.failed',
              say(`发送失败：${describeFailure(error)}`, `delivery failed: ${describeFailure(error)}`),
            );
      if (failure.permanent || row.attempt >= this.maxAttempts) {
        const why = failure.permanent
          ? failure.message
          : `${say(`已尝试 ${row.attempt} 次后放弃`, `gave up after ${row.attempt} attempts`)}: ${failure.message}`;
        return { kind: 'dead', reached: failure.reached, error: why };
      }
      const delay = retryDelayMs(row.attempt, this.retryBaseMs, this.retryMaxMs);
      return {
        kind: 'retry',
        reached: failure.reached,
        error: failure.message,
        nextAttemptAt: new Date(this.now().getTime() + delay),
      };
    }
  }

  private withTimeout(delivery: Promise<DeliveryReport>): Promise<DeliveryReport> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DeliveryError(
              'notify.timeout',
              say(
                `发送超时（${this.deliveryTimeoutMs} 毫秒）`,
                `delivery timed out after ${this.deliveryTimeoutMs} ms`,
              ),
            ),
          ),
        this.deliveryTimeoutMs,
      );
    });
    return Promise.race([delivery, timeout]).finally(() => clearTimeout(timer));
  }
}
