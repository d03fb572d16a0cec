import { z } from 'zod';
import type { AssignmentMoves } from '../assignment-moves';
import type { LocalizedText, OutcomeDeclaration } from '../common';
import { durationShape, durationTooLong } from '../duration';
import { type Actor, orgUnitAtLevel } from '../org';
import type { Sla } from '../sla';
import { formatShanghai, parseInstant } from '../time';
import { DeadlineResult, type ActivityOutcome, type DeadlineRequest } from './activity-registry';
import { DEADLINE_RECOMPUTE, recordDeadlineBasis } from './deadline-recompute';
import type { CaseContext } from './context';
import { defineAction, type ActionTarget, type KindAction, type RunTarget } from './kind-runtime';
import type { Rejection } from './rejection';
import { SYSTEM_ACTOR, type CaseRun } from './run';
import type { NodeInstance, PendingActivity, PendingTimer } from './state';
import type { WorkItem } from './work-items';

/**
 * Fan-out work shared by every kind that waits for people (DESIGN §2): N work items, each with its own assignee (a
 * role at a unit), SLA (deadline computed once and recorded, reminder, breach — interrupting or not) and the optional
 * side moves of {@link AssignmentMoves} (objection, extension). A task is N = 1; a whistle is N departments; a
 * meeting's action items are N owners. Kinds call these functions; the item's state lives in `state.workItems`.
 */

export interface AssignmentSpec {
  /** Unique within the case, e.g. `handle.1`, `whistle.1~chengguan`. */
  id: string;
  title: LocalizedText;
  role: string;
  /** Where the role is held; defaults to the case's unit at the role's level. */
  unit?: string;
  outcomes: OutcomeDeclaration[];
  stage?: string;
  payload?: Record<string, unknown>;
  sla?: Sla;
  actions: string[];
}

/** Opens a work item for one assignee and starts its SLA (the deadline is computed, then its timers start). */
export function openAssignment(run: CaseRun, instance: NodeInstance, spec: AssignmentSpec): WorkItem {
  const item: WorkItem = {
    id: spec.id,
    instanceId: instance.id,
    nodeId: instance.nodeId,
    kind: instance.kind,
    title: spec.title,
    assigneeRole: spec.role,
    assigneeUnit: spec.unit ?? run.unitOfRole(spec.role),
    openedAt: run.now,
    slaState: spec.sla ? 'pending' : 'none',
    overdue: false,
    stage: spec.stage ?? 'open',
    outcomes: spec.outcomes,
    actions: spec.actions,
    payload: spec.payload ?? {},
    status: 'open',
  };
  run.touchItem(item);
  run.log({ type: `${item.kind}.opened`, ...run.itemRef(item), data: { assigneeRole: item.assigneeRole } });
  if (spec.sla) startAssignmentClock(run, item, spec.sla);
  return item;
}

/**
 * Starts an item's clock counted from `from` (default now): clock durations on the natural calendar are exact;
 * anything counted in days goes to the calendar activity. A kind with several clocks per item (a whistle's report-in,
 * then report-back) calls it again after stopping the first with {@link stopAssignmentClock}.
 */
export function startAssignmentClock(run: CaseRun, item: WorkItem, sla: Sla, from: string = run.now): void {
  const shape = durationShape(sla.within);
  // A span the clock cannot hold (an unvalidated definition) goes to the calendar activity, which refuses it: an
  // incident on the case instead of a workflow task failing forever.
  if (sla.calendar === 'natural' && 'kind' in shape && shape.kind === 'clock' && !durationTooLong(shape)) {
    deadlineKnown(run, item, sla, {
      deadline: formatShanghai(Date.parse(from) + shape.milliseconds),
      provisional: false,
    });
    return;
  }
  run.runActivity(
    { name: 'computeDeadline', input: { from, within: sla.within, calendar: sla.calendar } },
    { purpose: 'deadline', instanceId: item.instanceId, workItemId: item.id },
    'deadline',
  );
}

/**
 * Records an item's new deadline and starts its timers. A provisional one keeps the request it came from, so it can
 * be recomputed once its year's holiday schedule is imported (`deadline-recompute.ts`); the flag of an earlier
 * provisional deadline of the item does not carry over.
 */
function deadlineKnown(
  run: CaseRun,
  item: WorkItem,
  sla: Sla,
  { deadline, provisional }: DeadlineResult,
  request?: DeadlineRequest,
): void {
  const { deadlineProvisional: _earlier, ...rest } = item;
  const updated: WorkItem = { ...rest, deadline, slaState: 'running' };
  if (provisional) updated.deadlineProvisional = true;
  run.touchItem(updated);
  recordDeadlineBasis(run, item.id, provisional && request ? { ...request, deadline } : undefined);
  run.log({ type: 'sla.deadline-set', ...run.itemRef(item), data: { deadline, provisional } });
  startSlaTimers(run, updated, sla);
}

/** Whether a timer is one of an item's SLA timers (a kind may keep other timers on the item, e.g. a window). */
export function isClockTimer(timer: PendingTimer, item: WorkItem): boolean {
  return timer.workItemId === item.id && (timer.purpose === 'sla-remind' || timer.purpose === 'sla-breach');
}

/** Stops an item's clock: its timers and a deadline still being computed; the item keeps its last deadline. */
export function stopAssignmentClock(run: CaseRun, item: WorkItem): WorkItem {
  run.cancelTimersWhere((timer) => isClockTimer(timer, item));
  run.cancelActivitiesWhere(
    (activity) =>
      activity.workItemId === item.id && (activity.purpose === 'deadline' || activity.purpose === DEADLINE_RECOMPUTE),
  );
  recordDeadlineBasis(run, item.id, undefined);
  const stopped: WorkItem = { ...item, slaState: 'none', overdue: false };
  run.touchItem(stopped);
  return stopped;
}

/** Starts the reminder and breach timers of an item whose deadline is known (a past deadline breaches at once). */
export function startSlaTimers(run: CaseRun, item: WorkItem, sla: Sla): void {
  if (!item.deadline) return;
  run.startTimer({ purpose: 'sla-breach', at: item.deadline, instanceId: item.instanceId, workItemId: item.id });
  const shape = sla.remindBefore ? durationShape(sla.remindBefore) : undefined;
  if (shape && 'kind' in shape && shape.kind !== 'months') {
    const lead = shape.kind === 'clock' ? shape.milliseconds : shape.days * 86_400_000;
    const remindAt = Date.parse(item.deadline) - lead;
    if (remindAt > Date.parse(run.now)) {
      run.startTimer({
        purpose: 'sla-remind',
        at: formatShanghai(remindAt),
        instanceId: item.instanceId,
        workItemId: item.id,
      });
    }
  }
}

/**
 * The item's deadline activity returned (or its incident was settled by hand: the item then runs without a deadline,
 * which the timeline says).
 */
export function onAssignmentActivity(
  run: CaseRun,
  activity: PendingActivity,
  outcome: ActivityOutcome,
  sla: Sla | undefined,
): void {
  const item = activity.workItemId ? run.state.workItems[activity.workItemId] : undefined;
  if (!item || !sla || activity.purpose !== 'deadline') return;
  if (outcome.ok) {
    const request = activity.call.name === 'computeDeadline' ? activity.call.input : undefined;
    return deadlineKnown(run, item, sla, DeadlineResult.parse(outcome.result), request);
  }
  run.touchItem({ ...item, slaState: 'none' });
  run.log({
    type: 'sla.deadline-set',
    ...run.itemRef(item),
    actor: outcome.actor,
    data: { deadline: null },
    note: outcome.resolution,
  });
}

/**
 * An SLA timer of an item fired: a reminder notifies the assignee; a breach marks the item overdue and escalates, or,
 * when interrupting, hands the item to `onInterruptingBreach` (a task leaves through `overdue`).
 */
export function onAssignmentTimer(
  run: CaseRun,
  timer: PendingTimer,
  sla: Sla | undefined,
  onInterruptingBreach: (item: WorkItem) => void,
): void {
  const item = timer.workItemId ? run.state.workItems[timer.workItemId] : undefined;
  if (!item || !sla) return;
  if (timer.purpose === 'sla-remind') {
    run.log({ type: 'sla.reminded', ...run.itemRef(item), data: { deadline: item.deadline } });
    run.touchItem({ ...item, slaState: 'reminded' });
    notifyAbout(run, item, item.assigneeRole, 'sla-reminder');
    return;
  }
  if (timer.purpose !== 'sla-breach') return;
  run.log({ type: 'sla.breached', ...run.itemRef(item), data: { deadline: item.deadline, onBreach: sla.onBreach } });
  if (sla.onBreach === 'interrupting') return onInterruptingBreach(item);
  run.touchItem({ ...item, slaState: 'breached', overdue: true });
  if (sla.escalateTo !== undefined) {
    run.log({ type: 'sla.escalated', ...run.itemRef(item), data: { escalateTo: sla.escalateTo } });
    notifyAbout(run, item, sla.escalateTo, 'sla-breach');
  }
}

function notifyAbout(run: CaseRun, item: WorkItem, role: string, reason: 'sla-reminder' | 'sla-breach'): void {
  const message =
    reason === 'sla-reminder'
      ? {
          zh: `任务「${item.title.zh}」将于 ${item.deadline} 到期`,
          en: `Task "${item.title.en}" is due at ${item.deadline}`,
        }
      : {
          zh: `任务「${item.title.zh}」已超过时限 ${item.deadline}，请督办`,
          en: `Task "${item.title.en}" missed its deadline ${item.deadline}; please follow up`,
        };
  // The assignee is told at the item's own unit (a department summoned at run time has no declared role level).
  if (role === item.assigneeRole) run.notifyAt(role, item.assigneeUnit, reason, item.nodeId, message);
  else run.notify(role, reason, item.nodeId, message);
}

/** Closes an item with an outcome chosen by `actor` and logs `<kind>.completed` (the token's next node in `toNodeId`). */
export function completeAssignment(
  run: CaseRun,
  item: WorkItem,
  outcome: string,
  actor: string,
  extra: { data?: Record<string, unknown>; changes?: { variable: string; from: unknown; to: unknown }[] } = {},
): void {
  run.closeItem(item, { status: 'completed', by: actor, outcome });
  const edge = run.context.graph.outgoing.get(item.nodeId)?.find((candidate) => candidate.outcome === outcome);
  run.log({
    type: `${item.kind}.completed`,
    actor,
    ...run.itemRef(item),
    outcome,
    toNodeId: edge?.to,
    ...(extra.data !== undefined && { data: extra.data }),
    ...(extra.changes !== undefined && extra.changes.length > 0 && { changes: extra.changes }),
  });
}

/** The unit where `role` is held for this case (its declared level), or undefined when it is not declared. */
export function roleUnit(context: CaseContext, role: string): string | undefined {
  const declared = context.definition.roles.find((candidate) => candidate.key === role);
  return declared && orgUnitAtLevel(context.orgUnit, declared.level);
}

/** Refuses an actor who does not hold `role` at `unit` (code `<subject>.actor-lacks-role`). */
export function requireRole(
  context: CaseContext,
  actor: Actor,
  subject: string,
  role: string,
  unit: string | undefined,
): Rejection | undefined {
  if (actor.memberships.some((membership) => membership.role === role && membership.orgUnit === unit)) return undefined;
  const name = context.definition.roles.find((candidate) => candidate.key === role)?.name.zh ?? role;
  return {
    code: `${subject}.actor-lacks-role`,
    message: `“${actor.id}”不是 ${unit ?? context.orgUnit} 的“${name}” / "${actor.id}" does not hold role "${role}" at ${unit ?? context.orgUnit}`,
  };
}

/** Refuses an actor who is not the item's assignee. */
export function requireAssignee(context: CaseContext, item: WorkItem, actor: Actor): Rejection | undefined {
  return requireRole(context, actor, item.kind, item.assigneeRole, item.assigneeUnit);
}

function stageRefusal(item: WorkItem, action: string): Rejection {
  return {
    code: `${item.kind}.action-not-allowed`,
    message: `“${item.title.zh}”当前（${item.stage}）不能${action} / "${item.title.en}" does not allow ${action} in stage ${item.stage}`,
  };
}

/**
 * Refuses an action aimed at the wrong part of a kind's fan-out (a whistle's office vs department item, a meeting's
 * convener vs party item; the part is `payload.part`) or at an item whose stage does not allow it:
 * `<kind>.wrong-item` or `<kind>.action-not-allowed`. `partNames` are the parts' Chinese names for the message.
 */
export function expectItemPart<Part extends string>(
  kind: string,
  item: WorkItem | undefined,
  parts: readonly Part[],
  partNames: Readonly<Record<Part, string>>,
  stages: readonly string[],
  action: string,
): Rejection | undefined {
  const part = item?.payload.part;
  if (!item || !parts.some((candidate) => candidate === part)) {
    return {
      code: `${kind}.wrong-item`,
      message: `“${action}”须在${parts.map((name) => partNames[name]).join('或')}的工作项上操作 / "${action}" acts on the ${parts.join(' or ')} work item`,
    };
  }
  return stages.includes(item.stage)
    ? undefined
    : { ...stageRefusal(item, action), code: `${kind}.action-not-allowed` };
}

const Reason = z.object({ reason: z.string().trim().min(1, '须说明理由 / a reason is required').max(1000) });
const Decision = z.object({
  approve: z.boolean(),
  note: z.string().trim().min(1, '须写明意见 / a note is required').max(1000),
});
const ExtensionRequest = Reason.extend({ until: z.string().max(40) });
const ExtensionDecision = Decision.extend({ until: z.string().max(40).optional() });

/** The item the target names, for actions that need one. */
function itemOf<Node>(target: ActionTarget<Node>): WorkItem {
  if (!target.item) throw new Error('assignment move without a work item');
  return target.item;
}

/** Hooks a kind gives the shared moves. */
export interface MoveHooks<Node> {
  moves(node: Node): AssignmentMoves | undefined;
  /** The SLA the item's clock runs on now (a whistle's differs between report-in and report-back). */
  sla(node: Node, item: WorkItem): Sla | undefined;
  /** The actions the assignee has on an open item in `stage` (restored when a move on `item` is decided). */
  assigneeActions(node: Node, stage: string, item: WorkItem): string[];
  /** The stages an objection may be raised in (default `open`). */
  objectionStages?: readonly string[];
  /** The stages an extension may be asked for in (default `open`); the item needs a deadline besides. */
  extensionStages?: readonly string[];
  /** A kind's own reason to refuse an objection (a whistle's objection window has passed). */
  objectionRefusal?(target: ActionTarget<Node>, item: WorkItem): Rejection | undefined;
  /** An objection was upheld: the kind decides what happens to the item (a task leaves through `upheldOutcome`). */
  onObjectionUpheld(target: RunTarget<Node>, item: WorkItem): void;
}

/** The stage an item was in before a move (objection, extension request) and returns to when it is decided. */
function stageBefore(item: WorkItem): string {
  return typeof item.payload.stageBefore === 'string' ? item.payload.stageBefore : 'open';
}

/** The objection and extension actions of {@link AssignmentMoves}, for a kind's `actions` map. */
export function assignmentMoveActions<Node>(hooks: MoveHooks<Node>): Record<string, KindAction<Node, never>> {
  const objectionStages = hooks.objectionStages ?? ['open'];
  const extensionStages = hooks.extensionStages ?? ['open'];
  const objectionOf = (target: ActionTarget<Node>) => hooks.moves(target.node)?.objection;
  const extensionOf = (target: ActionTarget<Node>) => hooks.moves(target.node)?.extension;
  const notOffered = (item: WorkItem, move: string): Rejection => ({
    code: `${item.kind}.move-not-offered`,
    message: `此步骤不允许${move} / this step does not offer ${move}`,
  });
  return {
    object: defineAction<Node, z.infer<typeof Reason>>({
      label: { zh: '提出异议', en: 'Object' },
      target: 'work-item',
      input: Reason,
      check(target, _input, actor) {
        const item = itemOf(target);
        if (!objectionOf(target)) return notOffered(item, '异议');
        if (!objectionStages.includes(item.stage)) return stageRefusal(item, '提出异议');
        return requireAssignee(target.context, item, actor) ?? hooks.objectionRefusal?.(target, item);
      },
      apply(target, input, actor) {
        const item = itemOf(target);
        const pause = objectionOf(target)?.pausesClock === true && item.deadline !== undefined;
        const payload: Record<string, unknown> = {
          ...item.payload,
          stageBefore: item.stage,
          objection: { reason: input.reason, by: actor.id, at: target.now },
        };
        if (pause) {
          payload.pausedRemainingMs = Math.max(0, Date.parse(item.deadline!) - Date.parse(target.now));
          target.run.cancelTimersWhere((timer) => isClockTimer(timer, item));
        }
        target.run.touchItem({
          ...item,
          stage: 'objected',
          actions: ['decide-objection'],
          payload,
          ...(pause && { slaState: 'paused' as const }),
        });
        target.run.log({
          type: `${item.kind}.objected`,
          actor: actor.id,
          ...target.run.itemRef(item),
          note: input.reason,
          data: { clockPaused: pause },
        });
      },
    }),
    'decide-objection': defineAction<Node, z.infer<typeof Decision>>({
      label: { zh: '裁定异议', en: 'Rule on objection' },
      target: 'work-item',
      input: Decision,
      check(target, _input, actor) {
        const item = itemOf(target);
        const objection = objectionOf(target);
        if (!objection) return notOffered(item, '异议');
        if (item.stage !== 'objected') return stageRefusal(item, '裁定异议');
        return requireRole(
          target.context,
          actor,
          item.kind,
          objection.decidedBy,
          roleUnit(target.context, objection.decidedBy),
        );
      },
      apply(target, input, actor) {
        const item = itemOf(target);
        const { run } = target;
        if (input.approve) {
          run.log({ type: `${item.kind}.objection-upheld`, actor: actor.id, ...run.itemRef(item), note: input.note });
          hooks.onObjectionUpheld(target, item);
          return;
        }
        const { pausedRemainingMs, stageBefore: _stage, ...payload } = item.payload;
        const stage = stageBefore(item);
        const resumed: WorkItem = { ...item, stage, actions: hooks.assigneeActions(target.node, stage, item), payload };
        if (typeof pausedRemainingMs === 'number') {
          resumed.deadline = formatShanghai(Date.parse(target.now) + pausedRemainingMs);
          resumed.slaState = 'running';
        }
        run.touchItem(resumed);
        run.log({
          type: `${item.kind}.objection-overruled`,
          actor: actor.id,
          ...run.itemRef(item),
          note: input.note,
          ...(resumed.deadline !== item.deadline && { data: { deadline: resumed.deadline } }),
        });
        const sla = hooks.sla(target.node, resumed);
        if (typeof pausedRemainingMs === 'number' && sla) startSlaTimers(run, resumed, sla);
      },
    }),
    'request-extension': defineAction<Node, z.infer<typeof ExtensionRequest>>({
      label: { zh: '申请延期', en: 'Request extension' },
      target: 'work-item',
      input: ExtensionRequest,
      check(target, input, actor) {
        const item = itemOf(target);
        const extension = extensionOf(target);
        if (!extension) return notOffered(item, '延期');
        if (!extensionStages.includes(item.stage) || !item.deadline) return stageRefusal(item, '申请延期');
        const used = Number(item.payload.extensionRequests ?? 0);
        if (used >= extension.maxRequests) {
          return {
            code: `${item.kind}.extension-limit`,
            message: `已申请 ${used} 次延期，最多 ${extension.maxRequests} 次 / ${used} of ${extension.maxRequests} extension requests used`,
          };
        }
        return laterDeadlineRefusal(item, input.until) ?? requireAssignee(target.context, item, actor);
      },
      apply(target, input, actor) {
        const item = itemOf(target);
        const payload = {
          ...item.payload,
          stageBefore: item.stage,
          extensionRequests: Number(item.payload.extensionRequests ?? 0) + 1,
          extension: { reason: input.reason, until: input.until, by: actor.id, at: target.now },
        };
        // The assignee may still finish while the request is decided; other moves wait for the decision.
        const stillOffered = hooks
          .assigneeActions(target.node, item.stage, item)
          .filter((action) => action !== 'object' && action !== 'request-extension');
        target.run.touchItem({
          ...item,
          stage: 'extension-requested',
          actions: [...stillOffered, 'decide-extension'],
          payload,
        });
        target.run.log({
          type: `${item.kind}.extension-requested`,
          actor: actor.id,
          ...target.run.itemRef(item),
          note: input.reason,
          data: { until: input.until },
        });
      },
    }),
    'decide-extension': defineAction<Node, z.infer<typeof ExtensionDecision>>({
      label: { zh: '审批延期', en: 'Decide extension' },
      target: 'work-item',
      input: ExtensionDecision,
      check(target, input, actor) {
        const item = itemOf(target);
        const extension = extensionOf(target);
        if (!extension) return notOffered(item, '延期');
        if (item.stage !== 'extension-requested') return stageRefusal(item, '审批延期');
        if (input.approve && input.until !== undefined) {
          const refusal = laterDeadlineRefusal(item, input.until);
          if (refusal) return refusal;
        }
        return requireRole(
          target.context,
          actor,
          item.kind,
          extension.approvedBy,
          roleUnit(target.context, extension.approvedBy),
        );
      },
      apply(target, input, actor) {
        const item = itemOf(target);
        const { run } = target;
        const requested = item.payload.extension as { until: string } | undefined;
        const { stageBefore: _stage, ...payload } = item.payload;
        const stage = stageBefore(item);
        if (!input.approve) {
          run.touchItem({ ...item, stage, payload, actions: hooks.assigneeActions(target.node, stage, item) });
          run.log({ type: `${item.kind}.extension-refused`, actor: actor.id, ...run.itemRef(item), note: input.note });
          return { deadline: item.deadline };
        }
        const deadline = formatShanghai(parseInstant(input.until ?? requested?.until ?? item.deadline!));
        run.cancelTimersWhere((timer) => isClockTimer(timer, item));
        const extended: WorkItem = {
          ...item,
          stage,
          payload,
          actions: hooks.assigneeActions(target.node, stage, item),
          deadline,
          slaState: 'running',
          overdue: false,
        };
        run.touchItem(extended);
        run.log({
          type: `${item.kind}.extension-granted`,
          actor: actor.id,
          ...run.itemRef(item),
          note: input.note,
          data: { from: item.deadline, deadline },
        });
        const sla = hooks.sla(target.node, extended);
        if (sla) startSlaTimers(run, extended, sla);
        return { deadline };
      },
    }),
  };
}

/** A proposed deadline must be an instant after the current one and within ten years. */
function laterDeadlineRefusal(item: WorkItem, until: string): Rejection | undefined {
  const at = parseInstant(until);
  const current = item.deadline ? Date.parse(item.deadline) : Number.NaN;
  if (Number.isNaN(at) || !(at > current) || at - current > 3600 * 86_400_000) {
    return {
      code: `${item.kind}.extension-invalid`,
      message: `新时限“${until}”须为晚于当前时限 ${item.deadline ?? '—'} 的时刻（十年内） / the new deadline "${until}" must be an instant after ${item.deadline ?? 'the current one'} (within ten years)`,
    };
  }
  return undefined;
}

export { SYSTEM_ACTOR };
