import { shanghaiMidnight } from '../../definitions/time';
import type { Queryable } from '../db/database';
import { LadderCause, type LadderQuery, type LadderResponse } from '../http/routes/kpi-schemas';
import { rateOf } from './three-rates';

/**
 * 小事不出小区，大事不出社区 (issue 13 §4) from the recorded ladder facts (`ladder_events`, `meeting_attendance`,
 * projected from the hash-chained timeline) of the cases under a unit. Only events recorded in the period count, so
 * recomputing a past month gives the same figures.
 */
export const ladderDefinitions: LadderResponse['definitions'] = {
  settled:
    '各层级解决数 = 期内办结的案件按办结时所在阶梯层级计数；占比 = 该层级数 ÷ 期内办结总数 / settled per rung = cases completed in the period, by the ladder rung they were on when they completed; share = that count ÷ all cases completed in the period',
  settledInCompound:
    '小事不出小区 = 期内在第一级（小区）办结的案件数 ÷ 期内办结总数 / settled in the compound = cases completed in the period on the first rung ÷ all cases completed in the period',
  settledInCommunity:
    '大事不出社区 = 期内在第一或第二级（小区、社区）办结的案件数 ÷ 期内办结总数 / settled within the community = cases completed in the period on the first or second rung ÷ all cases completed in the period',
  medianTime:
    '解决用时中位数 = 在该层级办结的案件自立案至办结（自然时间）的中位数 / median time to settle = over the cases settled on the rung, the median natural time from the case’s start to its completion',
  escalations:
    '上报次数（按原因）= 期内记录的向上一级的上报：会议或人员决定、时限超期、行动项逾期、其他 / escalations by cause = moves up a rung recorded in the period: a meeting’s or a person’s decision, an SLA breach, a failed action item, other',
  attendance:
    '会议出席率 = 期内举行（形成决议或休会）的会次中某方有人签到的会次 ÷ 该方被召集的会次 / attendance rate = the sessions held in the period (resolved or adjourned) at which someone of the party signed in ÷ the sessions it was called to',
};

/** The period's instants: from 00:00 of `from` to 00:00 after `to`, Asia/Shanghai. */
function periodOf(query: LadderQuery): [Date, Date] {
  return [new Date(shanghaiMidnight(query.from)), new Date(shanghaiMidnight(query.to) + 86_400_000)];
}

const twoDecimals = (value: number) => Math.round(value * 100) / 100;
const within = (column: string) => `(${column} = $3 OR left(${column}, length($3) + 1) = $3 || '/')`;

interface SettledRow {
  rung_index: number;
  rung: string;
  settled: number;
  median_seconds: number | null;
}

export async function ladderMeasures(db: Queryable, query: LadderQuery): Promise<LadderResponse> {
  const [start, end] = periodOf(query);
  const parameters = [start, end, query.unit];
  const settled = await db.query<SettledRow>(
    `SELECT rung_index, rung, count(*)::int AS settled,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM at - case_started_at))::float8
              AS median_seconds
     FROM ladder_events
     WHERE kind = 'settled' AND at >= $1 AND at < $2 AND ${within('org_unit')}
     GROUP BY rung_index, rung ORDER BY rung_index, rung`,
    parameters,
  );
  const escalations = await db.query<{ cause: string; count: number }>(
    `SELECT cause, count(*)::int AS count FROM ladder_events
     WHERE kind = 'escalated' AND at >= $1 AND at < $2 AND ${within('org_unit')}
     GROUP BY cause`,
    parameters,
  );
  const held = await db.query<{ held: number }>(
    `SELECT count(*)::int AS held FROM (
       SELECT DISTINCT case_id, instance_id, session FROM meeting_attendance
       WHERE held_at >= $1 AND held_at < $2 AND ${within('org_unit')}) AS sessions`,
    parameters,
  );
  const parties = await db.query<{ party_role: string; called: number; present: number }>(
    `SELECT party_role, count(*)::int AS called, count(*) FILTER (WHERE signed_in_at IS NOT NULL)::int AS present
     FROM meeting_attendance
     WHERE held_at >= $1 AND held_at < $2 AND ${within('org_unit')}
     GROUP BY party_role ORDER BY party_role`,
    parameters,
  );

  const total = settled.rows.reduce((sum, row) => sum + row.settled, 0);
  const settledAtOrBelow = (index: number) =>
    settled.rows.filter((row) => row.rung_index <= index).reduce((sum, row) => sum + row.settled, 0);
  const escalationTotal = escalations.rows.reduce((sum, row) => sum + row.count, 0);
  return {
    unit: query.unit,
    from: query.from,
    to: query.to,
    definitions: ladderDefinitions,
    settled: {
      total,
      rungs: settled.rows.map((row) => {
        const seconds = row.median_seconds === null ? null : Number(row.median_seconds);
        return {
          index: row.rung_index,
          rung: row.rung,
          settled: row.settled,
          share: rateOf(row.settled, total),
          medianMinutes: seconds === null ? null : twoDecimals(seconds / 60),
          medianHours: seconds === null ? null : twoDecimals(seconds / 3600),
        };
      }),
      inCompound: rateOf(settledAtOrBelow(0), total),
      inCommunity: rateOf(settledAtOrBelow(1), total),
    },
    escalations: {
      total: escalationTotal,
      byCause: LadderCause.options.map((cause) => {
        const count = escalations.rows.find((row) => row.cause === cause)?.count ?? 0;
        return { cause, count, share: rateOf(count, escalationTotal) };
      }),
    },
    meetings: {
      held: held.rows[0]?.held ?? 0,
      parties: parties.rows.map((row) => ({
        role: row.party_role,
        called: row.called,
        present: row.present,
        rate: rateOf(row.present, row.called),
      })),
    },
  };
}
