import { z } from 'zod';
import { LocalizedText } from '../../definitions/common';
import { CaseStatus, TimelineEntry } from '../../definitions/engine/state';
import { SlaState } from '../../definitions/engine/work-items';

/** One case as lists show it (the `cases` table). Instants are ISO strings in +08:00, like the workflow's. */
export const CaseRow = z.object({
  caseId: z.string(),
  templateKey: z.string(),
  templateVersion: z.number().int(),
  templateName: LocalizedText,
  orgUnit: z.string(),
  status: CaseStatus,
  overdue: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  startedBy: z.string(),
  /** Incidents (activities that failed for good) not yet retried or resolved. */
  openIncidents: z.number().int().min(0),
  updatedAt: z.string(),
});
export type CaseRow = z.infer<typeof CaseRow>;

/**
 * One open work item in an inbox, whatever its kind (a task, a whistle's department, a meeting's sign-in), with the
 * case facts an inbox row needs. `payload` is the small JSON object the kind defines for it.
 */
export const InboxItem = z.object({
  caseId: z.string(),
  workItemId: z.string(),
  kind: z.string(),
  nodeId: z.string(),
  title: LocalizedText,
  assigneeRole: z.string(),
  assigneeUnit: z.string(),
  openedAt: z.string(),
  deadline: z.string().optional(),
  deadlineProvisional: z.boolean().optional(),
  /** Stored overdue (the SLA breached) or a deadline already past. */
  overdue: z.boolean(),
  slaState: SlaState,
  stage: z.string(),
  payload: z.record(z.string(), z.unknown()),
  templateKey: z.string(),
  caseOrgUnit: z.string(),
});
export type InboxItem = z.infer<typeof InboxItem>;

/** `GET /api/inbox`: a page of open work items; `nextCursor` is there when more follow. */
export const InboxPage = z.object({ items: z.array(InboxItem), nextCursor: z.string().optional() });
export type InboxPage = z.infer<typeof InboxPage>;

/**
 * One work item the caller completed (已办), newest first, with the case facts a list row needs. `overdue` says whether
 * its SLA was breached when it was closed.
 */
export const DoneItem = InboxItem.omit({
  deadlineProvisional: true,
  slaState: true,
  stage: true,
  payload: true,
}).extend({
  closedAt: z.string(),
  outcome: z.string().optional(),
  templateVersion: z.number().int(),
  caseStatus: CaseStatus,
});
export type DoneItem = z.infer<typeof DoneItem>;

/** `GET /api/inbox/done`: a page of completed work items; `nextCursor` is there when more follow. */
export const DoneItemPage = z.object({ items: z.array(DoneItem), nextCursor: z.string().optional() });
export type DoneItemPage = z.infer<typeof DoneItemPage>;

/** One line of the audit timeline with its place in the hash chain. */
export const AuditEntry = TimelineEntry.extend({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A page of the audit timeline; `nextAfterSeq` is there when more entries follow. */
export const AuditTimelinePage = z.object({
  entries: z.array(AuditEntry),
  nextAfterSeq: z.number().int().optional(),
});
export type AuditTimelinePage = z.infer<typeof AuditTimelinePage>;

/** Stable codes of what {@link ChainVerification} can find wrong. */
export const ChainProblemCode = z.enum([
  'chain.gap',
  'chain.broken-link',
  'chain.edited',
  'chain.column-mismatch',
  'chain.truncated',
]);

/**
 * The result of recomputing a case's audit chain: `ok`, how many entries were checked, and when not ok the first
 * broken seq and what is wrong there (Chinese first, English beside; `problemCode` stable for programs).
 */
export const ChainVerification = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBrokenSeq: z.number().int().optional(),
  problem: z.string().optional(),
  problemCode: ChainProblemCode.optional(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;
