import { openPostgresDatabase } from '../../server/db/postgres-database';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres-server';

/**
 * A PostgreSQL server killed while a transaction holds a pooled connection: the transaction's promise rejects, the
 * process lives on (node-postgres emits 'error' on a checked-out client, which nobody else listens to), and once the
 * server is back the next transaction works on a fresh connection.
 */
describe('a transaction whose connection is lost', () => {
  let postgres: ThrowawayPostgres;

  beforeAll(async () => {
    postgres = await startThrowawayPostgres({ durable: true });
  }, 120_000);

  afterAll(async () => {
    await postgres?.stop();
  });

  test('given a transaction waiting on the server, when the server is killed and restarted, then the transaction fails, nothing crashes and the next one succeeds', async () => {
    const db = await openPostgresDatabase({ url: postgres.url, onIdleConnectionError: () => undefined });
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const waiting = db.transaction(async (tx) => {
        await tx.query('SELECT pg_sleep(30)');
      });
      const outcome = waiting.then(
        () => 'committed',
        () => 'failed',
      );
      await new Promise((resolve) => setTimeout(resolve, 500));

      await postgres.crash();

      expect(await outcome).toBe('failed');
      await postgres.restart();
      const answer = await db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'));
      expect(answer.rows).toEqual([{ one: 1 }]);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
      await db.close();
    }
  }, 120_000);
});
