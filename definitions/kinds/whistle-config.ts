import { z } from 'zod';
import type { AssignmentMoves } from '../assignment-moves';
import { Identifier, type LocalizedText, type OutcomeDeclaration } from '../common';
import { Calendar } from '../duration';
import type { Sla } from '../sla';
import type { WorkItem } from '../engine/work-items';
import { nodeBase } from './kind-definition';

/**
 * "街办吹哨、部门报到" (DOMAIN §4): the whistle node's configuration and the clocks and moves derived from it. The
 * runtime is in `whistle-runtime.ts`, the kind definition (palette, outcomes, checks) in `whistle.ts`.
 */

/** 日常哨 / 攻坚哨 / 应急哨. */
export const WhistleLevel = z.enum(['routine', 'hard', 'emergency']);
export type WhistleLevel = z.infer<typeof WhistleLevel>;

/**
 * The whistle kind's behaviour version, recorded on each node instance when it opens. 1: every department reports back
 * to the summoning office. 2: co-handlers report back to the lead department when the template says so
 * (`coHandlersReportTo`), a late report-back carries a reason for the delay, and a department may file interim
 * reports (阶段性报告) while handling. Instances opened at version 1 keep version 1's behaviour.
 */
export const WHISTLE_KIND_VERSION = 2;

/** Who accepts or sends back a co-handling department's report-back (kind version 2). */
export const CoHandlersReportTo = z.enum(['lead', 'office']);
export type CoHandlersReportTo = z.infer<typeof CoHandlersReportTo>;

export const whistleLevelNames: Record<WhistleLevel, LocalizedText> = {
  routine: { zh: '日常哨', en: 'Routine whistle' },
  hard: { zh: '攻坚哨', en: 'Hard-case whistle' },
  emergency: { zh: '应急哨', en: 'Emergency whistle' },
};

/** One clock of a summoned department: an ISO-8601 duration on a calendar. */
export const WhistleClock = z.object({ within: z.string(), calendar: Calendar.default('natural') });
export type WhistleClock = z.infer<typeof WhistleClock>;

/**
 * Each level's default clocks (a template may override either). Report-in: Pinggu's 30 minutes for an emergency, two
 * hours otherwise. Report-back, counted from the summons: 12345 practice's 2 hours for an emergency, 15 days for a
 * hard case, and three working days for a routine whistle.
 */
export const whistleLevelClocks: Record<WhistleLevel, { reportIn: WhistleClock; reportBack: WhistleClock }> = {
  routine: { reportIn: { within: 'PT2H', calendar: 'natural' }, reportBack: { within: 'P3D', calendar: 'workdays' } },
  hard: { reportIn: { within: 'PT2H', calendar: 'natural' }, reportBack: { within: 'P15D', calendar: 'natural' } },
  emergency: {
    reportIn: { within: 'PT30M', calendar: 'natural' },
    reportBack: { within: 'PT2H', calendar: 'natural' },
  },
};

/** A department the template summons whenever the node is entered: a `dept-<kind>` role declared at a level. */
export const FixedDepartment = z.object({ role: Identifier, lead: z.boolean().default(false) });

export const WhistleNode = z.object({
  ...nodeBase,
  kind: z.literal('whistle'),
  config: z.object({
    whistleLevel: WhistleLevel,
    /** The street office's role that blows the whistle, rules on objections and extensions, verifies and closes. */
    summoner: Identifier,
    /** District supervision (区级督办): gets a work item and a notification when a department misses a clock. */
    supervisor: Identifier,
    /** Summoned on entry; the office may summon more (from the directory) while the whistle is open. */
    departments: z.array(FixedDepartment).max(20).default([]),
    reportIn: WhistleClock.optional(),
    reportBack: WhistleClock.optional(),
    /** How long before each deadline the department is reminded. */
    remindBefore: z.string().optional(),
    /**
     * 派单异议: a department may object within `window` of its summons (clock or days); `pausesClock` says, explicitly
     * per template, whether its clock stops while the office rules (ServiceNow-style pause) or runs on.
     */
    objection: z.object({ window: z.string().default('PT24H'), pausesClock: z.boolean() }),
    /** 延期 requests per department (0: none), decided by the summoning office. */
    maxExtensions: z.number().int().min(0).max(5).default(1),
    /**
     * 首接负责 (kind version 2): `lead` — each co-handler reports back to the lead department, whose member accepts or
     * sends it back, and the lead's own report-back (accepted by the office) sums them up; `office` — every department
     * reports back to the summoning office. While the whistle has no lead (released on objection, not yet replaced)
     * the office decides co-handlers' reports; those still pending move to the new lead when one is summoned.
     */
    coHandlersReportTo: CoHandlersReportTo.default('lead'),
    /** 回访: after the office closes the whistle, the resident's three answers are recorded before the node leaves. */
    callback: z.boolean().default(true),
  }),
});
export type WhistleNode = z.infer<typeof WhistleNode>;

/** The node's ways out: the office closes it as settled or not (escalate on the ladder), or withdraws it. */
export const whistleOutcomes: OutcomeDeclaration[] = [
  { key: 'settled', label: { zh: '已解决', en: 'Settled' } },
  { key: 'not-settled', label: { zh: '未解决，继续上报', en: 'Not settled; escalate' } },
  { key: 'withdrawn', label: { zh: '撤哨', en: 'Withdrawn' } },
];
export type WhistleResult = 'settled' | 'not-settled';

function clockSla(node: WhistleNode, clock: WhistleClock): Sla {
  return {
    within: clock.within,
    calendar: clock.calendar,
    ...(node.config.remindBefore !== undefined && { remindBefore: node.config.remindBefore }),
    onBreach: 'non-interrupting',
    escalateTo: node.config.supervisor,
  };
}

/** The report-in (报到) clock: from the summons. */
export function reportInSla(node: WhistleNode): Sla {
  return clockSla(node, node.config.reportIn ?? whistleLevelClocks[node.config.whistleLevel].reportIn);
}

/** The report-back (反馈) clock: also from the summons, so a late report-in eats into it. */
export function reportBackSla(node: WhistleNode): Sla {
  return clockSla(node, node.config.reportBack ?? whistleLevelClocks[node.config.whistleLevel].reportBack);
}

/**
 * A whistle's work-item ids: `<instance>~office` for the summoning office, `<instance>~<dept role>[-n]` for a summoned
 * department (n from the second summons of the same role at another unit), `<department item>~supervise-n` for a
 * missed clock. Built and read only here, so the runtime, the projection and the app agree.
 */
export const officeItemId = (instanceId: string): string => `${instanceId}~office`;

/** The whistle node instance a whistle work item belongs to: `whistle.1~dept-zhujian` → `whistle.1`. */
export function whistleInstanceOf(itemId: string): string {
  return itemId.split('~')[0] ?? itemId;
}

/** The department role a whistle work item (or its supervision item) is for; undefined for the office's. */
export function departmentRoleOf(itemId: string): string | undefined {
  const part = itemId.split('~')[1];
  return part === undefined || part === 'office' ? undefined : part.replace(/-\d+$/, '');
}

/** The stages of a summoned department's work item. */
export type DepartmentStage = 'summoned' | 'handling' | 'objected' | 'extension-requested' | 'reported-back';

/** The stage a department item's clock belongs to: before report-in it is the report-in clock. */
export function clockStage(item: WorkItem): 'summoned' | 'handling' {
  const stage =
    item.stage === 'objected' || item.stage === 'extension-requested' ? item.payload.stageBefore : item.stage;
  return stage === 'summoned' ? 'summoned' : 'handling';
}

/** The SLA a department's item runs on now. */
export function departmentSla(node: WhistleNode, item: WorkItem): Sla {
  return clockStage(item) === 'summoned' ? reportInSla(node) : reportBackSla(node);
}

/** The side moves of every summoned department, decided by the summoning office. */
export function whistleMoves(node: WhistleNode): AssignmentMoves {
  return {
    objection: { decidedBy: node.config.summoner, pausesClock: node.config.objection.pausesClock },
    ...(node.config.maxExtensions > 0 && {
      extension: { approvedBy: node.config.summoner, maxRequests: node.config.maxExtensions },
    }),
  };
}

/** The kind version a department item was opened at (version 2 items carry it in their payload). */
export function itemKindVersion(item: WorkItem | undefined): number {
  return typeof item?.payload.kindVersion === 'number' ? item.payload.kindVersion : 1;
}

/**
 * What the department itself may do in `stage` (no objection once `item`'s objection window has closed; interim
 * reports from kind version 2 on).
 */
export function departmentActions(node: WhistleNode, stage: string, item?: WorkItem): string[] {
  const object = item?.payload.objectionWindowClosed === true ? [] : ['object'];
  if (stage === 'summoned') return ['report-in', ...object];
  if (stage === 'handling') {
    return [
      'report-back',
      ...(itemKindVersion(item) >= 2 ? ['interim-report'] : []),
      ...object,
      ...(node.config.maxExtensions > 0 ? ['request-extension'] : []),
    ];
  }
  return [];
}

/** Whether a department item's report-back clock has passed at `now` (its report-back must then say why). */
export function reportBackLate(item: WorkItem, now: string): boolean {
  return clockStage(item) === 'handling' && item.deadline !== undefined && Date.parse(now) > Date.parse(item.deadline);
}
