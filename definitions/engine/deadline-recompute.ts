import { z } from 'zod';
import { formatShanghai, parseInstant, shanghaiDate } from '../time';
import { DeadlineResult, type ActivityOutcome } from './activity-registry';
import { isClockTimer } from './assignments';
import type { CaseRun } from './run';
import { ProvisionalDeadline, type PendingActivity } from './state';

export { ProvisionalDeadline };

/**
 * Provisional deadlines recomputed once a year's holiday schedule is known (issue 11 §4). A deadline that counted days
 * in a year whose State Council schedule was not yet published is recorded as provisional, together with what it was
 * computed from (`state.provisionalDeadlines`). When an admin imports that year's schedule, the server asks each
 * running case to recompute: the case re-runs the calendar activity with the original from/within/calendar, and when
 * the answer differs it moves the item's SLA timers and writes `deadline.recomputed` (old and new deadline, the
 * imported schedule versions the new one counted on). Deadlines that were not provisional are never touched, nor
 * provisional ones a person has since changed (an extension, a paused clock that resumed).
 */

/** The activity purpose of a recomputation (a kind's own `deadline` activity is a different one). */
export const DEADLINE_RECOMPUTE = 'deadline-recompute';

/**
 * The request to recompute a case's provisional deadlines after a year's schedule was imported. `requestId` names
 * the schedule version (`holiday-schedule:<year>:v<version>`), so asking twice recomputes once.
 */
export const RecomputeDeadlinesRequest = z.object({
  requestId: z.string().min(1).max(200),
  year: z.number().int().min(2000).max(2999),
  version: z.number().int().min(1),
  actor: z.string().min(1).max(200),
});
export type RecomputeDeadlinesRequest = z.infer<typeof RecomputeDeadlinesRequest>;

/** The answer: how many deadlines the case is recomputing (0 when none touches the year, or asked before). */
export interface RecomputeDeadlinesResult {
  recomputing: number;
}

/** The id under which a case requests the recomputation of a schedule version (and the Update id the server uses). */
export function recomputeRequestId(year: number, version: number): string {
  return `holiday-schedule:${year}:v${version}`;
}

/** Records (or forgets) what an item's deadline was computed from, depending on whether it is provisional. */
export function recordDeadlineBasis(run: CaseRun, itemId: string, basis: ProvisionalDeadline | undefined): void {
  const bases = run.state.provisionalDeadlines;
  if (basis) run.state.provisionalDeadlines = { ...bases, [itemId]: basis };
  else if (bases?.[itemId]) delete bases[itemId];
}

/** Whether the days a deadline counted (from its `from` date to its last day) reach into `year`'s schedule. */
function touchesYear(basis: ProvisionalDeadline, year: number): boolean {
  const fromDate = shanghaiDate(parseInstant(basis.from));
  const lastDate = shanghaiDate(parseInstant(basis.deadline));
  // A schedule's entries may start on 25 December of the year before (a New Year block reaching back).
  return fromDate <= `${year}-12-31` && lastDate >= `${year - 1}-12-25`;
}

/** Starts recomputing every open provisional deadline that reaches into the imported year. */
export function requestDeadlineRecompute(run: CaseRun, request: RecomputeDeadlinesRequest): RecomputeDeadlinesResult {
  if (run.state.handledRequests[request.requestId]) return { recomputing: 0 };
  run.state.handledRequests[request.requestId] = {
    target: `holiday-schedule:${request.year}`,
    action: 'recompute-deadlines',
    at: run.now,
  };
  let recomputing = 0;
  for (const [itemId, basis] of Object.entries(run.state.provisionalDeadlines ?? {})) {
    const item = run.state.workItems[itemId];
    if (!item || item.deadline !== basis.deadline) continue;
    if (item.slaState !== 'running' && item.slaState !== 'reminded') continue;
    if (!touchesYear(basis, request.year)) continue;
    run.cancelActivitiesWhere((activity) => activity.workItemId === itemId && activity.purpose === DEADLINE_RECOMPUTE);
    run.runActivity(
      { name: 'computeDeadline', input: { from: basis.from, within: basis.within, calendar: basis.calendar } },
      { purpose: DEADLINE_RECOMPUTE, instanceId: item.instanceId, workItemId: itemId },
      'recompute',
    );
    recomputing += 1;
  }
  return { recomputing };
}

/**
 * A recomputation returned. Applied only if the item still runs on the provisional deadline it was asked about;
 * an unchanged answer that is still provisional changes nothing.
 */
export function onDeadlineRecomputed(run: CaseRun, activity: PendingActivity, outcome: ActivityOutcome): void {
  if (!outcome.ok || activity.call.name !== 'computeDeadline' || !activity.workItemId) return;
  const item = run.state.workItems[activity.workItemId];
  const basis = run.state.provisionalDeadlines?.[activity.workItemId];
  const asked = activity.call.input;
  if (!item || !basis || item.deadline !== basis.deadline) return;
  if (basis.from !== asked.from || basis.within !== asked.within || basis.calendar !== asked.calendar) return;
  if (item.slaState !== 'running' && item.slaState !== 'reminded') return;
  const result = DeadlineResult.parse(outcome.result);
  if (result.deadline === basis.deadline && result.provisional) return;

  const shift = Date.parse(result.deadline) - Date.parse(basis.deadline);
  if (shift !== 0) {
    const moved = Object.values(run.state.timers).filter((timer) => isClockTimer(timer, item));
    run.cancelTimersWhere((timer) => isClockTimer(timer, item));
    for (const { id: _id, ...timer } of moved) {
      const at = Date.parse(timer.at) + shift;
      // A reminder now due in the past is not sent late; a breach in the past fires at once.
      if (timer.purpose === 'sla-remind' && at <= Date.parse(run.now)) continue;
      run.startTimer({ ...timer, at: formatShanghai(at) });
    }
  }
  const { deadlineProvisional: _provisional, ...rest } = item;
  run.touchItem({ ...rest, deadline: result.deadline, ...(result.provisional && { deadlineProvisional: true }) });
  recordDeadlineBasis(run, item.id, result.provisional ? { ...basis, deadline: result.deadline } : undefined);
  run.log({
    type: 'deadline.recomputed',
    ...run.itemRef(item),
    data: {
      from: basis.deadline,
      deadline: result.deadline,
      provisional: result.provisional,
      ...(result.schedules && { schedules: result.schedules }),
    },
  });
}
