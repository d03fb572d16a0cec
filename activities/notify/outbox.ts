import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NotificationRequest } from '../../definitions/engine';

/** A notification as delivered: the engine's request plus the case it belongs to and when it was recorded. */
export interface DeliveredNotification extends NotificationRequest {
  caseId: string;
  deliveredAt: string;
}

/**
 * The default channel: an append-only JSON-lines file, `<dataDir>/outbox.jsonl`, that people (`npx gongzhi outbox`)
 * and tests read. Idempotent on (caseId, notificationId): a retried activity never records a message twice.
 * Replaced by a database table when the platform's persistence lands; SMS/WeChat channels sit beside it.
 */
export class Outbox {
  private readonly file: string;
  private delivered: Set<string> | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'outbox.jsonl');
  }

  /** Records a notification once; later calls with the same ids do nothing. Writes are serialised per process. */
  send(notification: NotificationRequest & { caseId: string }, now: Date = new Date()): Promise<void> {
    const next = this.chain.then(async () => {
      const seen = await this.deliveredKeys();
      const key = `${notification.caseId}/${notification.notificationId}`;
      if (seen.has(key)) return;
      const line: DeliveredNotification = { ...notification, deliveredAt: now.toISOString() };
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, `${JSON.stringify(line)}\n`, 'utf8');
      seen.add(key);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Every recorded notification, optionally only those of one case, oldest first. */
  async read(caseId?: string): Promise<DeliveredNotification[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const all = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as DeliveredNotification);
    return caseId === undefined ? all : all.filter((notification) => notification.caseId === caseId);
  }

  private async deliveredKeys(): Promise<Set<string>> {
    this.delivered ??= new Set(
      (await this.read()).map((notification) => `${notification.caseId}/${notification.notificationId}`),
    );
    return this.delivered;
  }
}
