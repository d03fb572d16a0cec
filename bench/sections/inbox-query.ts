import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TaskRole } from '../../server/access/policy';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open-database';
import { listInbox } from '../../server/read-model';
import { percentile, round } from '../report';

/** Shape of the seeded org tree: 10 districts, 50 streets, 200 communities, 2,000 compounds. */
const compounds = 2000;
const casesSeeded = 25_000;

/** The unit of compound `k` at each level (a street `k % 50` lies in district `k % 10`, and so on). */
const unitOf = {
  district: (k: number) => `bench/d${k % 10}`,
  street: (k: number) => `bench/d${k % 10}/s${k % 50}`,
  community: (k: number) => `bench/d${k % 10}/s${k % 50}/c${k % 200}`,
  compound: (k: number) => `bench/d${k % 10}/s${k % 50}/c${k % 200}/k${k}`,
};

/** The eight task roles, each addressed at one level (the SQL below computes the same units). */
const roles = [
  ['property-manager', 'compound'],
  ['branch-secretary', 'compound'],
  ['owners-committee', 'compound'],
  ['community-secretary', 'community'],
  ['community-staff', 'community'],
  ['street-housing', 'street'],
  ['dept-chengguan', 'district'],
  ['dept-zhujian', 'district'],
] as const;

/** SQL for the unit of compound expression `k` at a level, mirroring {@link unitOf}. */
const unitSql = {
  district: (k: string) => `'bench/d' || (${k} % 10)`,
  street: (k: string) => `'bench/d' || (${k} % 10) || '/s' || (${k} % 50)`,
  community: (k: string) => `'bench/d' || (${k} % 10) || '/s' || (${k} % 50) || '/c' || (${k} % 200)`,
  compound: (k: string) => `'bench/d' || (${k} % 10) || '/s' || (${k} % 50) || '/c' || (${k} % 200) || '/k' || ${k}`,
};

/**
 * Fills the read model with `tasks` open work items over 25,000 cases; about a seventh have no deadline, a fifth are
 * overdue, and one in nine is a whistle's department summons (kind `whistle`, with a payload) instead of a task.
 */
async function seed(db: Database, tasks: number, now: Date): Promise<void> {
  const compoundOfCase = '(i % ' + compounds + ')';
  await db.query(
    `INSERT INTO cases (case_id, template_key, template_version, template_name_zh, template_name_en, org_unit, status,
                        overdue, started_at, started_by, revision, updated_at)
     SELECT 'bench-' || i, CASE WHEN i % 3 = 0 THEN 'maintenance-fund-repair' ELSE 'resident-complaint' END, 1,
            '居民投诉', 'Resident complaint', ${unitSql.compound(compoundOfCase)}, 'running', false,
            $1::timestamptz - make_interval(mins => i), 'bench', 1, $1::timestamptz
     FROM generate_series(0, $2::int - 1) AS i`,
    [now, casesSeeded],
  );
  const roleCase = roles.map(([role], index) => `WHEN ${index} THEN '${role}'`).join(' ');
  const unitCase = roles
    .map(([, level], index) => `WHEN ${index} THEN ${unitSql[level](`((j % ${casesSeeded}) % ${compounds})`)}`)
    .join(' ');
  await db.query(
    `INSERT INTO case_work_items (case_id, item_id, kind, node_id, title_zh, title_en, assignee_role, assignee_unit,
                                  opened_at, deadline, deadline_provisional, sla_state, overdue, stage, status, payload)
     SELECT 'bench-' || (j % ${casesSeeded}), 'task-' || j || '.1', CASE WHEN j % 9 = 0 THEN 'whistle' ELSE 'task' END,
            'task-' || (j % 8), '处理', 'Handle', CASE j % 8 ${roleCase} END, CASE j % 8 ${unitCase} END,
            $1::timestamptz - make_interval(hours => j % 500),
            CASE WHEN j % 7 = 0 THEN NULL ELSE $1::timestamptz + make_interval(hours => (j % 1000) - 200) END,
            CASE WHEN j % 7 = 0 THEN NULL ELSE false END,
            CASE WHEN j % 7 = 0 THEN 'none' WHEN j % 50 = 0 THEN 'breached' ELSE 'running' END, j % 50 = 0,
            CASE WHEN j % 9 = 0 THEN 'summoned' ELSE 'open' END, 'open',
            CASE WHEN j % 9 = 0 THEN jsonb_build_object('department', 'chengguan', 'round', j % 3) ELSE '{}'::jsonb END
     FROM generate_series(0, $2::int - 1) AS j`,
    [now, tasks],
  );
  await db.query('ANALYZE cases');
  await db.query('ANALYZE case_work_items');
}

/** A small deterministic generator, so every run asks the same questions. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state;
  };
}

/** A caller as the inbox route sees one: a property manager, a community secretary, a department, or a mix. */
function callerRoles(next: () => number): TaskRole[] {
  const k = next() % compounds;
  switch (next() % 4) {
    case 0:
      return [{ role: 'property-manager', unit: unitOf.compound(k) }];
    case 1:
      return [{ role: 'community-secretary', unit: unitOf.community(k) }];
    case 2:
      return [{ role: 'dept-chengguan', unit: unitOf.district(k) }];
    default:
      return [
        { role: 'branch-secretary', unit: unitOf.compound(k) },
        { role: 'community-staff', unit: unitOf.community(k) },
        { role: 'street-housing', unit: unitOf.street(k) },
      ];
  }
}

/** Figures of the inbox query benchmark. */
export interface InboxQueryFigures {
  tasks: number;
  queries: number;
  seedSeconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Mean tasks a page returned (limit 50), to show the queries found work. */
  meanRows: number;
  /** Share of queries that were second pages (through the cursor). */
  secondPages: number;
}

/**
 * Bulk-inserts `tasks` open tasks (100,000 by default) over 25,000 cases and many roles and units, then runs
 * `queries` inbox queries (500) for realistic callers — one role at a compound, community or district, or three roles
 * at once; every fifth query fetches the second page through the cursor — and reports latency percentiles.
 * `db` must be migrated and hold no `bench-` cases.
 */
export async function benchInboxQuery(
  db: Database,
  options: { tasks?: number; queries?: number } = {},
): Promise<InboxQueryFigures> {
  const tasks = options.tasks ?? 100_000;
  const queries = options.queries ?? 500;
  const now = new Date();
  const seeding = performance.now();
  await seed(db, tasks, now);
  const seedSeconds = round((performance.now() - seeding) / 1000);

  const next = sequence(42);
  for (let warm = 0; warm < 20; warm += 1) await listInbox(db, { roles: callerRoles(next), now, limit: 50 });
  const timings: number[] = [];
  let rows = 0;
  let secondPages = 0;
  for (let query = 0; query < queries; query += 1) {
    const roles = callerRoles(next);
    let cursor: string | undefined;
    if (query % 5 === 4) {
      cursor = (await listInbox(db, { roles, now, limit: 50 })).nextCursor;
      if (cursor) secondPages += 1;
    }
    const started = performance.now();
    const page = await listInbox(db, { roles, now, limit: 50, ...(cursor && { cursor }) });
    timings.push(performance.now() - started);
    rows += page.items.length;
  }
  timings.sort((a, b) => a - b);
  return {
    tasks,
    queries,
    seedSeconds,
    p50Ms: round(percentile(timings, 50)),
    p99Ms: round(percentile(timings, 99)),
    maxMs: round(timings[timings.length - 1] ?? Number.NaN),
    meanMs: round(timings.reduce((sum, value) => sum + value, 0) / Math.max(1, timings.length)),
    meanRows: round(rows / Math.max(1, queries)),
    secondPages: round(secondPages / Math.max(1, queries)),
  };
}

/** `npx tsx bench/sections/inbox-query.ts`: the benchmark alone, on a temporary embedded PGlite database. */
async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-bench-inbox-'));
  const db = await openDatabase({ dataDir });
  try {
    process.stdout.write(`${JSON.stringify(await benchInboxQuery(db), null, 2)}\n`);
  } finally {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
