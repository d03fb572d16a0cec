import { z } from 'zod';
import { durationShape, durationTooLong } from '../duration';
import { kindOf } from '../kinds';
import { MeetingEscalation } from '../kinds/meeting-config';
import { isDeclaredDescent, rungIndexByNode, type Ladder, type LadderRung } from '../ladder';
import type { ProcessNode } from '../schema';
import { Sla } from '../sla';
import { formatShanghai } from '../time';
import { DeadlineResult, type ActivityOutcome } from './activity-registry';
import type { EscalationCause, LadderEscalated } from './ladder-entries';
import { SYSTEM_ACTOR, type CaseRun } from './run';
import type { PendingActivity, PendingTimer, TimelineEntry } from './state';

/**
 * The escalation ladder at run time (issue 13 §2), for cases on engine version 4 whose definition has a `ladder`.
 * Engine version 3 and older never call into it, so their histories replay unchanged.
 *
 * - The case has no rung until a token first enters a laddered node (`ladder.entered`); from then on its rung is the
 *   rung of the laddered node most recently entered (with parallel branches on different rungs: the latest move).
 * - A token entering a node on a higher rung records `ladder.escalated` { from, to, cause, by, reason }. The cause is
 *   read from what this step recorded at the laddered node the token last left: `meeting.escalated` (a resolution's
 *   decision, or a failed action item), `sla.breached` with the node left through `overdue` (breach), a person's
 *   completion (decision, with their note or the outcome chosen); otherwise `other`.
 * - A declared descent to a lower rung records `ladder.descended`.
 * - Each rung's `settleWithin` starts when the case reaches it (clock durations at once, day counts through the
 *   `computeDeadline` activity) and is recorded (`ladder.deadline-set`); when it passes with the case still on that
 *   rung, `ladder.rung-overdue` is recorded and the rung's `notify` role is told. The case does not move by itself:
 *   a template wires automatic moves with its nodes' own SLAs.
 * - Reaching an end records `ladder.settled` { rung } before `case.completed`.
 */

/** Timer and activity purposes of the rung's deadline (they belong to no node instance). */
export const LADDER_RUNG_TIMER = 'ladder-rung';
export const LADDER_DEADLINE_ACTIVITY = 'ladder-deadline';

/** Whether this case runs the ladder: engine version 4 or later, and a definition that declares one. */
function ladderOf(run: CaseRun): Ladder | undefined {
  return run.state.engineVersion >= 4 ? run.context.definition.ladder : undefined;
}

/** Called for every node a token enters, before the node's kind acts. */
export function onLadderNodeEntered(run: CaseRun, tokenId: string, node: ProcessNode): void {
  const ladder = ladderOf(run);
  if (!ladder) return;
  const byNode = rungIndexByNode(ladder);
  const index = byNode.get(node.id);
  if (index !== undefined) moveTo(run, ladder, byNode, tokenId, index);
  if (node.kind === 'end' && run.state.ladder) {
    stopRungClock(run);
    const rung = run.state.ladder.rung;
    const index = ladder.rungs.findIndex((candidate) => candidate.id === rung);
    run.log({ type: 'ladder.settled', nodeId: node.id, data: { rung, index } });
  }
}

function moveTo(run: CaseRun, ladder: Ladder, byNode: Map<string, number>, tokenId: string, index: number): void {
  const rung = ladder.rungs[index]!;
  const current = run.state.ladder;
  const nodeId = run.state.tokens[tokenId]?.nodeId;
  if (!current) {
    run.log({ type: 'ladder.entered', nodeId, data: { to: rung.id, toIndex: index } });
    return enterRung(run, rung);
  }
  const currentIndex = ladder.rungs.findIndex((candidate) => candidate.id === current.rung);
  if (currentIndex === index) return;
  const left = lastLadderedStep(run, byNode, tokenId);
  if (index > currentIndex) {
    const why = escalationCause(run, left);
    const data: LadderEscalated = {
      from: current.rung,
      to: rung.id,
      fromIndex: currentIndex,
      toIndex: index,
      ...why,
      ...(left && { fromNodeId: left.nodeId }),
      ...(left?.outcome !== undefined && { outcome: left.outcome }),
    };
    run.log({ type: 'ladder.escalated', actor: why.by, nodeId, note: why.reason, data });
  } else {
    const why = escalationCause(run, left);
    const declared = left !== undefined && isDeclaredDescent(ladder, left.nodeId, left.outcome);
    const reason = declared ? why.reason : `${why.reason}（未声明的下行 / undeclared descent）`;
    run.log({
      type: 'ladder.descended',
      actor: why.by,
      nodeId,
      note: reason,
      data: {
        from: current.rung,
        to: rung.id,
        fromIndex: currentIndex,
        toIndex: index,
        by: why.by,
        reason,
        ...(left && { fromNodeId: left.nodeId }),
        ...(left?.outcome !== undefined && { outcome: left.outcome }),
      },
    });
  }
  enterRung(run, rung);
}

/** The laddered node the token last left (and through which outcome), from the case's path. */
function lastLadderedStep(run: CaseRun, byNode: Map<string, number>, tokenId: string) {
  return run.state.path.findLast(
    (step) => step.tokenId === tokenId && step.leftAt !== undefined && byNode.has(step.nodeId),
  );
}

const NodeWithSla = z.object({ config: z.object({ sla: Sla }) });

/** Who moved the case and why, from what this step recorded at the node it left. */
function escalationCause(
  run: CaseRun,
  left: { nodeId: string; outcome?: string | undefined } | undefined,
): { cause: EscalationCause; by: string; reason: string } {
  if (!left) {
    return { cause: 'other', by: SYSTEM_ACTOR, reason: '经非阶梯节点进入 / reached through nodes on no rung' };
  }
  const node = run.node(left.nodeId);
  const here = run.entries.filter((entry) => entry.nodeId === left.nodeId);
  const meeting = here.findLast((entry) => entry.type === 'meeting.escalated');
  const escalation = meeting && MeetingEscalation.safeParse(meeting.data);
  if (meeting && escalation?.success) {
    const { cause, reason, ownerRole, ownerUnit, deadline } = escalation.data;
    if (cause === 'action-item-overdue') {
      const owner = [ownerRole, ownerUnit].filter(Boolean).join(' @ ');
      const detail = [owner, deadline && `期限 / due ${deadline}`].filter(Boolean).join('，');
      return { cause: 'action-item', by: meeting.actor, reason: detail ? `${reason}（${detail}）` : reason };
    }
    return { cause: 'decision', by: meeting.actor, reason: nonEmpty(reason, outcomeText(node, left.outcome)) };
  }
  const breach = here.findLast((entry) => entry.type === 'sla.breached');
  if (breach && left.outcome === 'overdue') {
    const sla = NodeWithSla.safeParse(node);
    const deadline = typeof breach.data?.deadline === 'string' ? breach.data.deadline : '?';
    const within = sla.success ? `${sla.data.config.sla.within}（${sla.data.config.sla.calendar}）` : '';
    return {
      cause: 'breach',
      by: SYSTEM_ACTOR,
      reason: `“${node.title.zh}”时限 ${within} 于 ${deadline} 届满未办结 / "${node.title.en}" missed its SLA ${within} at ${deadline}`,
    };
  }
  const person = here.filter((entry) => entry.actor !== SYSTEM_ACTOR);
  const decided = person.findLast((entry) => entry.outcome === left.outcome) ?? person.at(-1);
  if (decided) {
    const said = [...person]
      .reverse()
      .map(noteOf)
      .find((note) => note !== undefined);
    return { cause: 'decision', by: decided.actor, reason: said ?? outcomeText(node, left.outcome) };
  }
  return { cause: 'other', by: SYSTEM_ACTOR, reason: outcomeText(node, left.outcome) };
}

function noteOf(entry: TimelineEntry): string | undefined {
  if (entry.note?.trim()) return entry.note.trim();
  const note = entry.data?.note;
  return typeof note === 'string' && note.trim() ? note.trim() : undefined;
}

function nonEmpty(text: string, fallback: string): string {
  return text.trim() ? text.trim() : fallback;
}

function outcomeText(node: ProcessNode, outcome: string | undefined): string {
  const label = kindOf(node)
    .outcomes(node)
    .find((candidate) => candidate.key === outcome)?.label ?? { zh: outcome ?? '?', en: outcome ?? '?' };
  return `“${node.title.zh}”的结果“${label.zh}” / "${node.title.en}" outcome "${label.en}"`;
}

/** The case is on `rung` now: the previous rung's clock stops, this one's starts. */
function enterRung(run: CaseRun, rung: LadderRung): void {
  stopRungClock(run);
  run.state.ladder = { rung: rung.id, since: run.now };
  const shape = durationShape(rung.settleWithin);
  if (rung.calendar === 'natural' && 'kind' in shape && shape.kind === 'clock' && !durationTooLong(shape)) {
    return deadlineKnown(run, rung.id, formatShanghai(Date.parse(run.now) + shape.milliseconds), false);
  }
  run.runActivity(
    { name: 'computeDeadline', input: { from: run.now, within: rung.settleWithin, calendar: rung.calendar } },
    { purpose: LADDER_DEADLINE_ACTIVITY },
    'ladder-deadline',
  );
}

function stopRungClock(run: CaseRun): void {
  run.cancelTimersWhere((timer) => timer.purpose === LADDER_RUNG_TIMER);
  run.cancelActivitiesWhere((activity) => activity.purpose === LADDER_DEADLINE_ACTIVITY);
}

function deadlineKnown(run: CaseRun, rung: string, deadline: string, provisional: boolean): void {
  const current = run.state.ladder;
  if (!current || current.rung !== rung) return;
  current.deadline = deadline;
  run.log({ type: 'ladder.deadline-set', data: { rung, deadline, provisional } });
  run.startTimer({ purpose: LADDER_RUNG_TIMER, at: deadline });
}

/** The rung's deadline activity returned (or its incident was settled by hand: the rung then has no deadline). */
export function onLadderDeadlineComputed(run: CaseRun, _activity: PendingActivity, outcome: ActivityOutcome): void {
  const current = run.state.ladder;
  if (!current) return;
  if (outcome.ok) {
    const result = DeadlineResult.parse(outcome.result);
    return deadlineKnown(run, current.rung, result.deadline, result.provisional);
  }
  run.log({
    type: 'ladder.deadline-set',
    actor: outcome.actor,
    data: { rung: current.rung, deadline: null, provisional: false },
    note: outcome.resolution,
  });
}

/** The rung's deadline passed: recorded once, the rung's `notify` role is told; the case stays where it is. */
export function onLadderTimer(run: CaseRun, _timer: PendingTimer): void {
  const ladder = ladderOf(run);
  const current = run.state.ladder;
  if (!ladder || !current || current.deadline === undefined || current.overdue) return;
  current.overdue = true;
  const index = ladder.rungs.findIndex((candidate) => candidate.id === current.rung);
  run.log({ type: 'ladder.rung-overdue', data: { rung: current.rung, index, deadline: current.deadline } });
  const rung = ladder.rungs[index];
  if (rung?.notify !== undefined) {
    run.notify(rung.notify, 'sla-breach', rung.nodes[0] ?? '', {
      zh: `案件在“${rung.name.zh}”层级超过时限 ${current.deadline} 仍未解决`,
      en: `The matter passed its ${rung.name.en} deadline ${current.deadline} unsettled`,
    });
  }
}
