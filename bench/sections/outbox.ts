import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open-database';
import { createChannels } from '../../server/notifications/channels/registry';
import { OutboxDispatcher } from '../../server/notifications/dispatcher';
import { recordNotification } from '../../server/notifications/outbox-store';
import { seedDirectory, staffNotification, startHttpStandIn } from '../../test/notifications/fixtures';
import { startThrowawayPostgres } from '../../test/support/postgres-server';
import { round, type SectionReport } from '../report';

/** Seeds `count` due rows, then lets the dispatchers drain them; returns notifications per second and how many were delivered. */
async function drainRate(
  writer: Database,
  instances: Database[],
  count: number,
  channel: 'in-app' | 'wecom',
  webhookUrl: string,
): Promise<{ perSecond: number; seconds: number; delivered: number }> {
  await seedDirectory(writer);
  const createdAt = new Date();
  for (let n = 0; n < count; n++) await recordNotification(writer, staffNotification(n, { channel }), createdAt);
  const channels = createChannels({ wecom: { webhookUrl } });
  const started = performance.now();
  await Promise.all(instances.map((db) => new OutboxDispatcher({ db, channels, batchSize: 20 }).drain()));
  const seconds = (performance.now() - started) / 1000;
  const delivered = await writer.query<{ n: number }>(
    "SELECT count(*) AS n FROM notification_outbox WHERE status = 'delivered'",
  );
  return { perSecond: round(count / seconds), seconds: round(seconds, 2), delivered: delivered.rows[0]?.n ?? 0 };
}

/**
 * Outbox dispatcher throughput: 2,000 in-app notifications drained by one dispatcher on embedded PGlite, and 1,000
 * WeCom notifications posted to a loopback robot stand-in by two dispatchers (each its own pool) on one throwaway
 * PostgreSQL server, counting duplicates the stand-in received.
 */
export async function outboxThroughput(log: (line: string) => void): Promise<SectionReport> {
  const robot = await startHttpStandIn(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-bench-outbox-'));
  try {
    log('outbox: PGlite, one dispatcher, 2,000 in-app notifications…');
    const pglite = await openDatabase({ dataDir });
    const embedded = await drainRate(pglite, [pglite], 2000, 'in-app', robot.url).finally(() => pglite.close());

    log('outbox: PostgreSQL, two dispatchers, 1,000 WeCom notifications…');
    const server = await startThrowawayPostgres();
    let rate: Awaited<ReturnType<typeof drainRate>>;
    try {
      const instances = [
        await openDatabase({ dataDir, databaseUrl: server.url }),
        await openDatabase({ dataDir, databaseUrl: server.url }),
      ];
      try {
        rate = await drainRate(instances[0]!, instances, 1000, 'wecom', robot.url);
      } finally {
        for (const instance of instances) await instance.close();
      }
    } finally {
      await server.stop();
    }
    const contents = robot.requests.map((request) => JSON.stringify(request.body));
    const postgres = { ...rate, robotRequests: contents.length, duplicates: contents.length - new Set(contents).size };
    return {
      key: 'outbox',
      title: 'Notification outbox dispatcher throughput',
      columns: ['notifications', 'dispatchers', 'seconds', 'notifications/s', 'delivered', 'duplicates'],
      rows: [
        { label: 'PGlite, in-app', values: [2000, 1, embedded.seconds, embedded.perSecond, embedded.delivered, '—'] },
        {
          label: 'PostgreSQL, WeCom loopback',
          values: [1000, 2, postgres.seconds, postgres.perSecond, postgres.delivered, postgres.duplicates],
        },
      ],
      notes: [`the robot stand-in received ${postgres.robotRequests} requests for 1,000 notifications`],
      figures: { pglite: embedded, postgres },
    };
  } finally {
    await robot.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
