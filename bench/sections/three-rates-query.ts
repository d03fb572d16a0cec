import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DepartmentKind } from '../../definitions/departments';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open-database';
import { officeScores } from '../../server/read-model/office-scores';
import { threeRates } from '../../server/read-model/three-rates';
import { startThrowawayPostgres } from '../../test/support/postgres-server';
import { percentile, round, type SectionReport } from '../report';

/**
 * Issue 11 §3's scale: one year of a large city's whistles — `assignments` department summonses (1,000,000 by default)
 * over 10 districts × 5 streets × 9 department kinds, about a third of whistles with a callback — then the monthly
 * three-rates query for a district, grouped by department and by street, as the dashboard asks it; and the monthly
 * office-scores query (双考核, the summoning office's side) over the same year's objection and extension rulings and
 * whistle ends.
 */

const departmentKinds = DepartmentKind.options;
const yearStart = Date.parse('2025-01-01T00:00:00+08:00');

/** Three summonses per whistle; whistle `w` belongs to street `w % 50` of district `(w % 50) % 10`. */
async function seed(db: Database, assignments: number): Promise<void> {
  const kinds = `(ARRAY[${departmentKinds.map((kind) => `'dept-${kind}'`).join(', ')}])`;
  const street = (w: string) => `'city/d' || ((${w} % 50) % 10) || '/s' || (${w} % 50)`;
  const district = (w: string) => `'city/d' || ((${w} % 50) % 10)`;
  const whistleOf = '(i / 3)';
  // Summoned over the year; report-in two hours later; four in five on time, one in twenty upheld objections.
  await db.query(
    `INSERT INTO whistle_assignments (case_id, item_id, whistle_id, department_role, department_unit, street,
                                      summoned_at, report_in_deadline, reported_in_at, reported_in_on_time,
                                      objection_upheld_at, reported_back_at)
     SELECT 'case-' || ${whistleOf}, 'whistle.1~' || ${kinds}[1 + ((i + ${whistleOf}) % 9)], 'whistle.1',
            ${kinds}[1 + ((i + ${whistleOf}) % 9)], ${district(whistleOf)}, ${street(whistleOf)},
            s.at, s.at + interval '2 hours',
            CASE WHEN i % 10 = 9 THEN NULL ELSE s.at + make_interval(mins => CASE WHEN i % 5 = 0 THEN 150 ELSE 40 END) END,
            CASE WHEN i % 10 = 9 THEN NULL ELSE i % 5 <> 0 END,
            CASE WHEN i % 20 = 7 THEN s.at + interval '3 hours' END,
            CASE WHEN i % 10 < 8 THEN s.at + interval '3 days' END
     FROM generate_series(0, $1::int - 1) AS i,
          LATERAL (SELECT $2::timestamptz + make_interval(secs => (${whistleOf}::bigint * 31536000 * 3 / $1::int)) AS at) AS s`,
    [assignments, new Date(yearStart)],
  );
  await db.query(
    `INSERT INTO whistle_callbacks (case_id, whistle_id, street, recorded_at, contacted_in_time, resolved, satisfaction)
     SELECT DISTINCT ON (case_id) case_id, whistle_id, street, summoned_at + interval '5 days', true,
            (hashtext(case_id) % 4) <> 0,
            (ARRAY['satisfied', 'basically-satisfied', 'dissatisfied'])[1 + abs(hashtext(case_id)) % 3]
     FROM whistle_assignments WHERE (substring(case_id from 6)::int % 3) = 0
     ORDER BY case_id`,
  );
  await seedOfficeFacts(db, kinds);
  for (const table of ['whistle_assignments', 'whistle_callbacks', 'whistle_rulings', 'whistle_closures']) {
    await db.query(`ANALYZE ${table}`);
  }
}

/**
 * The office's side of the same year: every upheld objection and as many overruled ones (requested an hour after the
 * summons, ruled 10–250 minutes later), an extension request on one assignment in ten (a day after the summons, ruled
 * within ten hours, two in three approved), and every whistle's end four days after its first summons (one in
 * twenty-five withdrawn, one in seven of the closed ones late).
 */
async function seedOfficeFacts(db: Database, kinds: string): Promise<void> {
  const seq = (offset: number) => `array_position(${kinds}, department_role) * 2 + ${offset}`;
  await db.query(
    `INSERT INTO whistle_rulings (case_id, request_seq, item_id, whistle_id, street, kind, requested_at, ruled_at,
                                  granted)
     SELECT case_id, ${seq(0)}, item_id, whistle_id, street, 'objection', summoned_at + interval '1 hour',
            summoned_at + interval '1 hour' + make_interval(mins => 10 + abs(hashtext(item_id || case_id)) % 240),
            objection_upheld_at IS NOT NULL
     FROM whistle_assignments
     WHERE objection_upheld_at IS NOT NULL OR abs(hashtext(case_id || item_id)) % 20 = 3`,
  );
  await db.query(
    `INSERT INTO whistle_rulings (case_id, request_seq, item_id, whistle_id, street, kind, requested_at, ruled_at,
                                  granted)
     SELECT case_id, ${seq(1)}, item_id, whistle_id, street, 'extension', summoned_at + interval '1 day',
            summoned_at + interval '1 day' + make_interval(mins => abs(hashtext(item_id || case_id)) % 600),
            abs(hashtext(case_id)) % 3 <> 0
     FROM whistle_assignments WHERE abs(hashtext(item_id || '/' || case_id)) % 10 = 0`,
  );
  await db.query(
    `INSERT INTO whistle_closures (case_id, whistle_id, street, ended_at, result, departments, upheld_objections,
                                   report_back_deadline, within_deadline)
     SELECT case_id, whistle_id, street, min(summoned_at) + interval '4 days',
            CASE WHEN abs(hashtext(case_id)) % 25 = 0 THEN 'withdrawn' ELSE 'settled' END, count(*)::int,
            count(*) FILTER (WHERE objection_upheld_at IS NOT NULL)::int, min(summoned_at) + interval '4 days',
            CASE WHEN abs(hashtext(case_id)) % 25 = 0 THEN NULL ELSE abs(hashtext(case_id)) % 7 <> 0 END
     FROM whistle_assignments GROUP BY case_id, whistle_id, street`,
  );
}

export interface ThreeRatesFigures {
  assignments: number;
  callbacks: number;
  seedSeconds: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Groups in the last answer (a sanity check that the query found the month's figures). */
  groups: number;
  /** The monthly office-scores query over the same year. */
  offices: OfficeScoresFigures;
}

export interface OfficeScoresFigures {
  rulings: number;
  closures: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Offices in the last answer. */
  offices: number;
}

/** Sorted timings of `queries` runs of `run(index)` after six warm-up runs, and the last answer. */
async function timed<T>(queries: number, run: (index: number) => Promise<T>): Promise<{ timings: number[]; last?: T }> {
  for (let warm = 0; warm < 6; warm += 1) await run(warm);
  const timings: number[] = [];
  let last: T | undefined;
  for (let index = 0; index < queries; index += 1) {
    const started = performance.now();
    last = await run(index);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return { timings, last };
}

/** Seeds `assignments` and runs `queries` monthly queries (districts and months in turn, both groupings). */
export async function benchThreeRates(
  db: Database,
  options: { assignments?: number; queries?: number } = {},
): Promise<ThreeRatesFigures> {
  const assignments = options.assignments ?? 1_000_000;
  const queries = options.queries ?? 120;
  const seeding = performance.now();
  await seed(db, assignments);
  const seedSeconds = round((performance.now() - seeding) / 1000);
  const callbacks = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM whistle_callbacks')).rows[0]!.n;
  const monthly = (index: number) => {
    const month = (index % 12) + 1;
    const last = new Date(Date.UTC(2025, month, 0)).getUTCDate();
    const mm = String(month).padStart(2, '0');
    return {
      unit: `city/d${index % 10}`,
      from: `2025-${mm}-01`,
      to: `2025-${mm}-${last}`,
      groupBy: index % 2 === 0 ? ('department' as const) : ('street' as const),
    };
  };
  const threeRatesRuns = await timed(queries, (index) => threeRates(db, monthly(index)));
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const officeRuns = await timed(queries, (index) => officeScores(db, monthly(index)));
  const stats = (timings: number[]) => ({
    p50Ms: round(percentile(timings, 50)),
    p99Ms: round(percentile(timings, 99)),
    maxMs: round(timings.at(-1) ?? Number.NaN),
  });
  return {
    assignments,
    callbacks,
    seedSeconds,
    queries,
    ...stats(threeRatesRuns.timings),
    groups: threeRatesRuns.last?.groups.length ?? 0,
    offices: {
      rulings: await count('whistle_rulings'),
      closures: await count('whistle_closures'),
      queries,
      ...stats(officeRuns.timings),
      offices: officeRuns.last?.offices.length ?? 0,
    },
  };
}

/** The section: the PostgreSQL server figure (the issue's target: p99 < 300 ms), then PGlite's. */
export async function threeRatesQuery(log: (line: string) => void, assignments = 1_000_000): Promise<SectionReport> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-bench-kpi-'));
  try {
    log(`three rates: PostgreSQL, seeding ${assignments} assignments…`);
    const server = await startThrowawayPostgres();
    let postgres: ThreeRatesFigures;
    try {
      const db = await openDatabase({ dataDir, databaseUrl: server.url });
      postgres = await benchThreeRates(db, { assignments }).finally(() => db.close());
    } finally {
      await server.stop();
    }
    log(`three rates: PGlite, seeding ${assignments} assignments…`);
    const pglite = await openDatabase({ dataDir });
    const embedded = await benchThreeRates(pglite, { assignments }).finally(() => pglite.close());
    const row = (label: string, figures: ThreeRatesFigures) => ({
      label: `three rates, ${label}`,
      values: [figures.assignments, figures.callbacks, figures.queries, figures.p50Ms, figures.p99Ms, figures.maxMs],
    });
    const officeRow = (label: string, { offices }: ThreeRatesFigures) => ({
      label: `office scores, ${label}`,
      values: [offices.closures, offices.rulings, offices.queries, offices.p50Ms, offices.p99Ms, offices.maxMs],
    });
    return {
      key: 'three-rates-query',
      title:
        'Monthly KPI queries over one year of whistles (GET /api/kpis/three-rates and /api/kpis/office-scores SQL)',
      columns: ['assignments | whistles ended', 'callbacks | rulings', 'queries', 'p50 ms', 'p99 ms', 'max ms'],
      rows: [
        row('PostgreSQL server', postgres),
        row('PGlite (embedded)', embedded),
        officeRow('PostgreSQL server', postgres),
        officeRow('PGlite (embedded)', embedded),
      ],
      notes: [
        `aim: three-rates p99 < 300 ms on the PostgreSQL server (${postgres.p99Ms <= 300 ? 'met' : 'MISSED'})`,
        `office scores, same aim: ${postgres.offices.p99Ms <= 300 ? 'met' : 'MISSED'}`,
      ],
      figures: { postgres, pglite: embedded },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `npx tsx bench/sections/three-rates-query.ts [assignments]`: the section alone. */
if (require.main === module) {
  const assignments = Number(process.argv[2] ?? 1_000_000);
  threeRatesQuery((line) => process.stderr.write(`[bench] ${line}\n`), assignments)
    .then((report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
