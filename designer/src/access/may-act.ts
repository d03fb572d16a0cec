import type { Actor } from '../../../definitions/org';
import { isAuditorOnly } from '../../../server/access/policy';

/**
 * Whether the person may act on a work item: they hold its assignee role at exactly its unit (what the workflow's
 * validator checks) and are not a read-only auditor (what the API refuses first).
 */
export function mayActOn(actor: Actor, item: { assigneeRole: string; assigneeUnit: string }): boolean {
  if (isAuditorOnly(actor)) return false;
  return actor.memberships.some(
    (membership) => membership.role === item.assigneeRole && membership.orgUnit === item.assigneeUnit,
  );
}
