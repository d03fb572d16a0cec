import { shanghaiMidnight } from '../../definitions/time';
import type { Queryable } from '../db/database';
import type { OfficeScore, OfficeScoresQuery, OfficeScoresResponse, RulingTime } from '../http/routes/kpi-schemas';
import { rateOf } from './three-rates';

/**
 * 双考核, the summoning office's side (issue 11 §3, DOMAIN §4): per street office whose whistles lie under a unit, over
 * a period, from the recorded whistle facts (`whistle_closures`, `whistle_rulings`, projected from the hash-chained
 * timeline). A whistle belongs to the period in which it ended (closed or withdrawn) — by then every objection on it
 * was ruled and every department left on it had reported back, so its figures are final; a ruling belongs to the
 * period in which the office recorded it. Only events recorded before the period's end count, so recomputing a past
 * month gives the same figures.
 */

export const officeScoreDefinitions: OfficeScoresResponse['definitions'] = {
  withoutUpheldObjection:
    '无异议成立率 = 期内结束（核验结束或撤哨）的吹哨中没有部门异议成立的数 ÷ 期内结束的吹哨数 / share without an upheld objection = whistles that ended in the period (closed or withdrawn) on which no department’s objection was upheld ÷ whistles that ended in the period',
  objectionRuling:
    '异议裁定用时中位数 = 期内作出的异议裁定，自部门提出异议至街道裁定（自然时间）的中位数 / median time to rule on objections = over the objection rulings recorded in the period, the median of the natural time from the department’s objection to the office’s ruling',
  extensionRuling:
    '延期审批用时中位数 = 期内作出的延期审批，自部门申请至街道审批（自然时间）的中位数 / median time to rule on extensions = over the extension rulings recorded in the period, the median of the natural time from the department’s request to the office’s ruling',
  closedWithinDeadline:
    '按时结哨率 = 期内核验结束且在反馈时限内的吹哨数 ÷ 期内核验结束的吹哨数；反馈时限取结哨时仍在哨上各部门最后一次反馈时适用的时限（含批准的延期）中最晚者，撤哨不计 / share closed within the report-back deadline = whistles the office closed in the period at or before their report-back deadline ÷ whistles it closed in the period; a whistle’s deadline is the latest report-back deadline in force (approved extensions included) at the last report-back of the departments left on it; withdrawn whistles are not counted',
};

interface ClosureRow {
  street: string;
  whistles: number;
  clean: number;
  closed: number;
  within: number;
}
interface RulingRow {
  street: string;
  kind: 'objection' | 'extension';
  rulings: number;
  granted: number;
  median_seconds: number | null;
}

/** The period's instants: from 00:00 of `from` to 00:00 after `to`, Asia/Shanghai. */
function periodOf(query: OfficeScoresQuery): [Date, Date] {
  return [new Date(shanghaiMidnight(query.from)), new Date(shanghaiMidnight(query.to) + 86_400_000)];
}

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

function rulingTime(row: RulingRow | undefined): RulingTime {
  if (!row || row.median_seconds === null) return { rulings: 0, granted: 0, medianMinutes: null, medianHours: null };
  const seconds = Number(row.median_seconds);
  return {
    rulings: row.rulings,
    granted: row.granted,
    medianMinutes: twoDecimals(seconds / 60),
    medianHours: twoDecimals(seconds / 3600),
  };
}

export async function officeScores(db: Queryable, query: OfficeScoresQuery): Promise<OfficeScoresResponse> {
  const [start, end] = periodOf(query);
  const within = `(street = $3 OR left(street, length($3) + 1) = $3 || '/')`;
  const closures = await db.query<ClosureRow>(
    `SELECT street, count(*)::int AS whistles, count(*) FILTER (WHERE upheld_objections = 0)::int AS clean,
            count(*) FILTER (WHERE within_deadline IS NOT NULL)::int AS closed,
            count(*) FILTER (WHERE within_deadline)::int AS within
     FROM whistle_closures
     WHERE ended_at >= $1 AND ended_at < $2 AND ${within}
     GROUP BY street`,
    [start, end, query.unit],
  );
  const rulings = await db.query<RulingRow>(
    `SELECT street, kind, count(*)::int AS rulings, count(*) FILTER (WHERE granted)::int AS granted,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ruled_at - requested_at))::float8
              AS median_seconds
     FROM whistle_rulings
     WHERE ruled_at >= $1 AND ruled_at < $2 AND ${within}
     GROUP BY street, kind`,
    [start, end, query.unit],
  );
  const streets = new Set([...closures.rows.map((row) => row.street), ...rulings.rows.map((row) => row.street)]);
  const offices: OfficeScore[] = [...streets].sort().map((street) => {
    const closure = closures.rows.find((row) => row.street === street);
    const counts = {
      whistles: closure?.whistles ?? 0,
      withoutUpheldObjection: closure?.clean ?? 0,
      closed: closure?.closed ?? 0,
      closedWithinDeadline: closure?.within ?? 0,
    };
    const ruling = (kind: RulingRow['kind']) =>
      rulingTime(rulings.rows.find((row) => row.street === street && row.kind === kind));
    return {
      street,
      counts,
      rates: {
        withoutUpheldObjection: rateOf(counts.withoutUpheldObjection, counts.whistles),
        closedWithinDeadline: rateOf(counts.closedWithinDeadline, counts.closed),
      },
      rulingTimes: { objection: ruling('objection'), extension: ruling('extension') },
    };
  });
  return { unit: query.unit, from: query.from, to: query.to, definitions: officeScoreDefinitions, offices };
}
