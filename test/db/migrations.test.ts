import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  listAppliedMigrations,
  loadMigrations,
  migrate,
  migrationChecksum,
  type Migration,
} from '../../server/db/migrations';
import { openDatabase } from '../../server/db/open-database';
import { testDialects, useTestDatabases } from '../support/postgres';

const migration = (version: number, name: string, sql: string): Migration => ({
  version,
  name: `${String(version).padStart(3, '0')}-${name}.sql`,
  sql,
  checksum: migrationChecksum(sql),
});

const first = migration(1, 'streets', 'CREATE TABLE streets (id text PRIMARY KEY);');
const second = migration(2, 'lamps', 'CREATE TABLE lamps (id text PRIMARY KEY, street text REFERENCES streets (id));');

describe('migration files', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const withFiles = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-migrations-'));
    dirs.push(dir);
    for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
    return dir;
  };

  test('given the shipped migrations, when loaded, then they are numbered 1, 2, … in order with checksums', () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((item) => item.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(migrations[0]).toMatchObject({
      name: '001-org-directory.sql',
      checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  test.each([
    ['a name without a number', { 'org.sql': 'SELECT 1;' }, 'database.migration-bad-name'],
    ['an upper-case name', { '001-Org.sql': 'SELECT 1;' }, 'database.migration-bad-name'],
    [
      'two files with one version',
      { '001-a.sql': 'SELECT 1;', '001-b.sql': 'SELECT 2;' },
      'database.migration-duplicate-version',
    ],
  ])('given %s, when loaded, then it is refused', (_case, files, code) => {
    expect(() => loadMigrations(withFiles(files))).toThrow(expect.objectContaining({ name: 'DatabaseError', code }));
  });

  test('given CRLF line endings, when checksummed, then the checksum equals that of the LF text', () => {
    expect(migrationChecksum('SELECT 1;\r\nSELECT 2;\r\n')).toBe(migrationChecksum('SELECT 1;\nSELECT 2;\n'));
  });
});

describe.each(testDialects)('migrations on %s', (dialect) => {
  const databases = useTestDatabases(dialect, { migrated: false });

  test('given an empty database, when opened twice, then each shipped migration is applied once and recorded', async () => {
    const options = await databases.emptyDatabaseOptions();
    const shipped = loadMigrations();
    const db = await openDatabase(options);
    const applied = await listAppliedMigrations(db);
    await db.close();

    const reopened = await openDatabase(options);
    try {
      expect(applied.map(({ version, name, checksum }) => ({ version, name, checksum }))).toEqual(
        shipped.map(({ version, name, checksum }) => ({ version, name, checksum })),
      );
      expect(await listAppliedMigrations(reopened)).toEqual(applied);
      expect(await migrate(reopened)).toEqual([]);
      const tables = await reopened.query<{ n: number }>(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'org_units'",
      );
      expect(tables.rows[0]?.n).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  test('given new migrations, when migrated twice, then they apply in order the first time and not again', async () => {
    const db = databases.db();
    expect((await migrate(db, [second, first])).map((item) => item.name)).toEqual([first.name, second.name]);
    expect(await migrate(db, [first, second])).toEqual([]);
    expect((await listAppliedMigrations(db)).map((item) => item.version)).toEqual([1, 2]);
  });

  test('given an applied migration whose file changed, when migrating, then it is refused and nothing newer applies', async () => {
    const db = databases.db();
    await migrate(db, [first]);
    const edited = { ...first, sql: `${first.sql}\nALTER TABLE streets ADD COLUMN name text;` };
    edited.checksum = migrationChecksum(edited.sql);

    await expect(migrate(db, [edited, second])).rejects.toMatchObject({
      name: 'DatabaseError',
      code: 'database.migration-changed',
      message: expect.stringContaining(first.name),
    });
    expect((await listAppliedMigrations(db)).map((item) => item.version)).toEqual([1]);
    const lamps = await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'lamps'");
    expect(lamps.rowCount).toBe(0);
  });

  test('given a database migrated by a newer version, when migrating with fewer files, then it is refused', async () => {
    const db = databases.db();
    await migrate(db, [first, second]);
    await expect(migrate(db, [first])).rejects.toMatchObject({ code: 'database.migration-unknown' });
  });

  test('given a migration that fails halfway, when migrating, then none of its statements remain and it is not recorded', async () => {
    const db = databases.db();
    const broken = migration(2, 'broken', 'CREATE TABLE halfway (id int);\nCREATE TABLE streets (id int);');
    await expect(migrate(db, [first, broken])).rejects.toMatchObject({
      code: 'database.migration-failed',
      message: expect.stringContaining('002-broken.sql'),
    });
    expect((await listAppliedMigrations(db)).map((item) => item.version)).toEqual([1]);
    expect((await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'halfway'")).rowCount).toBe(0);
  });

  test('given four runners at once, when all migrate, then each migration is applied exactly once', async () => {
    const db = databases.db();
    const runs = await Promise.all([1, 2, 3, 4].map(() => migrate(db, [first, second])));
    expect(
      runs
        .flat()
        .map((item) => item.version)
        .sort(),
    ).toEqual([1, 2]);
    expect((await listAppliedMigrations(db)).map((item) => item.version)).toEqual([1, 2]);
  });

  test('given tasks in case_tasks, when migration 006 runs, then they are work items of kind task with a derived SLA state and case_tasks is gone', async () => {
    const db = databases.db();
    const shipped = loadMigrations();
    await migrate(
      db,
      shipped.filter((item) => item.version < 6),
    );
    await db.query(
      `INSERT INTO cases (case_id, template_key, template_version, template_name_zh, template_name_en, org_unit, status,
                          started_at, started_by, revision, updated_at)
       VALUES ('case-1', 'resident-complaint', 1, '居民投诉', 'Resident complaint', 'jian/jizhou', 'running',
               '2026-03-02T09:00:00+08:00', 'staff', 3, '2026-03-02T09:03:00+08:00')`,
    );
    await db.query(
      `INSERT INTO case_timeline (case_id, seq, at, type, actor, task_id, entry, prev_hash, hash)
       VALUES ('case-1', 1, '2026-03-02T09:00:00+08:00', 'task.opened', 'system', 'a.1', '{}', $1, $1)`,
      ['0'.repeat(64)],
    );
    const tasks: [string, string | null, boolean, string, string | null][] = [
      ['a.1', null, false, 'open', null],
      ['b.1', '2026-03-03T09:00:00+08:00', false, 'open', null],
      ['c.1', '2026-03-02T10:00:00+08:00', true, 'open', null],
      ['d.1', '2026-03-03T09:00:00+08:00', false, 'completed', 'resolved'],
    ];
    for (const [id, deadline, overdue, status, outcome] of tasks) {
      await db.query(
        `INSERT INTO case_tasks (case_id, task_id, node_id, title_zh, title_en, assignee_role, assignee_unit, opened_at,
                                 deadline, overdue, status, closed_at, closed_by, outcome)
         VALUES ('case-1', $1, 'n', '标题', 'Title', 'property-manager', 'jian/jizhou', '2026-03-02T09:01:00+08:00',
                 $2, $3, $4, $5, $6, $7)`,
        [
          id,
          deadline,
          overdue,
          status,
          status === 'open' ? null : '2026-03-02T09:02:00+08:00',
          outcome && 'pm',
          outcome,
        ],
      );
    }

    expect((await migrate(db, shipped)).map((item) => item.version)).toEqual(
      shipped.filter((item) => item.version >= 6).map((item) => item.version),
    );

    const { rows } = await db.query(
      `SELECT item_id, kind, sla_state, stage, status, closed_by, outcome, payload FROM case_work_items ORDER BY item_id`,
    );
    expect(rows).toEqual([
      {
        item_id: 'a.1',
        kind: 'task',
        sla_state: 'none',
        stage: 'open',
        status: 'open',
        closed_by: null,
        outcome: null,
        payload: {},
      },
      {
        item_id: 'b.1',
        kind: 'task',
        sla_state: 'running',
        stage: 'open',
        status: 'open',
        closed_by: null,
        outcome: null,
        payload: {},
      },
      {
        item_id: 'c.1',
        kind: 'task',
        sla_state: 'breached',
        stage: 'open',
        status: 'open',
        closed_by: null,
        outcome: null,
        payload: {},
      },
      {
        item_id: 'd.1',
        kind: 'task',
        sla_state: 'running',
        stage: 'completed',
        status: 'completed',
        closed_by: 'pm',
        outcome: 'resolved',
        payload: {},
      },
    ]);
    const gone = await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'case_tasks'");
    expect(gone.rowCount).toBe(0);
    expect((await db.query('SELECT open_incidents FROM cases')).rows).toEqual([{ open_incidents: 0 }]);
    expect((await db.query('SELECT work_item_id FROM case_timeline')).rows).toEqual([{ work_item_id: 'a.1' }]);
  });
});
