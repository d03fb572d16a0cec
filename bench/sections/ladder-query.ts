import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open-database';
import { ladderMeasures } from '../../server/read-model/ladder-measures';
import { percentile, round, type SectionReport } from '../report';

/**
 * Issue 13 §4's scale: one year of a large city's ladder — `events` ladder_events rows (1,000,000 by default), four
 * per case (entered, an escalation by one of the four causes, a rung deadline passing, settled on one of four rungs)
 * over 10 districts × 5 streets × 4 communities × 5 compounds, and a meeting session with three parties for every
 * second case — then the monthly `GET /api/kpis/ladder` query for a district on PGlite (p50 / p99).
 */
const yearStart = Date.parse('2025-01-01T00:00:00+08:00');

async function seed(db: Database, events: number): Promise<void> {
  const caseOf = '(i / 4)';
  const unit = (c: string) =>
    `'city/d' || (${c} % 10) || '/s' || (${c} % 50) || '/c' || (${c} % 200) || '/x' || (${c} % 1000)`;
  await db.query(
    `INSERT INTO ladder_events (case_id, seq, kind, from_rung, from_index, rung, rung_index, cause, actor, reason, at,
                                org_unit, case_started_at)
     SELECT 'case-' || ${caseOf}, 1 + i % 4,
            (ARRAY['entered', 'escalated', 'overdue', 'settled'])[1 + i % 4],
            CASE WHEN i % 4 = 1 THEN 'compound' END, CASE WHEN i % 4 = 1 THEN 0 END,
            CASE WHEN i % 4 = 0 THEN 'compound' WHEN i % 4 = 3 THEN (ARRAY['compound', 'community', 'street', 'district'])[1 + (${caseOf} % 4)] ELSE 'community' END,
            CASE WHEN i % 4 = 0 THEN 0 WHEN i % 4 = 3 THEN ${caseOf} % 4 ELSE 1 END,
            CASE WHEN i % 4 = 1 THEN (ARRAY['decision', 'breach', 'action-item', 'other'])[1 + (${caseOf} % 4)] END,
            'system', CASE WHEN i % 4 = 1 THEN '上报理由' END,
            s.at + make_interval(hours => (i % 4) * 20), ${unit(caseOf)}, s.at
     FROM generate_series(0, $1::int - 1) AS i,
          LATERAL (SELECT $2::timestamptz + make_interval(secs => (${caseOf}::bigint * 31536000 * 4 / $1::int)) AS at) AS s`,
    [events, new Date(yearStart)],
  );
  await db.query(
    `INSERT INTO meeting_attendance (case_id, instance_id, session, party_role, org_unit, called_at, signed_in_at,
                                     held_at)
     SELECT case_id, 'compound-meeting.1', 1, role, org_unit, case_started_at + interval '1 hour',
            CASE WHEN abs(hashtext(case_id || role)) % 5 <> 0 THEN case_started_at + interval '25 hours' END,
            case_started_at + interval '26 hours'
     FROM ladder_events, unnest(ARRAY['party-branch', 'owners-committee', 'property-firm']) AS role
     WHERE kind = 'entered' AND (substring(case_id from 6)::int % 2) = 0`,
  );
  for (const table of ['ladder_events', 'meeting_attendance']) await db.query(`ANALYZE ${table}`);
}

export interface LadderQueryFigures {
  events: number;
  attendance: number;
  seedSeconds: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Cases settled in the last answer (a sanity check that the query found the month's figures). */
  settled: number;
}

export async function benchLadder(
  db: Database,
  options: { events?: number; queries?: number } = {},
): Promise<LadderQueryFigures> {
  const events = options.events ?? 1_000_000;
  const queries = options.queries ?? 120;
  const seeding = performance.now();
  await seed(db, events);
  const seedSeconds = round((performance.now() - seeding) / 1000);
  const monthly = (index: number) => {
    const month = (index % 12) + 1;
    const last = new Date(Date.UTC(2025, month, 0)).getUTCDate();
    const mm = String(month).padStart(2, '0');
    return { unit: `city/d${index % 10}`, from: `2025-${mm}-01`, to: `2025-${mm}-${last}` };
  };
  for (let warm = 0; warm < 6; warm += 1) await ladderMeasures(db, monthly(warm));
  const timings: number[] = [];
  let settled = 0;
  for (let index = 0; index < queries; index += 1) {
    const started = performance.now();
    settled = (await ladderMeasures(db, monthly(index))).settled.total;
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const attendance = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM meeting_attendance')).rows[0]!.n;
  return {
    events,
    attendance,
    seedSeconds,
    queries,
    p50Ms: round(percentile(timings, 50)),
    p99Ms: round(percentile(timings, 99)),
    maxMs: round(timings.at(-1) ?? Number.NaN),
    settled,
  };
}

/** The section: the monthly ladder measures over a year of ladder events on PGlite. */
export async function ladderQuery(log: (line: string) => void, events = 1_000_000): Promise<SectionReport> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-bench-ladder-'));
  try {
    log(`ladder: PGlite, seeding ${events} ladder events…`);
    const db = await openDatabase({ dataDir });
    const figures = await benchLadder(db, { events }).finally(() => db.close());
    return {
      key: 'ladder-query',
      title: 'Monthly ladder measures over one year of ladder events (GET /api/kpis/ladder SQL, PGlite)',
      columns: ['ladder events', 'attendance rows', 'queries', 'p50 ms', 'p99 ms', 'max ms'],
      rows: [
        {
          label: 'ladder measures, PGlite (embedded)',
          values: [figures.events, figures.attendance, figures.queries, figures.p50Ms, figures.p99Ms, figures.maxMs],
        },
      ],
      notes: [`seeded in ${figures.seedSeconds} s; the last month's answer counted ${figures.settled} settled cases`],
      figures: { pglite: figures },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `npx tsx bench/sections/ladder-query.ts [events]`: the section alone. */
if (require.main === module) {
  const events = Number(process.argv[2] ?? 1_000_000);
  ladderQuery((line) => process.stderr.write(`[bench] ${line}\n`), events)
    .then((report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
