import path from 'node:path';
import type { Database } from './database';
import { loadMigrations, migrate, type Migration } from './migrations';
import { openPGliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

/** Where the database is: the settings `GONGZHI_DATA_DIR` and `DATABASE_URL`. */
export interface OpenDatabaseOptions {
  /** Gongzhi's data directory; the embedded database lives in `<dataDir>/pglite`. */
  dataDir: string;
  /** A PostgreSQL server to use instead of the embedded database. */
  databaseUrl?: string | undefined;
  /** Receives errors of idle pooled connections to the PostgreSQL server (default: a line on stderr). */
  onIdleConnectionError?: (error: Error) => void;
}

/** The embedded database's directory inside a data directory. */
export function pgliteDirectory(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

/**
 * Opens Gongzhi's database — the PostgreSQL server at `databaseUrl` when given, the embedded PGlite database under
 * `<dataDir>/pglite` otherwise — and applies pending migrations before handing it out, so every caller sees the
 * current schema. Closes the database again when migrating fails.
 */
export async function openDatabase(
  options: OpenDatabaseOptions,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgresDatabase({
        url: options.databaseUrl,
        ...(options.onIdleConnectionError && { onIdleConnectionError: options.onIdleConnectionError }),
      })
    : await openPGliteDatabase(pgliteDirectory(options.dataDir));
  try {
    await migrate(db, migrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
