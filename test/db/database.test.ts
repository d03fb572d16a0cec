import { testDialects, useTestDatabases } from '../support/postgres';

/** The Database interface behaves the same on PGlite and on a PostgreSQL server. */
describe.each(testDialects)('database on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeEach(async () => {
    await databases.db().query('CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL, meta jsonb)');
  });

  test('given the database, when asked its dialect, then it names the engine it runs on', () => {
    expect(databases.db().dialect).toBe(dialect);
  });

  test('given parameters that look like SQL, when inserted and read back, then they are data, not SQL', async () => {
    const db = databases.db();
    const hostile = "x'); DROP TABLE notes; --";
    await db.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [1, hostile]);
    const result = await db.query<{ body: string }>('SELECT body FROM notes WHERE id = $1', [1]);
    expect(result.rows).toEqual([{ body: hostile }]);
  });

  test('given both engines, when counting, reading times and JSON, then they return the same JavaScript types', async () => {
    const db = databases.db();
    await db.query('INSERT INTO notes (id, body, meta) VALUES ($1, $2, $3)', [1, '电梯', JSON.stringify({ floor: 3 })]);
    const result = await db.query<{ n: unknown; at: unknown; meta: unknown; big: unknown; amount: unknown }>(
      'SELECT count(*) AS n, now() AS at, meta, 9007199254740991::int8 AS big, 1.50::numeric AS amount FROM notes GROUP BY meta',
    );
    expect(result.rows[0]).toEqual({
      n: 1,
      at: expect.any(Date),
      meta: { floor: 3 },
      big: 9007199254740991,
      amount: '1.50',
    });
  });

  test.each([
    ['INSERT', 'INSERT INTO notes (id, body) VALUES (1, $1), (2, $1)', 2],
    ['UPDATE', "UPDATE notes SET body = $1 WHERE body = 'seed'", 1],
    ['SELECT', 'SELECT * FROM notes WHERE body <> $1', 1],
  ])('given a %s, when it runs, then rowCount counts its rows', async (_kind, sql, expected) => {
    const db = databases.db();
    await db.query("INSERT INTO notes (id, body) VALUES (10, 'seed')");
    expect((await db.query(sql, ['new'])).rowCount).toBe(expected);
  });

  test('given a transaction whose work throws, when it ends, then nothing it wrote remains and the error is rethrown', async () => {
    const db = databases.db();
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [1, 'written']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query('SELECT * FROM notes')).rows).toEqual([]);
  });

  test('given a transaction whose work resolves, when it ends, then its writes are committed and its value returned', async () => {
    const db = databases.db();
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [1, 'kept']);
      return 'done';
    });
    expect(value).toBe('done');
    expect((await db.query('SELECT body FROM notes')).rows).toEqual([{ body: 'kept' }]);
  });
});
