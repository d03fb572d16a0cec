import { z } from 'zod';
import { AttachmentRef } from '../../../../definitions/attachment-ref';
import { whistleInstanceOf } from '../../../../definitions/kinds/whistle-config';
import type { CaseWorkItem } from '../../api/case-schemas';

/**
 * How the whistle's work items read in the app: which side an item is on (`payload.part`), the state of each summoned
 * department (open in a stage, or closed accepted / released), and the office's view of all of them. Pure, so the
 * matrix's logic is tested without a browser.
 */

const Localized = z.object({ zh: z.string(), en: z.string() });
const Report = z.object({ by: z.string(), at: z.string(), onTime: z.boolean(), deadline: z.string().optional() });
/** Who decides a report-back (kind version 2): the lead department's item, or the summoning office. */
const Reviewer = z.union([
  z.object({ part: z.literal('lead'), itemId: z.string() }),
  z.object({ part: z.literal('office') }),
]);
/** 阶段性报告 (kind version 2): progress while handling, on the item and the timeline. */
const InterimReport = z.object({
  by: z.string(),
  at: z.string(),
  summary: z.string(),
  attachments: z.array(AttachmentRef).default([]),
  late: z.boolean().default(false),
});

/** A department item's payload as the whistle kind writes it (unknown fields ignored, missing ones defaulted). */
export const DepartmentPayload = z.object({
  part: z.literal('department'),
  lead: z.boolean().default(false),
  department: Localized.optional(),
  marks: z.array(z.string()).default([]),
  reportedIn: Report.optional(),
  reportedBack: Report.extend({
    summary: z.string().default(''),
    attachments: z.array(AttachmentRef).default([]),
    delayReason: z.string().nullable().optional(),
  }).optional(),
  /** The whistle kind version the item was opened at (absent: version 1). */
  kindVersion: z.number().int().default(1),
  reviewer: Reviewer.optional(),
  interimReports: z.array(InterimReport).default([]),
  objection: z.object({ reason: z.string(), by: z.string(), at: z.string() }).optional(),
  extension: z.object({ reason: z.string(), until: z.string(), by: z.string(), at: z.string() }).optional(),
});
export type DepartmentPayload = z.infer<typeof DepartmentPayload>;

export const SupervisionPayload = z.object({
  part: z.literal('supervision'),
  departmentItemId: z.string(),
  breach: z.string(),
  deadline: z.string().optional(),
});

export type WhistlePart = 'office' | 'department' | 'supervision';

export function partOf(item: CaseWorkItem): WhistlePart | undefined {
  const part = item.payload.part;
  return part === 'office' || part === 'department' || part === 'supervision' ? part : undefined;
}

/** The department's state as the matrix shows it: its stage while open, else how it closed. */
export type DepartmentState =
  | 'summoned'
  | 'handling'
  | 'objected'
  | 'extension-requested'
  | 'reported-back'
  | 'accepted'
  | 'released'
  | 'cancelled';

export interface DepartmentRow {
  item: CaseWorkItem;
  payload: DepartmentPayload;
  state: DepartmentState;
  /** Not reported in (or late): what the office must chase, shown red. */
  alarming: boolean;
}

const openStages = new Set<string>(['summoned', 'handling', 'objected', 'extension-requested', 'reported-back']);

function stateOf(item: CaseWorkItem): DepartmentState {
  if (item.status === 'open') return openStages.has(item.stage) ? (item.stage as DepartmentState) : 'handling';
  if (item.status === 'cancelled') return 'cancelled';
  return item.outcome === 'released' ? 'released' : 'accepted';
}

/** Every department summoned at the same whistle as `item`, in the order they were summoned. */
export function departmentRows(items: readonly CaseWorkItem[], item: CaseWorkItem): DepartmentRow[] {
  const instance = whistleInstanceOf(item.id);
  return items
    .filter((candidate) => whistleInstanceOf(candidate.id) === instance && partOf(candidate) === 'department')
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt))
    .map((candidate) => {
      const payload = DepartmentPayload.parse(candidate.payload);
      const state = stateOf(candidate);
      return {
        item: candidate,
        payload,
        state,
        alarming: state === 'summoned' || (candidate.status === 'open' && candidate.overdue),
      };
    });
}

/** The departments still on the whistle (not released): the summon form offers only the others. */
export function summonedKeys(rows: readonly DepartmentRow[]): Set<string> {
  return new Set(rows.map((row) => `${row.item.assigneeRole}@${row.item.assigneeUnit}`));
}

/** Whether a lead is on the whistle (open or accepted): a new department then joins as a co-handler. */
export function hasLead(rows: readonly DepartmentRow[]): boolean {
  return rows.some((row) => row.payload.lead && row.state !== 'released' && row.state !== 'cancelled');
}

/** The units departments may be summoned from for a case: its district and its street. */
export function summonableUnits(caseUnit: string): string[] {
  const segments = caseUnit.split('/');
  return [segments.slice(0, 2), segments.slice(0, 3)]
    .filter((part) => part.length >= 2 && part.length <= segments.length)
    .map((part) => part.join('/'));
}

/** Why the office cannot close yet, as a message key, or undefined ("事不完、人不撤"). */
export function closeBlocker(rows: readonly DepartmentRow[]): 'pending' | 'no-lead' | undefined {
  if (rows.some((row) => row.item.status === 'open')) return 'pending';
  if (!rows.some((row) => row.payload.lead && row.state === 'accepted')) return 'no-lead';
  return undefined;
}

/** The co-handlers' report-backs waiting for the lead whose item is `leadItemId` (首接负责, kind version 2). */
export function reportsForLead(rows: readonly DepartmentRow[], leadItemId: string): DepartmentRow[] {
  return rows.filter(
    (row) =>
      row.state === 'reported-back' &&
      row.payload.reviewer?.part === 'lead' &&
      row.payload.reviewer.itemId === leadItemId,
  );
}

/** Whether a report waits for the lead department rather than the office. */
export function awaitsLead(row: DepartmentRow): boolean {
  return row.state === 'reported-back' && row.payload.reviewer?.part === 'lead';
}

/**
 * Whether the item's report-back clock has passed at `nowMs` (kind version 2: its report-back must then give a reason
 * for the delay, as the whistle kind checks).
 */
export function reportBackLate(item: CaseWorkItem, payload: DepartmentPayload, nowMs: number): boolean {
  return (
    payload.kindVersion >= 2 &&
    (item.stage === 'handling' || item.stage === 'extension-requested') &&
    item.deadline !== undefined &&
    nowMs > Date.parse(item.deadline)
  );
}
