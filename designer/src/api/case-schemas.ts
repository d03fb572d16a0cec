import { z } from 'zod';
import type { OutcomeDeclaration } from '../../../definitions/common';
import type { Incident } from '../../../definitions/engine/incidents';
import { WorkItemView } from '../../../definitions/engine/work-items';
import { CaseSnapshotView } from '../../../server/http/routes/case-schemas';
import { OrgUnitsResponse } from '../../../server/http/routes/directory-schemas';
import {
  AuditTimelinePage,
  CaseRow,
  ChainVerification,
  DoneItem,
  DoneItemPage,
  InboxItem,
  InboxPage,
} from '../../../server/read-model/schemas';

/**
 * The case, inbox and audit answers the workspaces read, in one place: the server's own response schemas (pure
 * modules), normalised where a page needs it, so an API change is adapted here and nowhere else.
 */

export { CaseRow, ChainVerification, AuditTimelinePage };
export type { AuditEntry } from '../../../server/read-model/schemas';
export const OrgUnits = OrgUnitsResponse;
export type OrgUnit = z.infer<typeof OrgUnitsResponse>['orgUnits'][number];

/** One piece of work in an inbox or on a department board, whatever the node kind (`GET /api/inbox` row). */
export { InboxItem, InboxPage };

/** One work item the person completed (`GET /api/inbox/done` row, 已办). */
export { DoneItem, DoneItemPage };

/** `GET /api/cases`. */
export const CasePage = z.object({ cases: z.array(CaseRow), nextCursor: z.string().optional() });
export type CasePage = z.infer<typeof CasePage>;
export type CaseSummary = z.infer<typeof CaseRow>;

/** An open work item of a case, as the case page shows it (v2 work item; today's open task read as one). */
export const CaseWorkItem = WorkItemView;
export type CaseWorkItem = z.infer<typeof WorkItemView>;

/**
 * A live case (or, past Temporal's retention, the read model's copy): every work item, open and closed, and its
 * incidents. `actsOnWorkItems` says the generic work-item action route is there (engine v2 API: always now; kept so
 * the task completion route remains the one fallback place).
 */
export const CaseSnapshot = CaseSnapshotView.transform(({ path, ...snapshot }) => ({
  ...snapshot,
  path: path ?? [],
  actsOnWorkItems: true,
}));
export type CaseSnapshot = z.infer<typeof CaseSnapshot>;
export type CaseIncident = z.infer<typeof Incident>;
export type Outcome = z.infer<typeof OutcomeDeclaration>;

export const CaseAnswer = z.object({ snapshot: CaseSnapshot });

/** `POST /api/cases`: v2 `{ caseId, case }` or today's `{ caseId, snapshot }`; the page only needs the id. */
export const StartedCaseAnswer = z.object({ caseId: z.string() });

/** `POST …/actions/:action` (v2) or `POST …/tasks/:taskId/complete` (today); the page refetches the case after. */
export const ActAnswer = z.union([
  z.object({ result: z.object({ status: z.string(), workItems: z.array(z.unknown()) }) }),
  z.object({ snapshot: z.unknown() }),
]);

/** `GET /api/cases/:id/temporal-history`. */
export const TemporalHistoryPage = z.object({
  events: z.array(z.record(z.string(), z.unknown())),
  nextPageToken: z.string().optional(),
});
export type TemporalHistoryPage = z.infer<typeof TemporalHistoryPage>;
