import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, pgliteDirectory } from '../../server/db/open-database';
import { testDialects, useTestDatabases } from '../support/postgres';

/** A localhost port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('opening the database', () => {
  test('given no DATABASE_URL, when opened, then PGlite keeps its files under <data dir>/pglite across restarts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-open-'));
    try {
      const db = await openDatabase({ dataDir });
      expect(db.dialect).toBe('pglite');
      await db.query('INSERT INTO users (username, display_name) VALUES ($1, $2)', ['zhao', '赵秋香']);
      await db.close();
      expect(fs.existsSync(path.join(pgliteDirectory(dataDir), 'PG_VERSION'))).toBe(true);

      const reopened = await openDatabase({ dataDir });
      expect((await reopened.query('SELECT display_name FROM users')).rows).toEqual([{ display_name: '赵秋香' }]);
      await reopened.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('given a DATABASE_URL nobody answers, when opened, then a bilingual error names the server but not the password', async () => {
    const port = await closedPort();
    const attempt = openDatabase({
      dataDir: os.tmpdir(),
      databaseUrl: `postgres://gz:s3cret-pw@127.0.0.1:${port}/gongzhi`,
    });

    await expect(attempt).rejects.toMatchObject({
      name: 'DatabaseError',
      code: 'database.postgres-unreachable',
      message: expect.stringMatching(
        new RegExp(`^无法连接 PostgreSQL 127\\.0\\.0\\.1:${port}/gongzhi.* / cannot connect`),
      ),
    });
    await expect(attempt).rejects.not.toMatchObject({ message: expect.stringContaining('s3cret-pw') });
  });
});

describe.each(testDialects)('openDatabase on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given the options of an empty database, when opened, then the dialect matches and every migrated table is there', async () => {
    const db = await openDatabase(await databases.emptyDatabaseOptions());
    try {
      expect(db.dialect).toBe(dialect);
      const tables = await db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual([
        'attachment_blobs',
        'attachments',
        'auth_sessions',
        'ballot_box_parts',
        'ballot_box_settings',
        'ballot_boxes',
        'ballot_conflicts',
        'ballot_entries',
        'ballot_receipts',
        'ballot_token_parts',
        'ballot_tokens',
        'ballots',
        'case_timeline',
        'case_work_items',
        'cases',
        'departments',
        'electorate_owners',
        'electorate_unit_audit',
        'electorate_unit_owners',
        'electorate_units',
        'holiday_schedules',
        'idempotency_keys',
        'ladder_events',
        'login_failures',
        'login_lockouts',
        'meeting_attendance',
        'memberships',
        'notification_outbox',
        'notification_recipients',
        'org_units',
        'owners_committees',
        'party_branches',
        'property_firms',
        'schema_migrations',
        'template_drafts',
        'template_versions',
        'templates',
        'user_contacts',
        'users',
        'whistle_assignments',
        'whistle_callbacks',
        'whistle_closures',
        'whistle_rulings',
      ]);
    } finally {
      await db.close();
    }
  });
});
