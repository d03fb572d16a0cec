import fs from 'node:fs/promises';
import { PGlite, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { DatabaseError, type Database, type QueryParameter, type QueryResult, type Transaction } from './database';

/**
 * Opens (creating on first use) the embedded PGlite database in `directory`. PGlite is PostgreSQL compiled to
 * WebAssembly and running in this process: nothing to install, one connection, files on local disk.
 */
export async function openPGliteDatabase(directory: string): Promise<Database> {
  let pglite: PGlite;
  try {
    await fs.mkdir(directory, { recursive: true });
    pglite = await PGlite.create(directory);
  } catch (error) {
    throw new DatabaseError(
      'database.pglite-open-failed',
      `无法打开内嵌数据库 ${directory}（检查目录权限，或是否有另一个 Gongzhi 进程正在使用它） / ` +
        `cannot open the embedded database at ${directory} (check the directory's permissions, or whether another Gongzhi process is using it): ${String(error)}`,
      { cause: error },
    );
  }
  return new PGliteDatabase(pglite);
}

/** A {@link Database} over one PGlite instance. */
class PGliteDatabase implements Database {
  readonly dialect = 'pglite';

  constructor(private readonly pglite: PGlite) {}

  async query<T>(sql: string, params: readonly QueryParameter[] = []): Promise<QueryResult<T>> {
    return toResult(await this.pglite.query<T>(sql, [...params]));
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => work(wrapTransaction(tx)));
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

function wrapTransaction(tx: PGliteTransaction): Transaction {
  return {
    query: async <T>(sql: string, params: readonly QueryParameter[] = []) =>
      toResult(await tx.query<T>(sql, [...params])),
    runScript: async (sql: string) => {
      await tx.exec(sql);
    },
  };
}

function toResult<T>(result: { rows: T[]; affectedRows?: number }): QueryResult<T> {
  return { rows: result.rows, rowCount: result.rows.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
}
