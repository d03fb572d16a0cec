import type { LocalizedText } from '../common';
import { orgUnitAtLevel } from '../org';
import type { ProcessNode } from '../schema';
import type { ActivityCall } from './activity-registry';
import { nodeById, type CaseContext } from './context';
import type { Effect, NotificationRequest } from './effects';
import {
  PATH_LIMIT,
  type CaseState,
  type CaseStatus,
  type NodeInstance,
  type PendingActivity,
  type PendingTimer,
  type TimelineEntry,
} from './state';
import type { WorkItem } from './work-items';

export const SYSTEM_ACTOR = 'system';

/**
 * One step of interpretation in progress: a private, mutable copy of the case state plus the effects, timeline
 * entries and changed work items produced so far. `step()` creates one per event and hands them back; nothing here
 * touches the outside world. Kind runtimes and the `assignments` module act on the case only through it.
 */
export class CaseRun {
  readonly effects: Effect[] = [];
  readonly entries: TimelineEntry[] = [];
  /** Work items opened, changed or closed in this step, by id (closed ones with their closure). */
  readonly changedItems = new Map<string, WorkItem>();
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
    this.state.seq += 1;
    this.entries.push({ seq: this.state.seq, at: this.now, actor: SYSTEM_ACTOR, ...entry });
  }

  node(nodeId: string): ProcessNode {
    return nodeById(this.context, nodeId);
  }

  /** Queues a token to enter the node it points at; `drain` runs the queue. */
  enqueue(tokenId: string): void {
    this.queue.push(tokenId);
  }

  /** Moves a token out of its node through `outcome` (closing its node instance) and queues it at the edge's target. */
  leave(tokenId: string, outcome: string): void {
    const token = this.state.tokens[tokenId];
    if (!token) return;
    const edge = this.context.graph.outgoing.get(token.nodeId)?.find((candidate) => candidate.outcome === outcome);
    if (!edge) throw new Error(`node ${token.nodeId} has no edge for outcome ${outcome}`);
    const step = this.state.path.findLast(
      (candidate) => candidate.tokenId === tokenId && candidate.leftAt === undefined,
    );
    if (step) Object.assign(step, { leftAt: this.now, outcome });
    this.closeInstancesOf(tokenId);
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

  /** Counts a visit of the node (instance and task ids carry it: `handle.2` is the second visit of `handle`). */
  visit(nodeId: string): number {
    const visit = (this.state.visits[nodeId] ?? 0) + 1;
    this.state.visits[nodeId] = visit;
    return visit;
  }

  /** Opens the node instance a waiting token keeps at its node (id `<node>.<visit>`), with the kind's slice. */
  openInstance(tokenId: string, node: ProcessNode, kindVersion: number, slice: Record<string, unknown> = {}) {
    const instance: NodeInstance = {
      id: `${node.id}.${this.visit(node.id)}`,
      nodeId: node.id,
      kind: node.kind,
      kindVersion,
      tokenId,
      openedAt: this.now,
      slice,
    };
    this.state.instances[instance.id] = instance;
    return instance;
  }

  /** Closes every instance a token holds: their work items are cancelled, their timers and activities stop. */
  private closeInstancesOf(tokenId: string, note?: string): void {
    for (const instance of Object.values(this.state.instances)) {
      if (instance.tokenId !== tokenId) continue;
      for (const item of Object.values(this.state.workItems)) {
        if (item.instanceId !== instance.id) continue;
        this.closeItem(item, { status: 'cancelled', by: SYSTEM_ACTOR });
        if (note !== undefined) this.log({ type: `${item.kind}.cancelled`, ...this.itemRef(item), note });
      }
      this.cancelTimersWhere((timer) => timer.instanceId === instance.id);
      this.cancelActivitiesWhere((activity) => activity.instanceId === instance.id);
      delete this.state.instances[instance.id];
    }
  }

  /** The fields that tie a timeline entry to a work item (`taskId` is the name engine version 1 used). */
  itemRef(item: WorkItem): Pick<TimelineEntry, 'nodeId' | 'workItemId' | 'taskId'> {
    return { nodeId: item.nodeId, workItemId: item.id, taskId: item.id };
  }

  /** Records a work item as opened or changed in this step. */
  touchItem(item: WorkItem): void {
    this.state.workItems[item.id] = item;
    this.changedItems.set(item.id, item);
    this.state.overdue = Object.values(this.state.workItems).some((open) => open.overdue);
  }

  /** Closes a work item: it leaves the open list, its timers and activities stop; the read model learns how. */
  closeItem(item: WorkItem, closure: { status: 'completed' | 'cancelled'; by: string; outcome?: string }): void {
    delete this.state.workItems[item.id];
    if (this.state.provisionalDeadlines?.[item.id]) delete this.state.provisionalDeadlines[item.id];
    this.cancelTimersWhere((timer) => timer.workItemId === item.id);
    this.cancelActivitiesWhere((activity) => activity.workItemId === item.id);
    this.changedItems.set(item.id, {
      ...item,
      status: closure.status,
      closedAt: this.now,
      closedBy: closure.by,
      ...(closure.outcome !== undefined && { outcome: closure.outcome }),
      actions: [],
    });
    this.state.overdue = Object.values(this.state.workItems).some((open) => open.overdue);
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

  /** Asks the host to run an activity; the result comes back as an `activityCompleted` event for `purpose`. */
  runActivity(call: ActivityCall, owner: Omit<PendingActivity, 'id' | 'call' | 'state'>, prefix: string): string {
    const id = this.newId(prefix);
    this.state.activities[id] = { id, call, state: 'running', ...owner };
    this.effects.push({ type: 'runActivity', activityId: id, call });
    return id;
  }

  /** Forgets activities nobody waits for any more (a closed node, a cancelled branch); the host cancels them. */
  cancelActivitiesWhere(predicate: (activity: PendingActivity) => boolean): void {
    for (const activity of Object.values(this.state.activities)) {
      if (!predicate(activity)) continue;
      delete this.state.activities[activity.id];
      if (activity.state === 'running') this.effects.push({ type: 'cancelActivity', activityId: activity.id });
      const incident = Object.values(this.state.incidents).find(
        (candidate) => candidate.activityId === activity.id && candidate.status !== 'resolved',
      );
      if (incident) {
        Object.assign(incident, {
          status: 'resolved',
          resolvedAt: this.now,
          resolvedBy: SYSTEM_ACTOR,
          resolution: '等待它的步骤已结束 / the step waiting for it has ended',
        });
      }
    }
  }

  /**
   * Asks the host to notify the holders of `role` at this case's unit for that role's level. A notification is sent
   * and forgotten unless `owner` names the node instance waiting for it (a notify node).
   */
  notify(
    role: string,
    reason: NotificationRequest['reason'],
    nodeId: string,
    message: LocalizedText,
    owner: Omit<PendingActivity, 'id' | 'call' | 'state'> = { purpose: 'notification' },
    channel: NotificationRequest['channel'] = 'in-app',
  ): string {
    return this.notifyAt(role, this.unitOfRole(role), reason, nodeId, message, owner, channel);
  }

  /** Like {@link notify}, to the holders of `role` at an explicit unit (a department chosen at run time). */
  notifyAt(
    role: string,
    unit: string,
    reason: NotificationRequest['reason'],
    nodeId: string,
    message: LocalizedText,
    owner: Omit<PendingActivity, 'id' | 'call' | 'state'> = { purpose: 'notification' },
    channel: NotificationRequest['channel'] = 'in-app',
  ): string {
    const id = this.newId('notify');
    const call: ActivityCall = {
      name: 'sendNotification',
      input: {
        notificationId: id,
        channel,
        recipientRole: role,
        recipientUnit: unit,
        reason,
        nodeId,
        message,
      },
    };
    this.state.activities[id] = { id, call, state: 'running', ...owner };
    this.effects.push({ type: 'runActivity', activityId: id, call });
    return id;
  }

  /** Stops a token wherever it waits (work items, timers, activities) — used when a join cancels the other branches. */
  cancelToken(tokenId: string, note: string): void {
    this.closeInstancesOf(tokenId, note);
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
    this.cancelActivitiesWhere(() => true);
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
      if (this.state.path.length > PATH_LIMIT) this.state.path.splice(0, this.state.path.length - PATH_LIMIT);
      enter(this, tokenId);
    }
  }
}
