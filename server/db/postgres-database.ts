import pg from 'pg';
import { DatabaseError, type Database, type QueryParameter, type QueryResult, type Transaction } from './database';

/** PostgreSQL type ids whose default node-postgres parsing differs from PGlite's. */
const INT8_OID = 20;

/**
 * node-postgres returns `int8` (and so `count(*)`) as strings; PGlite returns numbers. Parse them as numbers here too,
 * refusing values a JavaScript number cannot hold exactly rather than rounding them silently.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID && format !== 'binary') {
      return (value: string) => {
        const parsed = Number(value);
        if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 value ${value} exceeds Number.MAX_SAFE_INTEGER`);
        return parsed;
      };
    }
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as typeof pg.types.getTypeParser,
};

/** Options for {@link openPostgresDatabase}. */
export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:5432/db` */
  url: string;
  /** Pool size; the server's `max_connections` bounds the sum over all Gongzhi processes. */
  maxConnections?: number;
  /**
   * Called when an idle pooled connection breaks (server restart, network). The pool drops the connection and opens
   * a new one on the next query; without a handler node-postgres would crash the process.
   */
  onIdleConnectionError?: (error: Error) => void;
}

/**
 * Connects to a PostgreSQL server through a node-postgres pool and checks the connection once, so a wrong
 * `DATABASE_URL` fails at start with a clear message instead of at the first request.
 */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10, types });
  pool.on('error', options.onIdleConnectionError ?? reportIdleConnectionError);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(
      'database.postgres-unreachable',
      `无法连接 PostgreSQL ${describeUrl(options.url)}：${errorMessage(error)}（检查 DATABASE_URL、服务器是否启动、用户名和密码） / ` +
        `cannot connect to PostgreSQL at ${describeUrl(options.url)}: ${errorMessage(error)} (check DATABASE_URL, that the server runs, the user and password)`,
      { cause: error },
    );
  }
  return new PostgresDatabase(pool);
}

/** A {@link Database} over a node-postgres pool. */
class PostgresDatabase implements Database {
  readonly dialect = 'postgres';

  constructor(private readonly pool: pg.Pool) {}

  async query<T>(sql: string, params: readonly QueryParameter[] = []): Promise<QueryResult<T>> {
    return toResult<T>(await this.pool.query(sql, [...params]));
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    // A checked-out client has no pool listener: a connection lost mid-transaction (the server killed) would emit an
    // unhandled 'error' and crash the process. The failing query rejects anyway; the connection is not reused.
    const onConnectionError = () => {
      broken = true;
    };
    client.on('error', onConnectionError);
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <R>(sql: string, params: readonly QueryParameter[] = []) =>
          toResult<R>(await client.query(sql, [...params])),
        runScript: async (sql: string) => {
          await client.query(sql);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed: do not hand it back to the pool
      }
      throw error;
    } finally {
      client.off('error', onConnectionError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

function toResult<T>(result: pg.QueryResult): QueryResult<T> {
  return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
}

function reportIdleConnectionError(error: Error): void {
  process.stderr.write(
    `PostgreSQL 空闲连接断开，将自动重连 / idle PostgreSQL connection lost, reconnecting: ${error.message}\n`,
  );
}

/** `host:port/database` of a connection URL, without the user and password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '<无效 URL / invalid URL>';
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(errorMessage).join('; ');
  return error instanceof Error ? error.message || error.name : String(error);
}
