import { shanghaiMidnight } from '../../definitions/time';
import type { Queryable } from '../db/database';
import type {
  Rate,
  ThreeRatesGroup,
  ThreeRatesQuery,
  ThreeRatesResponse,
  ThreeRatesSettings,
} from '../http/routes/kpi-schemas';

/**
 * 三率 (issue 11 §3, DOMAIN §4) from the recorded whistle facts (`whistle_assignments`, `whistle_callbacks`, projected
 * from the hash-chained timeline) of the whistles blown under a unit (the summoning street lies in it), grouped by
 * summoned department or by street. Only events recorded before the period's end count, so recomputing a past month
 * gives the same figures:
 * - 响应率 = assignments reported in on time ÷ assignments whose report-in deadline fell in the period (an objection
 *   upheld before the period's end takes the assignment out of the base, unless the setting says otherwise);
 * - 解决率 = callbacks answering "resolved" ÷ callbacks in the period — for a department, the callbacks of the
 *   whistles it reported back on before the callback;
 * - 满意率 = (满意 + weight × 基本满意) ÷ callbacks in the period.
 */

export const defaultThreeRatesSettings: ThreeRatesSettings = {
  basicallySatisfiedWeightPercent: 100,
  excludeUpheldObjections: true,
};

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** An exact reduced fraction and its percentage (two decimals). */
export function rateOf(numerator: number, denominator: number): Rate {
  if (denominator === 0) return { numerator: 0, denominator: 0, percent: null };
  const divisor = gcd(numerator, denominator) || 1;
  return {
    numerator: numerator / divisor,
    denominator: denominator / divisor,
    percent: Math.round((numerator / denominator) * 10_000) / 100,
  };
}

function definitions(settings: ThreeRatesSettings): ThreeRatesResponse['definitions'] {
  const weight = settings.basicallySatisfiedWeightPercent / 100;
  return {
    response: `响应率 = 按时报到的派单数 ÷ 报到时限落在期内的派单数${settings.excludeUpheldObjections ? '（异议成立的不计入）' : ''} / response rate = assignments reported in on time ÷ assignments whose report-in deadline fell in the period${settings.excludeUpheldObjections ? ' (upheld objections excluded)' : ''}`,
    resolution: `解决率 = 回访答“已解决”数 ÷ 期内回访数（部门：其反馈过的吹哨） / resolution rate = callbacks answering resolved ÷ callbacks in the period (a department: the whistles it reported back on)`,
    satisfaction: `满意率 = (满意 + ${weight} × 基本满意) ÷ 期内回访数 / satisfaction rate = (satisfied + ${weight} × basically satisfied) ÷ callbacks in the period`,
  };
}

interface AssignmentRow {
  grp_role: string | null;
  grp_unit: string;
  assignments: number;
  on_time: number;
}
interface CallbackRow {
  grp_role: string | null;
  grp_unit: string;
  callbacks: number;
  resolved: number;
  satisfied: number;
  basically: number;
}

/** The period's instants: from 00:00 of `from` to 00:00 after `to`, Asia/Shanghai. */
function periodOf(query: ThreeRatesQuery): [Date, Date] {
  return [new Date(shanghaiMidnight(query.from)), new Date(shanghaiMidnight(query.to) + 86_400_000)];
}

export async function threeRates(
  db: Queryable,
  query: ThreeRatesQuery,
  settings: ThreeRatesSettings = defaultThreeRatesSettings,
): Promise<ThreeRatesResponse> {
  const [start, end] = periodOf(query);
  const byDepartment = query.groupBy === 'department';
  const unitColumn = byDepartment ? 'a.department_unit' : 'a.street';
  const roleColumn = byDepartment ? 'a.department_role' : 'NULL::text';
  const within = (column: string) => `(${column} = $3 OR left(${column}, length($3) + 1) = $3 || '/')`;
  const assignments = await db.query<AssignmentRow>(
    `SELECT ${roleColumn} AS grp_role, ${unitColumn} AS grp_unit, count(*)::int AS assignments,
            count(*) FILTER (WHERE a.reported_in_on_time IS TRUE)::int AS on_time
     FROM whistle_assignments a
     WHERE a.report_in_deadline >= $1 AND a.report_in_deadline < $2 AND ${within('a.street')}
       AND NOT ($4 AND a.objection_upheld_at IS NOT NULL AND a.objection_upheld_at < $2)
     GROUP BY 1, 2`,
    [start, end, query.unit, settings.excludeUpheldObjections],
  );
  const callbacks = byDepartment
    ? await db.query<CallbackRow>(
        `SELECT a.department_role AS grp_role, a.department_unit AS grp_unit, count(*)::int AS callbacks,
                count(*) FILTER (WHERE c.resolved)::int AS resolved,
                count(*) FILTER (WHERE c.satisfaction = 'satisfied')::int AS satisfied,
                count(*) FILTER (WHERE c.satisfaction = 'basically-satisfied')::int AS basically
         FROM whistle_callbacks c
         JOIN whistle_assignments a ON a.case_id = c.case_id AND a.whistle_id = c.whistle_id
         WHERE c.recorded_at >= $1 AND c.recorded_at < $2 AND a.reported_back_at IS NOT NULL
           AND a.reported_back_at <= c.recorded_at AND ${within('c.street')}
         GROUP BY 1, 2`,
        [start, end, query.unit],
      )
    : await db.query<CallbackRow>(
        `SELECT NULL::text AS grp_role, c.street AS grp_unit, count(*)::int AS callbacks,
                count(*) FILTER (WHERE c.resolved)::int AS resolved,
                count(*) FILTER (WHERE c.satisfaction = 'satisfied')::int AS satisfied,
                count(*) FILTER (WHERE c.satisfaction = 'basically-satisfied')::int AS basically
         FROM whistle_callbacks c
         WHERE c.recorded_at >= $1 AND c.recorded_at < $2 AND ${within('c.street')}
         GROUP BY 1, 2`,
        [start, end, query.unit],
      );

  const groups = new Map<string, ThreeRatesGroup['counts'] & { role: string | null; unit: string }>();
  const groupOf = (role: string | null, unit: string) => {
    const key = role ? `${role}@${unit}` : unit;
    let group = groups.get(key);
    if (!group) {
      group = {
        role,
        unit,
        assignments: 0,
        reportedInOnTime: 0,
        callbacks: 0,
        resolved: 0,
        satisfied: 0,
        basicallySatisfied: 0,
      };
      groups.set(key, group);
    }
    return group;
  };
  for (const row of assignments.rows) {
    const group = groupOf(row.grp_role, row.grp_unit);
    group.assignments = row.assignments;
    group.reportedInOnTime = row.on_time;
  }
  for (const row of callbacks.rows) {
    const group = groupOf(row.grp_role, row.grp_unit);
    Object.assign(group, {
      callbacks: row.callbacks,
      resolved: row.resolved,
      satisfied: row.satisfied,
      basicallySatisfied: row.basically,
    });
  }
  const weight = settings.basicallySatisfiedWeightPercent;
  return {
    unit: query.unit,
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    settings,
    definitions: definitions(settings),
    groups: [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, { role, unit, ...counts }]) => ({
        key,
        ...(role !== null && { departmentRole: role }),
        unit,
        counts,
        rates: {
          response: rateOf(counts.reportedInOnTime, counts.assignments),
          resolution: rateOf(counts.resolved, counts.callbacks),
          satisfaction: rateOf(100 * counts.satisfied + weight * counts.basicallySatisfied, 100 * counts.callbacks),
        },
      })),
  };
}
