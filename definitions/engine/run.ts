import { durationShape } from '../duration';
import { formatShanghai } from '../time';
import { orgUnitAtLevel } from '../org';
import type { LocalizedText } from '../common';
import type { TaskNode } from '../kinds/task';
import type { Effect, NotificationRequest } from './effects';
import { nodeById, type CaseContext } from './context';
import type { CaseState, CaseStatus, OpenTask, PendingDeadline, PendingTimer, TimelineEntry } from './state';

export const SYSTEM_ACTOR = 'system';

/**
 * One step of interpretation in progress: a private, mutable copy of the case state plus the effects produced so
 * far. `step()` creates one per event and hands back its state and effects; nothing here touches the outside world.
 */
export class CaseRun {
  readonly effects: Effect[] = [];
  private readonly queue: string[] = [];

  constructor(
    readonly context: CaseContext,
    readonly state: CaseState,
    readonly now: string,
  ) {}

  get running(): boolean {
    return this.state.status === 'running';
  }

  newId(prefix: string): string {
    this.state.nextId += 1;
    return `${prefix}-${this.state.nextId}`;
  }

  log(entry: Omit<TimelineEntry, 'seq' | 'at' | 'actor'> & { actor?: string }): void {
    this.state.timeline.push({ seq: this.state.timeline.length + 1, at: this.now, actor: SYSTEM_ACTOR, ...entry });
  }

  /** Queues a token to enter the node it points at; `drain` runs the queue. */
  enqueue(tokenId: string): void {
    this.queue.push(tokenId);
  }

  /** Moves a token out of its node through `outcome` and queues it at the edge's target. */
  leave(tokenId: string, outcome: string): void {
    const token = this.state.tokens[tokenId];
    if (!token) return;
    const edge = this.context.graph.outgoing.get(token.nodeId)?.find((candidate) => candidate.outcome === outcome);
    if (!edge) throw new Error(`node ${token.nodeId} has no edge for outcome ${outcome}`);
    const step = this.state.path.findLast(
      (candidate) => candidate.tokenId === tokenId && candidate.leftAt === undefined,
    );
    if (step) Object.assign(step, { leftAt: this.now, outcome });
    token.nodeId = edge.to;
    this.enqueue(tokenId);
  }

  removeToken(tokenId: string): void {
    delete this.state.tokens[tokenId];
  }

  /** The org unit a role is resolved at for this case (validated at start, so it exists). */
  unitOfRole(roleKey: string): string {
    const role = this.context.definition.roles.find((candidate) => candidate.key === roleKey);
    return (role && orgUnitAtLevel(this.context.orgUnit, role.level)) ?? this.context.orgUnit;
  }

  openTask(tokenId: string, node: TaskNode): void {
    const visit = (this.state.visits[node.id] ?? 0) + 1;
    this.state.visits[node.id] = visit;
    const task: OpenTask = {
      id: `${node.id}.${visit}`,
      nodeId: node.id,
      tokenId,
      title: node.title,
      assigneeRole: node.config.assignee,
      assigneeUnit: this.unitOfRole(node.config.assignee),
      outcomes: node.config.outcomes,
      openedAt: this.now,
      overdue: false,
    };
    this.state.tasks[task.id] = task;
    this.log({ type: 'task.opened', nodeId: node.id, taskId: task.id, data: { assigneeRole: task.assigneeRole } });
    const sla = node.config.sla;
    if (sla) this.scheduleDeadline({ purpose: 'sla', taskId: task.id }, sla.within, sla.calendar);
  }

  /** Clock durations on the natural calendar are exact; anything counted in days goes to the calendar activity. */
  scheduleDeadline(purpose: PendingDeadline, within: string, calendar: 'natural' | 'workdays'): void {
    const shape = durationShape(within);
    if (calendar === 'natural' && 'kind' in shape && shape.kind === 'clock') {
      this.deadlineKnown(purpose, formatShanghai(Date.parse(this.now) + shape.milliseconds), false);
      return;
    }
    const requestId = this.newId('deadline');
    this.state.pendingDeadlines[requestId] = purpose;
    this.effects.push({ type: 'computeDeadline', requestId, from: this.now, within, calendar });
  }

  deadlineKnown(purpose: PendingDeadline, deadline: string, provisional: boolean): void {
    if (purpose.purpose === 'timer-node') {
      if (purpose.tokenId && this.state.tokens[purpose.tokenId])
        this.startTimer({ purpose: 'timer-node', at: deadline, tokenId: purpose.tokenId });
      return;
    }
    const task = purpose.taskId ? this.state.tasks[purpose.taskId] : undefined;
    if (!task) return; // closed while the deadline was being computed
    task.deadline = deadline;
    if (provisional) task.deadlineProvisional = true;
    this.log({ type: 'sla.deadline-set', nodeId: task.nodeId, taskId: task.id, data: { deadline, provisional } });
    this.startTimer({ purpose: 'sla-breach', at: deadline, taskId: task.id });
    const remindBefore = this.slaOf(task)?.remindBefore;
    const shape = remindBefore ? durationShape(remindBefore) : undefined;
    if (shape && 'kind' in shape && shape.kind !== 'months') {
      const lead = shape.kind === 'clock' ? shape.milliseconds : shape.days * 86_400_000;
      const remindAt = Date.parse(deadline) - lead;
      if (remindAt > Date.parse(this.now))
        this.startTimer({ purpose: 'sla-remind', at: formatShanghai(remindAt), taskId: task.id });
    }
  }

  /** Asks the host to notify the holders of `role` at this case's unit for that role's level. */
  notify(role: string, reason: NotificationRequest['reason'], nodeId: string, message: LocalizedText): string {
    const activityId = this.newId('notify');
    this.effects.push({
      type: 'sendNotification',
      activityId,
      notification: {
        notificationId: activityId,
        channel: 'outbox',
        recipientRole: role,
        recipientUnit: this.unitOfRole(role),
        reason,
        nodeId,
        message,
      },
    });
    return activityId;
  }

  slaOf(task: OpenTask) {
    const node = nodeById(this.context, task.nodeId);
    return node.kind === 'task' ? node.config.sla : undefined;
  }

  startTimer(timer: Omit<PendingTimer, 'id'>): void {
    const id = this.newId('timer');
    this.state.timers[id] = { id, ...timer };
    this.effects.push({ type: 'startTimer', timerId: id, at: timer.at });
  }

  cancelTimersWhere(predicate: (timer: PendingTimer) => boolean): void {
    for (const timer of Object.values(this.state.timers)) {
      if (!predicate(timer)) continue;
      delete this.state.timers[timer.id];
      this.effects.push({ type: 'cancelTimer', timerId: timer.id });
    }
  }

  /** Closes a task: its timers stop and pending deadline computations for it are forgotten. */
  closeTask(task: OpenTask): void {
    delete this.state.tasks[task.id];
    this.cancelTimersWhere((timer) => timer.taskId === task.id);
    for (const [requestId, pending] of Object.entries(this.state.pendingDeadlines)) {
      if (pending.taskId === task.id) delete this.state.pendingDeadlines[requestId];
    }
    this.state.overdue = Object.values(this.state.tasks).some((open) => open.overdue);
  }

  /** Stops a token wherever it waits (task, timer, notification) — used when a join cancels the other branches. */
  cancelToken(tokenId: string, note: string): void {
    for (const task of Object.values(this.state.tasks).filter((open) => open.tokenId === tokenId)) {
      this.closeTask(task);
      this.log({ type: 'task.cancelled', nodeId: task.nodeId, taskId: task.id, note });
    }
    this.cancelTimersWhere((timer) => timer.tokenId === tokenId);
    for (const [activityId, waiting] of Object.entries(this.state.pendingActivities)) {
      if (waiting === tokenId) delete this.state.pendingActivities[activityId];
    }
    for (const [requestId, pending] of Object.entries(this.state.pendingDeadlines)) {
      if (pending.tokenId === tokenId) delete this.state.pendingDeadlines[requestId];
    }
    this.removeToken(tokenId);
  }

  /** Ends the case: every waiting token stops, the host is told to finish. */
  finish(
    status: Exclude<CaseStatus, 'running'>,
    outcome: { key: string; label: LocalizedText } | undefined,
    note: string,
    actor = SYSTEM_ACTOR,
  ): void {
    for (const tokenId of Object.keys(this.state.tokens)) this.cancelToken(tokenId, note);
    this.state.pendingActivities = {};
    this.state.pendingDeadlines = {};
    this.state.status = status;
    this.state.outcome = outcome;
    if (status === 'cancelled') this.state.cancelReason = note;
    this.state.finishedAt = this.now;
    this.state.overdue = false;
    this.log({
      type: status === 'completed' ? 'case.completed' : 'case.cancelled',
      actor,
      outcome: outcome?.key,
      note,
    });
    this.queue.length = 0;
  }

  /** Runs queued tokens through their nodes until every token waits or the case has finished. */
  drain(enter: (run: CaseRun, tokenId: string) => void): void {
    while (this.queue.length > 0 && this.running) {
      const tokenId = this.queue.shift()!;
      const token = this.state.tokens[tokenId];
      if (!token) continue;
      this.state.path.push({ nodeId: token.nodeId, tokenId, enteredAt: this.now });
      enter(this, tokenId);
    }
  }
}
