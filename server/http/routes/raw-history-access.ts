import type { Actor } from '../../../definitions/org';
import { isWithin } from '../../access/policy';
import { HttpError, say } from '../errors';

/**
 * Who may read a case's raw Temporal history (every payload: other people's memberships, all form data): auditors
 * holding their role at or above the case's unit, and admins of the district the case belongs to. Everyone else who
 * reads the case gets the domain timeline (`…/history`), which shows what people did without the raw inputs.
 */
export function readsRawHistory(actor: Actor, caseUnit: string): boolean {
  return actor.memberships.some(
    (membership) =>
      (membership.role === 'auditor' || membership.role === 'district-admin') && isWithin(caseUnit, membership.orgUnit),
  );
}

/** Refuses (403 `case.raw-history-forbidden`) a caller who reads the case but not its raw history. */
export function assertReadsRawHistory(actor: Actor, caseUnit: string): void {
  if (readsRawHistory(actor, caseUnit)) return;
  throw new HttpError(
    403,
    'case.raw-history-forbidden',
    say(
      'Temporal 原始历史仅限审计员和本区流程管理员查看；请查看审计时间线',
      'the raw Temporal history is for auditors and the district’s admins only; read the audit timeline instead',
    ),
  );
}
