import { z } from 'zod';
import { AttachmentRef } from '../attachment-ref';
import type { LocalizedText } from '../common';
import { departmentRoleName } from '../departments';
import { durationShape } from '../duration';
import {
  assignmentMoveActions,
  completeAssignment,
  onAssignmentActivity,
  onAssignmentTimer,
  openAssignment,
  expectItemPart,
  requireAssignee,
  requireRole,
  roleUnit,
  startAssignmentClock,
  startSlaTimers,
  stopAssignmentClock,
} from '../engine/assignments';
import type { ActionTarget, KindRuntime, RunTarget } from '../engine/kind-runtime';
import { defineAction } from '../engine/kind-runtime';
import type { Rejection } from '../engine/rejection';
import type { CaseRun } from '../engine/run';
import type { CaseState, NodeInstance } from '../engine/state';
import type { WorkItem } from '../engine/work-items';
import { type Actor, OrgUnitPath, orgUnitAtLevel } from '../org';
import { formatShanghai } from '../time';
import {
  clockStage,
  officeItemId,
  departmentActions,
  departmentSla,
  reportBackLate,
  reportBackSla,
  WHISTLE_KIND_VERSION,
  reportInSla,
  whistleLevelNames,
  whistleMoves,
  whistleOutcomes,
  type WhistleNode,
  type WhistleResult,
} from './whistle-config';

/**
 * The whistle's runtime (DOMAIN §4). Entering the node opens one work item for the summoning office (`<instance>~office`:
 * summon more departments, verify and close, withdraw, then record the resident's callback) and one per summoned
 * department (`<instance>~<role>`), each with its own clocks on the `assignments` module:
 *
 *   summoned ──report-in──▶ handling ──report-back──▶ reported-back ──accept──▶ (closed: accepted)
 *      │                      │  ▲                         │
 *      └────── object ────────┘  └──────── send-back ──────┘
 *   object → objected → upheld: the department is released (the office summons another, whose clocks start fresh)
 *                     → overruled: back where it was, its clock resumed (if the template pauses it) or running on
 *   request-extension (while handling) → approved: a new deadline; refused: the old one stands
 *
 * A missed report-in or report-back clock marks the department (`payload.marks`), notifies district supervision and
 * opens a supervision work item for it. "事不完、人不撤": the office can close only once every department still on the
 * whistle has reported back and been accepted, the lead among them.
 *
 * Kind version 2 (instances opened since; version 1 instances keep the behaviour above):
 * - 首接负责: with `coHandlersReportTo: 'lead'` a co-handler's report-back is accepted or sent back by a member of the
 *   lead department (its item's `payload.reviewer` names the lead's item); the lead reports back only once it has no
 *   co-handler report left to decide, and the office accepts the lead's. While the whistle has no open lead item (the
 *   lead was released on objection and not yet replaced, or already accepted) the office decides; when the office
 *   summons a new lead, the co-handler reports still waiting move to it (`whistle.reports-moved`).
 * - A report-back after the department's report-back clock has passed must carry `delayReason`
 *   (`whistle.delay-reason-required`).
 * - `interim-report` (阶段性报告: text and attachments) while handling: on the timeline and the item, the item stays open.
 */

/** What the node instance remembers about every department it summoned, open or not. */
const SummonRecord = z.object({
  role: z.string(),
  unit: z.string(),
  lead: z.boolean(),
  state: z.enum(['open', 'accepted', 'released']),
});
type SummonRecord = z.infer<typeof SummonRecord>;
const WhistleSlice = z.object({ departments: z.record(z.string(), SummonRecord) });
type WhistleSlice = z.infer<typeof WhistleSlice>;

/** Which side of the whistle a work item belongs to (`payload.part`). */
type Part = 'office' | 'department' | 'supervision';

const MAX_DEPARTMENTS = 20;
const departmentRolePattern = /^dept-[a-z0-9][a-z0-9-]{0,58}$/;
const Note = z.string().trim().max(2000);
const RequiredNote = z.string().trim().min(1, '须写明意见 / a note is required').max(2000);
const Satisfaction = z.enum(['satisfied', 'basically-satisfied', 'dissatisfied']);

const SummonInput = z.object({
  role: z.string().regex(departmentRolePattern, '部门角色形如 dept-chengguan / a department role reads dept-<kind>'),
  unit: OrgUnitPath,
  /** The department's name as the directory has it (shown on the item). */
  name: z.string().trim().min(1).max(100).optional(),
  /** Lead department (首接负责); defaults to true when the whistle has no lead on it. */
  lead: z.boolean().optional(),
});
const ReportInInput = z.object({ note: Note.optional() });
const ReportBackInput = z.object({
  summary: z.string().trim().min(1, '须写明处置情况 / say what was done').max(4000),
  attachments: z.array(AttachmentRef).max(20).default([]),
  /** Required (kind version 2) once the report-back clock has passed. */
  delayReason: z.string().trim().max(1000).optional(),
});
const InterimReportInput = z.object({
  summary: z.string().trim().min(1, '须写明阶段性进展 / say how far the matter has got').max(4000),
  attachments: z.array(AttachmentRef).max(20).default([]),
});
const MAX_INTERIM_REPORTS = 30;
const NoteInput = z.object({ note: Note.optional() });
const RequiredNoteInput = z.object({ note: RequiredNote });
const CloseInput = z.object({
  result: z.enum(['settled', 'not-settled']),
  note: RequiredNote,
  /** 评价权: the office's rating of each department it accepted, by work-item id. */
  ratings: z.record(z.string().max(200), Satisfaction).default({}),
});
const CallbackInput = z.object({
  contactedInTime: z.boolean(),
  resolved: z.boolean(),
  satisfaction: Satisfaction,
  note: Note.optional(),
});
const WithdrawInput = z.object({ reason: RequiredNote });

function sliceOf(instance: NodeInstance): WhistleSlice {
  const parsed = WhistleSlice.safeParse(instance.slice);
  return parsed.success ? parsed.data : { departments: {} };
}

function saveSlice(run: CaseRun, instance: NodeInstance, slice: WhistleSlice): void {
  const live = run.state.instances[instance.id];
  if (live) live.slice = slice;
}

function partOf(item: WorkItem): Part | undefined {
  const part = item.payload.part;
  return part === 'office' || part === 'department' || part === 'supervision' ? part : undefined;
}

const partNames: Record<Part, string> = { office: '吹哨街道', department: '被召部门', supervision: '督办' };

/** Refuses an action aimed at the wrong kind of item or at an item in a stage that does not allow it. */
function expectItem(target: ActionTarget<WhistleNode>, part: Part, stages: readonly string[], action: string) {
  return expectItemPart('whistle', target.item, [part], partNames, stages, action);
}

function requireSummoner(target: ActionTarget<WhistleNode>, actor: Actor): Rejection | undefined {
  const role = target.node.config.summoner;
  return requireRole(target.context, actor, 'whistle', role, roleUnit(target.context, role));
}

function itemOf(target: { item?: WorkItem }): WorkItem {
  if (!target.item) throw new Error('whistle action without a work item');
  return target.item;
}

function roleName(run: CaseRun, role: string): LocalizedText {
  const declared = run.context.definition.roles.find((candidate) => candidate.key === role)?.name;
  return declared ?? departmentRoleName(role) ?? { zh: role, en: role };
}

/** The units a department may be summoned from: the case's district or street (the directory holds them there). */
function summonableUnits(caseUnit: string): string[] {
  return [orgUnitAtLevel(caseUnit, 'district'), orgUnitAtLevel(caseUnit, 'street')].filter(
    (unit): unit is string => unit !== undefined,
  );
}

function hasActiveLead(slice: WhistleSlice): boolean {
  return Object.values(slice.departments).some((record) => record.lead && record.state !== 'released');
}

/** Opens a department's work item and starts its report-in clock; tells the department. */
function summon(
  run: CaseRun,
  instance: NodeInstance,
  node: WhistleNode,
  department: { role: string; unit: string; lead: boolean; name?: string },
  actor: string,
): WorkItem {
  const slice = sliceOf(run.state.instances[instance.id] ?? instance);
  const base = `${instance.id}~${department.role}`;
  let id = base;
  for (let n = 2; Object.hasOwn(slice.departments, id); n += 1) id = `${base}-${n}`;
  const name = department.name ? { zh: department.name, en: department.name } : roleName(run, department.role);
  const item = openAssignment(run, instance, {
    id,
    title: { zh: `${node.title.zh}（${name.zh}）`, en: `${node.title.en} (${name.en})` },
    role: department.role,
    unit: department.unit,
    outcomes: [],
    stage: 'summoned',
    payload: {
      part: 'department',
      level: node.config.whistleLevel,
      lead: department.lead,
      department: name,
      marks: [],
      ...(instance.kindVersion >= 2 && { kindVersion: instance.kindVersion }),
    },
    sla: reportInSla(node),
    actions: departmentActions(node, 'summoned'),
  });
  run.startTimer({
    purpose: 'objection-window',
    at: formatShanghai(Date.parse(run.now) + windowMs(node)),
    instanceId: instance.id,
    workItemId: id,
  });
  slice.departments[id] = { role: department.role, unit: department.unit, lead: department.lead, state: 'open' };
  saveSlice(run, instance, slice);
  run.log({
    type: 'whistle.summoned',
    actor,
    ...run.itemRef(item),
    data: { role: department.role, unit: department.unit, lead: department.lead, level: node.config.whistleLevel },
  });
  run.notifyAt(department.role, department.unit, 'node', node.id, {
    zh: `${whistleLevelNames[node.config.whistleLevel].zh}「${node.title.zh}」召您部门报到${department.lead ? '（牵头）' : ''}`,
    en: `${whistleLevelNames[node.config.whistleLevel].en} "${node.title.en}" summons your department${department.lead ? ' as lead' : ''}`,
  });
  if (department.lead) moveWaitingReports(run, instance, node, actor);
  return item;
}

/** Who decides a department's report-back: the lead department (its open item) or the summoning office. */
type Reviewer = { part: 'lead'; itemId: string; role: string; unit: string } | { part: 'office' };

function reviewerOf(state: Readonly<CaseState>, instance: NodeInstance, node: WhistleNode, itemId: string): Reviewer {
  if (instance.kindVersion < 2 || node.config.coHandlersReportTo !== 'lead') return { part: 'office' };
  const slice = sliceOf(state.instances[instance.id] ?? instance);
  if (slice.departments[itemId]?.lead !== false) return { part: 'office' };
  const lead = Object.entries(slice.departments).find(([, record]) => record.lead && record.state === 'open');
  return lead ? { part: 'lead', itemId: lead[0], role: lead[1].role, unit: lead[1].unit } : { part: 'office' };
}

const reviewerPayload = (reviewer: Reviewer) =>
  reviewer.part === 'lead' ? { part: 'lead', itemId: reviewer.itemId } : { part: 'office' };

/** Co-handler report-backs waiting for a decision whose reviewer changed (a lead released or newly summoned). */
function moveWaitingReports(run: CaseRun, instance: NodeInstance, node: WhistleNode, actor: string): void {
  if (instance.kindVersion < 2 || node.config.coHandlersReportTo !== 'lead') return;
  const moved: string[] = [];
  let to: ReturnType<typeof reviewerPayload> | undefined;
  for (const item of Object.values(run.state.workItems)) {
    if (item.instanceId !== instance.id || partOf(item) !== 'department' || item.stage !== 'reported-back') continue;
    const reviewer = reviewerPayload(reviewerOf(run.state, instance, node, item.id));
    const before = item.payload.reviewer as { itemId?: string } | undefined;
    if (before === undefined || ('itemId' in reviewer ? reviewer.itemId : undefined) === before.itemId) continue;
    run.touchItem({ ...item, payload: { ...item.payload, reviewer } });
    moved.push(item.id);
    to = reviewer;
  }
  if (moved.length === 0 || !to) return;
  const target = 'itemId' in to && to.itemId ? run.state.workItems[to.itemId] : undefined;
  run.log({
    type: 'whistle.reports-moved',
    actor,
    ...(target ? run.itemRef(target) : { nodeId: instance.nodeId }),
    data: { items: moved, to: 'itemId' in to ? to.itemId : 'office' },
  });
}

/** Refuses an actor who may not decide `item`'s report-back (the lead's member or the office, see {@link reviewerOf}). */
function requireReviewer(target: ActionTarget<WhistleNode>, item: WorkItem, actor: Actor): Rejection | undefined {
  const reviewer = reviewerOf(target.state, target.instance, target.node, item.id);
  if (reviewer.part === 'office') return requireSummoner(target, actor);
  if (actor.memberships.some((m) => m.role === reviewer.role && m.orgUnit === reviewer.unit)) return undefined;
  const lead = target.state.workItems[reviewer.itemId]?.payload.department as LocalizedText | undefined;
  return {
    code: 'whistle.actor-lacks-role',
    message: `协办部门的反馈由牵头部门${lead?.zh ?? reviewer.role}验收或退回 / a co-handler's report-back is decided by the lead department (${lead?.en ?? reviewer.role})`,
  };
}

function markDepartment(run: CaseRun, node: WhistleNode, instance: NodeInstance, item: WorkItem, breach: string) {
  const marks = Array.isArray(item.payload.marks) ? item.payload.marks : [];
  const marked: WorkItem = { ...item, payload: { ...item.payload, marks: [...marks, breach] } };
  run.touchItem(marked);
  openAssignment(run, instance, {
    id: `${item.id}~supervise-${marks.length + 1}`,
    title: { zh: `督办：${item.title.zh}`, en: `Supervise: ${item.title.en}` },
    role: node.config.supervisor,
    outcomes: [],
    stage: 'supervising',
    payload: { part: 'supervision', departmentItemId: item.id, breach, deadline: item.deadline },
    actions: ['conclude-supervision'],
  });
}

/** Co-handler report-backs waiting for the lead whose item is `leadItemId`. */
function reportsAwaiting(state: Readonly<CaseState>, leadItemId: string): string[] {
  return Object.values(state.workItems)
    .filter((item) => {
      const reviewer = item.payload.reviewer as { itemId?: unknown } | undefined;
      return item.stage === 'reported-back' && reviewer?.itemId === leadItemId;
    })
    .map((item) => item.id);
}

const InterimReport = z.object({ by: z.string(), at: z.string(), summary: z.string() }).passthrough();

function interimReportsOf(item: WorkItem): z.infer<typeof InterimReport>[] {
  const parsed = z.array(InterimReport).safeParse(item.payload.interimReports ?? []);
  return parsed.success ? parsed.data : [];
}

/** Tells the reviewer of a report (the lead at its unit, or the summoning office; version 1: always the office). */
function notifyReviewer(run: CaseRun, node: WhistleNode, reviewer: Reviewer | undefined, message: LocalizedText) {
  if (reviewer?.part === 'lead') run.notifyAt(reviewer.role, reviewer.unit, 'node', node.id, message);
  else run.notify(node.config.summoner, 'node', node.id, message);
}

function setRecord(run: CaseRun, instance: NodeInstance, itemId: string, change: Partial<SummonRecord>): void {
  const slice = sliceOf(run.state.instances[instance.id] ?? instance);
  const record = slice.departments[itemId];
  if (!record) return;
  slice.departments[itemId] = { ...record, ...change };
  saveSlice(run, instance, slice);
}

function onTime(item: WorkItem, now: string): boolean {
  return item.deadline === undefined || Date.parse(now) <= Date.parse(item.deadline);
}

/** Why the office cannot close yet ("事不完、人不撤"), or undefined. */
function closeRefusal(slice: WhistleSlice, items: Record<string, WorkItem>): Rejection | undefined {
  const records = Object.entries(slice.departments);
  const pending = records.filter(([, record]) => record.state === 'open');
  if (pending.length > 0) {
    const names = pending.map(([id]) => items[id]?.title.zh ?? id).join('、');
    return {
      code: 'whistle.departments-pending',
      message: `事不完、人不撤：${names} 尚未反馈并验收 / departments not yet reported back and accepted: ${pending.length}`,
    };
  }
  if (!records.some(([, record]) => record.lead && record.state === 'accepted')) {
    return {
      code: 'whistle.lead-not-accepted',
      message: `牵头部门尚未反馈并验收，须先召集牵头部门 / no lead department has reported back and been accepted; summon a lead first`,
    };
  }
  return undefined;
}

function leaveWith(target: RunTarget<WhistleNode>, office: WorkItem, result: string, actor: string): void {
  completeAssignment(target.run, office, result, actor);
  target.run.leave(target.instance.tokenId, result);
}

/** The objection window's length in milliseconds (clock or days; validated by the kind's checks). */
function windowMs(node: WhistleNode): number {
  const shape = durationShape(node.config.objection.window);
  if ('problem' in shape) return 0;
  return shape.kind === 'clock' ? shape.milliseconds : shape.kind === 'days' ? shape.days * 86_400_000 : 0;
}

export const whistleRuntime: KindRuntime<WhistleNode> = {
  enter(run, tokenId, node) {
    // The kind version follows the case's engine version (fixed by its input), so a replay of a case recorded on
    // engine version 2 re-enters its whistles at kind version 1 whatever this code's newest version is.
    const kindVersion = run.state.engineVersion >= 3 ? WHISTLE_KIND_VERSION : 1;
    const instance = run.openInstance(tokenId, node, kindVersion, { departments: {} } satisfies WhistleSlice);
    openAssignment(run, instance, {
      id: officeItemId(instance.id),
      title: { zh: `${node.title.zh}（吹哨）`, en: `${node.title.en} (whistle)` },
      role: node.config.summoner,
      outcomes: whistleOutcomes,
      stage: 'coordinating',
      payload: { part: 'office', level: node.config.whistleLevel },
      actions: ['summon', 'close', 'withdraw'],
    });
    for (const department of node.config.departments) {
      summon(run, instance, node, { ...department, unit: run.unitOfRole(department.role) }, 'system');
    }
  },

  actions: {
    summon: defineAction<WhistleNode, z.infer<typeof SummonInput>>({
      label: { zh: '召集部门', en: 'Summon a department' },
      target: 'work-item',
      input: SummonInput,
      check(target, input, actor) {
        const refusal = expectItem(target, 'office', ['coordinating'], '召集部门') ?? requireSummoner(target, actor);
        if (refusal) return refusal;
        const units = summonableUnits(target.context.orgUnit);
        if (!units.includes(input.unit)) {
          return {
            code: 'whistle.department-unit',
            message: `只能召集本区或本街道的部门（${units.join('、')}） / only departments of the case's district or street may be summoned (${units.join(', ')})`,
          };
        }
        const slice = sliceOf(target.instance);
        const records = Object.values(slice.departments);
        if (records.some((record) => record.role === input.role && record.unit === input.unit)) {
          return {
            code: 'whistle.already-summoned',
            message: `该部门已被召集过，不能重复派单 / this department has already been summoned to this whistle`,
          };
        }
        if (records.length >= MAX_DEPARTMENTS) {
          return {
            code: 'whistle.too-many-departments',
            message: `最多召集 ${MAX_DEPARTMENTS} 个部门 / at most ${MAX_DEPARTMENTS} departments`,
          };
        }
        if (input.lead === true && hasActiveLead(slice)) {
          return {
            code: 'whistle.lead-taken',
            message: `已有牵头部门，只能召集协办部门 / the whistle already has a lead department`,
          };
        }
        return undefined;
      },
      apply(target, input, actor) {
        const lead = input.lead ?? !hasActiveLead(sliceOf(target.instance));
        const item = summon(target.run, target.instance, target.node, { ...input, lead }, actor.id);
        return { workItemId: item.id };
      },
    }),

    'report-in': defineAction<WhistleNode, z.infer<typeof ReportInInput>>({
      label: { zh: '报到', en: 'Report in' },
      target: 'work-item',
      input: ReportInInput,
      check(target, _input, actor) {
        return (
          expectItem(target, 'department', ['summoned'], '报到') ??
          requireAssignee(target.context, itemOf(target), actor)
        );
      },
      apply(target, input, actor) {
        const { run, node } = target;
        const item = itemOf(target);
        const reportedIn = { by: actor.id, at: target.now, onTime: onTime(item, target.now), deadline: item.deadline };
        const stopped = stopAssignmentClock(run, item);
        const handling: WorkItem = {
          ...stopped,
          stage: 'handling',
          actions: departmentActions(node, 'handling', item),
          payload: { ...stopped.payload, reportedIn },
          deadline: undefined,
          slaState: 'pending',
        };
        delete handling.deadline;
        delete handling.deadlineProvisional;
        run.touchItem(handling);
        run.log({
          type: 'whistle.reported-in',
          actor: actor.id,
          ...run.itemRef(item),
          ...(input.note && { note: input.note }),
          data: { onTime: reportedIn.onTime, deadline: item.deadline ?? null },
        });
        startAssignmentClock(run, handling, reportBackSla(node), item.openedAt);
        return { onTime: reportedIn.onTime };
      },
    }),

    'report-back': defineAction<WhistleNode, z.infer<typeof ReportBackInput>>({
      label: { zh: '反馈办理结果', en: 'Report back' },
      target: 'work-item',
      input: ReportBackInput,
      check(target, input, actor) {
        const item = itemOf(target);
        const refusal =
          expectItem(target, 'department', ['handling', 'extension-requested'], '反馈') ??
          requireAssignee(target.context, item, actor);
        if (refusal || target.instance.kindVersion < 2) return refusal;
        if (reportBackLate(item, target.now) && !input.delayReason) {
          return {
            code: 'whistle.delay-reason-required',
            message: `反馈时限 ${item.deadline} 已过，须说明逾期原因 / the report-back deadline ${item.deadline} has passed; give the reason for the delay`,
          };
        }
        const waiting = reportsAwaiting(target.state, item.id);
        if (waiting.length > 0) {
          return {
            code: 'whistle.co-handler-reports-pending',
            message: `牵头部门须先验收或退回协办部门的反馈（${waiting.map((id) => target.state.workItems[id]?.title.zh ?? id).join('、')}），再汇总反馈 / the lead decides its co-handlers' report-backs (${waiting.length}) before reporting back itself`,
          };
        }
        return undefined;
      },
      apply(target, input, actor) {
        const { run, node, instance } = target;
        const item = itemOf(target);
        const v2 = instance.kindVersion >= 2;
        const late = v2 && reportBackLate(item, target.now);
        const reviewer = v2 ? reviewerOf(run.state, instance, node, item.id) : undefined;
        const reportedBack = {
          by: actor.id,
          at: target.now,
          onTime: onTime(item, target.now),
          deadline: item.deadline,
          summary: input.summary,
          attachments: input.attachments,
          ...(late && { delayReason: input.delayReason ?? null }),
        };
        const stopped = stopAssignmentClock(run, item);
        const { stageBefore: _stage, ...payload } = stopped.payload;
        run.touchItem({
          ...stopped,
          stage: 'reported-back',
          actions: ['accept', 'send-back'],
          payload: { ...payload, reportedBack, ...(reviewer && { reviewer: reviewerPayload(reviewer) }) },
        });
        run.log({
          type: 'whistle.reported-back',
          actor: actor.id,
          ...run.itemRef(item),
          note: input.summary,
          data: {
            onTime: reportedBack.onTime,
            deadline: item.deadline ?? null,
            attachments: input.attachments,
            ...(late && { delayReason: input.delayReason ?? null }),
            ...(reviewer && { reviewer: reviewerPayload(reviewer) }),
          },
        });
        notifyReviewer(run, node, reviewer, {
          zh: `「${item.title.zh}」已反馈，请验收`,
          en: `"${item.title.en}" has reported back; please review`,
        });
        return { onTime: reportedBack.onTime };
      },
    }),

    accept: defineAction<WhistleNode, z.infer<typeof NoteInput>>({
      label: { zh: '验收', en: 'Accept' },
      target: 'work-item',
      input: NoteInput,
      check(target, _input, actor) {
        return (
          expectItem(target, 'department', ['reported-back'], '验收') ?? requireReviewer(target, itemOf(target), actor)
        );
      },
      apply(target, input, actor) {
        const item = itemOf(target);
        const reviewer = reviewerOf(target.run.state, target.instance, target.node, item.id);
        target.run.closeItem(item, { status: 'completed', by: actor.id, outcome: 'accepted' });
        setRecord(target.run, target.instance, item.id, { state: 'accepted' });
        target.run.log({
          type: 'whistle.accepted',
          actor: actor.id,
          ...target.run.itemRef(item),
          ...(input.note && { note: input.note }),
          ...(target.instance.kindVersion >= 2 && { data: { by: reviewerPayload(reviewer) } }),
        });
      },
    }),

    'send-back': defineAction<WhistleNode, z.infer<typeof RequiredNoteInput>>({
      label: { zh: '退回重办', en: 'Send back' },
      target: 'work-item',
      input: RequiredNoteInput,
      check(target, _input, actor) {
        return (
          expectItem(target, 'department', ['reported-back'], '退回') ?? requireReviewer(target, itemOf(target), actor)
        );
      },
      apply(target, input, actor) {
        const { run, node } = target;
        const item = itemOf(target);
        const by = reviewerOf(run.state, target.instance, node, item.id);
        const { reportedBack: _report, reviewer: _reviewer, ...payload } = item.payload;
        const reopened: WorkItem = {
          ...item,
          stage: 'handling',
          actions: departmentActions(node, 'handling', item),
          payload,
          slaState: item.deadline ? 'running' : 'none',
        };
        run.touchItem(reopened);
        run.log({
          type: 'whistle.sent-back',
          actor: actor.id,
          ...run.itemRef(item),
          note: input.note,
          ...(target.instance.kindVersion >= 2 && { data: { by: reviewerPayload(by) } }),
        });
        // The report-back deadline stands: a deadline already past breaches at once.
        if (reopened.deadline) startSlaTimers(run, reopened, reportBackSla(node));
      },
    }),

    'interim-report': defineAction<WhistleNode, z.infer<typeof InterimReportInput>>({
      label: { zh: '阶段性报告', en: 'Interim report' },
      target: 'work-item',
      input: InterimReportInput,
      check(target, _input, actor) {
        const item = itemOf(target);
        const refusal =
          expectItem(target, 'department', ['handling', 'extension-requested'], '提交阶段性报告') ??
          requireAssignee(target.context, item, actor);
        if (refusal) return refusal;
        if (target.instance.kindVersion < 2) {
          return {
            code: 'whistle.action-not-allowed',
            message: `此吹哨（版本 1）不提供阶段性报告 / this whistle (kind version 1) does not take interim reports`,
          };
        }
        if (interimReportsOf(item).length >= MAX_INTERIM_REPORTS) {
          return {
            code: 'whistle.interim-limit',
            message: `最多提交 ${MAX_INTERIM_REPORTS} 份阶段性报告 / at most ${MAX_INTERIM_REPORTS} interim reports`,
          };
        }
        return undefined;
      },
      apply(target, input, actor) {
        const { run, node, instance } = target;
        const item = itemOf(target);
        const late = reportBackLate(item, target.now);
        const report = {
          by: actor.id,
          at: target.now,
          summary: input.summary,
          attachments: input.attachments,
          late,
        };
        run.touchItem({ ...item, payload: { ...item.payload, interimReports: [...interimReportsOf(item), report] } });
        run.log({
          type: 'whistle.interim-reported',
          actor: actor.id,
          ...run.itemRef(item),
          note: input.summary,
          data: { late, deadline: item.deadline ?? null, attachments: input.attachments },
        });
        notifyReviewer(run, node, reviewerOf(run.state, instance, node, item.id), {
          zh: `「${item.title.zh}」提交了阶段性报告`,
          en: `"${item.title.en}" filed an interim report`,
        });
        return { count: interimReportsOf(item).length + 1 };
      },
    }),

    close: defineAction<WhistleNode, z.infer<typeof CloseInput>>({
      label: { zh: '核验并结束吹哨', en: 'Verify and close' },
      target: 'work-item',
      input: CloseInput,
      check(target, input, actor) {
        const refusal = expectItem(target, 'office', ['coordinating'], '结束吹哨') ?? requireSummoner(target, actor);
        if (refusal) return refusal;
        const slice = sliceOf(target.instance);
        const pending = closeRefusal(slice, target.state.workItems);
        if (pending) return pending;
        const unknown = Object.keys(input.ratings).filter((id) => slice.departments[id]?.state !== 'accepted');
        if (unknown.length > 0) {
          return {
            code: 'whistle.rating-unknown',
            message: `只能评价已验收的部门：${unknown.join('、')} / ratings name departments that were not accepted: ${unknown.join(', ')}`,
          };
        }
        return undefined;
      },
      apply(target, input, actor) {
        const { run, node } = target;
        const office = itemOf(target);
        run.log({
          type: 'whistle.closed',
          actor: actor.id,
          ...run.itemRef(office),
          outcome: input.result,
          note: input.note,
          data: { result: input.result, ratings: input.ratings },
        });
        if (!node.config.callback) return leaveWith(target, office, input.result, actor.id);
        run.touchItem({
          ...office,
          stage: 'callback',
          actions: ['record-callback'],
          payload: { ...office.payload, result: input.result },
        });
      },
    }),

    'record-callback': defineAction<WhistleNode, z.infer<typeof CallbackInput>>({
      label: { zh: '记录回访', en: 'Record the callback' },
      target: 'work-item',
      input: CallbackInput,
      check(target, _input, actor) {
        return expectItem(target, 'office', ['callback'], '记录回访') ?? requireSummoner(target, actor);
      },
      apply(target, input, actor) {
        const office = itemOf(target);
        const result: WhistleResult = office.payload.result === 'not-settled' ? 'not-settled' : 'settled';
        target.run.log({
          type: 'whistle.callback-recorded',
          actor: actor.id,
          ...target.run.itemRef(office),
          ...(input.note && { note: input.note }),
          data: {
            contactedInTime: input.contactedInTime,
            resolved: input.resolved,
            satisfaction: input.satisfaction,
          },
        });
        leaveWith(target, office, result, actor.id);
      },
    }),

    withdraw: defineAction<WhistleNode, z.infer<typeof WithdrawInput>>({
      label: { zh: '撤哨', en: 'Withdraw' },
      target: 'work-item',
      input: WithdrawInput,
      check(target, _input, actor) {
        return expectItem(target, 'office', ['coordinating'], '撤哨') ?? requireSummoner(target, actor);
      },
      apply(target, input, actor) {
        const office = itemOf(target);
        target.run.log({
          type: 'whistle.withdrawn',
          actor: actor.id,
          ...target.run.itemRef(office),
          note: input.reason,
        });
        leaveWith(target, office, 'withdrawn', actor.id);
      },
    }),

    'conclude-supervision': defineAction<WhistleNode, z.infer<typeof RequiredNoteInput>>({
      label: { zh: '督办办结', en: 'Conclude supervision' },
      target: 'work-item',
      input: RequiredNoteInput,
      check(target, _input, actor) {
        return (
          expectItem(target, 'supervision', ['supervising'], '督办办结') ??
          requireAssignee(target.context, itemOf(target), actor)
        );
      },
      apply(target, input, actor) {
        const item = itemOf(target);
        target.run.closeItem(item, { status: 'completed', by: actor.id, outcome: 'concluded' });
        target.run.log({
          type: 'whistle.supervision-concluded',
          actor: actor.id,
          ...target.run.itemRef(item),
          note: input.note,
        });
      },
    }),

    ...assignmentMoveActions<WhistleNode>({
      moves: whistleMoves,
      sla: departmentSla,
      assigneeActions: departmentActions,
      objectionStages: ['summoned', 'handling'],
      extensionStages: ['handling'],
      objectionRefusal({ node }, item) {
        if (partOf(item) !== 'department') {
          return {
            code: 'whistle.wrong-item',
            message: `只有被召部门可以提出异议 / only a summoned department may object`,
          };
        }
        if (item.payload.objectionWindowClosed !== true) return undefined;
        return {
          code: 'whistle.objection-window-closed',
          message: `异议期（召集后 ${node.config.objection.window}）已过 / the objection window (${node.config.objection.window} after the summons) has closed`,
        };
      },
      onObjectionUpheld({ run, instance, node }, item) {
        run.closeItem(item, { status: 'completed', by: 'system', outcome: 'released' });
        setRecord(run, instance, item.id, { state: 'released', lead: false });
        // A released lead's waiting co-handler reports go to the office until a new lead is summoned.
        if (item.payload.lead === true) moveWaitingReports(run, instance, node, 'system');
      },
    }),
  },

  onTimer(target, timer) {
    const { run, node, instance } = target;
    const item = timer.workItemId ? run.state.workItems[timer.workItemId] : undefined;
    if (!item || partOf(item) !== 'department') return;
    if (timer.purpose === 'objection-window') {
      const payload = { ...item.payload, objectionWindowClosed: true };
      run.touchItem({ ...item, payload, actions: item.actions.filter((action) => action !== 'object') });
      return;
    }
    const breach =
      timer.purpose === 'sla-breach'
        ? clockStage(item) === 'summoned'
          ? 'report-in-late'
          : 'report-back-late'
        : undefined;
    onAssignmentTimer(run, timer, departmentSla(node, item), () => undefined);
    const after = run.state.workItems[item.id];
    if (breach && after) markDepartment(run, node, instance, after, breach);
  },

  onActivity({ run, node }, activity, outcome) {
    const item = activity.workItemId ? run.state.workItems[activity.workItemId] : undefined;
    if (item && partOf(item) === 'department') onAssignmentActivity(run, activity, outcome, departmentSla(node, item));
  },
};
