import { z } from 'zod';
import { Identifier } from './common';
import { Calendar } from './duration';

/**
 * A service-level agreement on a waiting node (a task today; whistle, meeting and vote nodes reuse it later).
 * - `within`: ISO-8601 duration, counted on `calendar` (natural clock/days, or working days: DOMAIN §5);
 * - `remindBefore`: optional clock or day duration before the deadline at which the assignees are reminded;
 * - `onBreach`: `interrupting` — the node closes and leaves through its `overdue` outcome;
 *   `non-interrupting` — the node stays open, `escalateTo` is notified and the case is marked overdue.
 */
export const Sla = z.object({
  within: z.string(),
  calendar: Calendar.default('natural'),
  remindBefore: z.string().optional(),
  onBreach: z.enum(['interrupting', 'non-interrupting']),
  escalateTo: Identifier.optional(),
});
export type Sla = z.infer<typeof Sla>;

/** The outcome key a node leaves through when an interrupting SLA breaches. */
export const OVERDUE_OUTCOME = 'overdue';
