/**
 * The database Gongzhi keeps beside Temporal (org directory, templates, read models). One interface over two engines
 * that speak the same PostgreSQL dialect: PGlite embedded in the process by default, a PostgreSQL server when
 * `DATABASE_URL` is set. Code above this layer writes plain PostgreSQL with `$1`-style parameters and never learns
 * which engine it runs on.
 */

/** Which engine a {@link Database} runs on. */
export type DatabaseDialect = 'pglite' | 'postgres';

/** Rows of one statement. `rowCount` is the number of rows returned or affected (INSERT/UPDATE/DELETE). */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** A value bound to a `$n` placeholder. Values are always sent as parameters, never spliced into SQL text. */
export type QueryParameter = string | number | boolean | null | Date | Uint8Array | readonly QueryParameter[];

/** Something that runs one parametrised statement: the database itself, or an open transaction. */
export interface Queryable {
  /**
   * Runs one statement with `$1`, `$2`, … bound to `params`. Both engines return the same JavaScript types: `int8`
   * and `count(*)` as numbers, `numeric` as strings, `timestamptz` as `Date`, `json`/`jsonb` parsed.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly QueryParameter[]): Promise<QueryResult<T>>;
}

/** An open transaction: statements on it commit together or not at all. */
export interface Transaction extends Queryable {
  /**
   * Runs SQL text holding several statements and no parameters. For migration files from this repository only —
   * anything carrying user input goes through {@link Queryable.query} with parameters.
   */
  runScript(sql: string): Promise<void>;
}

/** Gongzhi's database: parametrised queries, transactions, and which engine it is. */
export interface Database extends Queryable {
  readonly dialect: DatabaseDialect;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws (the error is rethrown).
   * Use only the `tx` handed in inside `work`; the embedded engine has one connection, so a query on the database
   * itself would wait for the transaction to finish.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Closes the connection(s); the embedded engine flushes its files. */
  close(): Promise<void>;
}

/** What went wrong opening or migrating the database; the message is Chinese first, English beside it. */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
