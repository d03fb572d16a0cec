import { z } from 'zod';
import { Identifier } from './common';

/**
 * The side moves an assignee may make on a work item (DESIGN §2 `assignments`), declared per node:
 * - `objection` (派单异议): the assignee says the work is not theirs, with a reason; `decidedBy` rules — upheld, the
 *   item closes through `upheldOutcome` (the kind decides what that means: a task leaves through that outcome, a
 *   whistle re-dispatches); overruled, the assignee keeps it. `pausesClock` says whether the deadline stops while the
 *   objection is ruled on (ServiceNow-style pause; the remaining time resumes when it is overruled).
 * - `extension` (延期): the assignee asks for a later deadline with a reason; `approvedBy` grants (possibly with another
 *   deadline) or refuses; at most `maxRequests` requests per item.
 */
export const AssignmentMoves = z.object({
  objection: z
    .object({
      decidedBy: Identifier,
      upheldOutcome: Identifier.optional(),
      pausesClock: z.boolean().default(false),
    })
    .optional(),
  extension: z
    .object({
      approvedBy: Identifier,
      maxRequests: z.number().int().min(1).max(5).default(1),
    })
    .optional(),
});
export type AssignmentMoves = z.infer<typeof AssignmentMoves>;
