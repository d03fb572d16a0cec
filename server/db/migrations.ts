import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseError, type Database } from './database';

/** The migrations shipped with Gongzhi: `server/db/migrations/NNN-name.sql`. */
export const migrationsDirectory = path.resolve(__dirname, 'migrations');

/** One versioned SQL migration file. */
export interface Migration {
  /** `NNN` of the file name: migrations apply in this order, each exactly once. */
  version: number;
  /** The file name, e.g. `001-org-directory.sql`. */
  name: string;
  sql: string;
  /** sha256 of the text (line endings normalised), recorded when applied so a later edit is detected. */
  checksum: string;
}

/** A migration recorded in `schema_migrations`. */
export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  appliedAt: Date;
}

const fileNamePattern = /^(\d{3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.sql$/;

/** Arbitrary constant key of the advisory lock that serialises migration runs of several Gongzhi processes. */
const migrationLockKey = 7_340_101;

/** sha256 hex of migration text; CRLF is read as LF so a checkout on Windows does not look like an edit. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Reads the migration files of `directory`, ordered by version. Refuses a file whose name is not `NNN-name.sql` and
 * two files with the same version, so the order can never be ambiguous.
 */
export function loadMigrations(directory: string = migrationsDirectory): Migration[] {
  const migrations: Migration[] = [];
  for (const name of fs.readdirSync(directory).sort()) {
    const match = fileNamePattern.exec(name);
    if (!match) {
      throw new DatabaseError(
        'database.migration-bad-name',
        `迁移文件名“${name}”不合规，应为 NNN-名称.sql（如 001-org-directory.sql） / migration file "${name}" must be named NNN-name.sql (e.g. 001-org-directory.sql)`,
      );
    }
    const version = Number(match[1]);
    const clash = migrations.find((migration) => migration.version === version);
    if (clash) {
      throw new DatabaseError(
        'database.migration-duplicate-version',
        `迁移“${name}”与“${clash.name}”版本号重复 / migrations "${name}" and "${clash.name}" share version ${version}`,
      );
    }
    const sql = fs.readFileSync(path.join(directory, name), 'utf8');
    migrations.push({ version, name, sql, checksum: migrationChecksum(sql) });
  }
  return migrations;
}

/**
 * Brings the database up to date: applies each migration not yet recorded in `schema_migrations`, in version order,
 * each in its own transaction together with its record (so a failing migration leaves nothing behind). Refuses to
 * run when an applied migration's file has changed since, or when the database holds a migration this code does not
 * know (it was migrated by a newer Gongzhi). Safe to call at every start and from several processes at once.
 * Returns the migrations it applied now.
 */
export async function migrate(db: Database, migrations: readonly Migration[] = loadMigrations()): Promise<Migration[]> {
  // Under the lock: two processes running CREATE TABLE IF NOT EXISTS at once can still collide in the catalog.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  });
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  checkAppliedMigrations(await listAppliedMigrations(db), ordered);
  const applied: Migration[] = [];
  for (const migration of ordered) {
    const appliedNow = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
      const existing = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [migration.version],
      );
      if (existing.rows[0]) {
        // Another process applied it while we waited for the lock.
        if (existing.rows[0].checksum !== migration.checksum) throw changedMigrationError(migration);
        return false;
      }
      try {
        await tx.runScript(migration.sql);
      } catch (error) {
        throw new DatabaseError(
          'database.migration-failed',
          `迁移 ${migration.name} 执行失败，已回滚 / migration ${migration.name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (appliedNow) applied.push(migration);
  }
  return applied;
}

/** The rows of `schema_migrations`, oldest first. */
export async function listAppliedMigrations(db: Database): Promise<AppliedMigration[]> {
  const result = await db.query<{ version: number; name: string; checksum: string; applied_at: Date }>(
    'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
  );
  return result.rows.map((row) => ({
    version: row.version,
    name: row.name,
    checksum: row.checksum,
    appliedAt: row.applied_at,
  }));
}

function checkAppliedMigrations(applied: readonly AppliedMigration[], known: readonly Migration[]): void {
  for (const record of applied) {
    const migration = known.find((candidate) => candidate.version === record.version);
    if (!migration) {
      throw new DatabaseError(
        'database.migration-unknown',
        `数据库已应用迁移 ${record.name}，但本版本的 Gongzhi 没有该文件（数据库由更新的版本迁移过？） / ` +
          `the database has migration ${record.name} applied, which this Gongzhi does not have (migrated by a newer version?)`,
      );
    }
    if (migration.checksum !== record.checksum) throw changedMigrationError(migration);
  }
}

function changedMigrationError(migration: Migration): DatabaseError {
  return new DatabaseError(
    'database.migration-changed',
    `已应用的迁移 ${migration.name} 在应用后被修改（校验和不符）。已应用的迁移不可修改：请还原该文件，并把改动写成新的迁移 / ` +
      `applied migration ${migration.name} was changed after it was applied (checksum mismatch). Applied migrations are immutable: restore the file and put the change in a new migration`,
  );
}
