import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database, DatabaseDialect } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { openDatabase, type OpenDatabaseOptions } from '../../server/db/open-database';
import { startThrowawayPostgres, type ThrowawayPostgres } from './postgres-server';

/**
 * Databases for tests, on both engines Gongzhi supports. Tests run the same cases against PGlite and a real
 * PostgreSQL server (`describe.each(testDialects)`).
 *
 * The PostgreSQL server is `GONGZHI_TEST_DATABASE_URL` when set (CI starts Debian's postgresql; the URL's user needs
 * CREATEDB). Otherwise each test file starts a throwaway server from the binaries npm installed (see
 * postgres-server.ts) and stops it after the file. Either way every test file works in databases of its own, created
 * and dropped here. A missing server fails the tests with the reason; it never skips them.
 */
export const testDialects: readonly DatabaseDialect[] = ['pglite', 'postgres'];

/** Handles of one test file's databases of one dialect. */
export interface TestDatabases {
  /** The file's database, emptied (and, unless `migrated: false`, migrated afresh) before each test. */
  db(): Database;
  /** Options for `openDatabase` pointing at a new, empty database (dropped after the file). */
  emptyDatabaseOptions(): Promise<OpenDatabaseOptions>;
}

/**
 * Registers jest hooks giving this describe block databases of `dialect`: one reset before each test (an empty
 * schema, then Gongzhi's migrations unless `migrated: false`), and fresh empty ones on request. Call at describe
 * level.
 */
export function useTestDatabases(dialect: DatabaseDialect, options: { migrated?: boolean } = {}): TestDatabases {
  let current: Database | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  const emptyDatabaseOptions = async (): Promise<OpenDatabaseOptions> => {
    if (dialect === 'pglite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-pglite-'));
      cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      return { dataDir };
    }
    const server = await acquireServer();
    cleanups.push(releaseServer);
    const name = `gongzhi_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(server, `CREATE DATABASE ${name}`);
    cleanups.push(() => adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    const url = new URL(server);
    url.pathname = `/${name}`;
    return { dataDir: os.tmpdir(), databaseUrl: url.toString() };
  };

  beforeAll(async () => {
    current = await openDatabase(await emptyDatabaseOptions());
  });

  beforeEach(async () => {
    const db = current!;
    await db.transaction((tx) => tx.runScript('DROP SCHEMA public CASCADE; CREATE SCHEMA public;'));
    if (options.migrated !== false) await migrate(db);
  });

  afterAll(async () => {
    await current?.close();
    current = undefined;
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  return {
    db: () => {
      if (!current) throw new Error('useTestDatabases: the database is opened in beforeAll; use db() inside a test');
      return current;
    },
    emptyDatabaseOptions,
  };
}

/** The server of this test file (module state is per test file under jest). */
let shared: { url: string; users: number; throwaway?: ThrowawayPostgres; starting?: Promise<void> } | undefined;

async function acquireServer(): Promise<string> {
  if (!shared) {
    const fromEnvironment = process.env.GONGZHI_TEST_DATABASE_URL;
    shared = { url: fromEnvironment ?? '', users: 0 };
    if (!fromEnvironment) {
      const state = shared;
      state.starting = startThrowawayPostgres().then((server) => {
        state.throwaway = server;
        state.url = server.url;
      });
    }
  }
  shared.users += 1;
  try {
    await shared.starting;
  } catch (error) {
    shared = undefined;
    throw error;
  }
  return shared.url;
}

async function releaseServer(): Promise<void> {
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  const { throwaway } = shared;
  shared = undefined;
  await throwaway?.stop();
}

/** Runs one statement on the server's maintenance database (creating and dropping test databases). */
async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `无法连接测试用 PostgreSQL / cannot connect to the test PostgreSQL server (GONGZHI_TEST_DATABASE_URL or the throwaway server): ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
