import type { Actor } from '../../definitions/org';
import type { Queryable } from '../db/database';
import { HttpError, say } from '../http/errors';
import { assertCanReadCase } from '../read-model';
import type { CaseRow } from '../read-model/schemas';

/**
 * The case's row when `actor` may attach files to it: they read the case through a role other than auditor (an
 * auditor reads and never writes — server/access/policy.ts), and the case still runs. Out of reach: 404, as for reads;
 * readable only as an auditor: 403 `attachment.read-only`; finished: 409 `attachment.case-closed`.
 */
export async function assertCanAttachToCase(db: Queryable, actor: Actor, caseId: string): Promise<CaseRow> {
  const row = await assertCanReadCase(db, actor, caseId);
  const asWriter: Actor = { ...actor, memberships: actor.memberships.filter((m) => m.role !== 'auditor') };
  try {
    await assertCanReadCase(db, asWriter, caseId);
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) {
      throw new HttpError(
        403,
        'attachment.read-only',
        say('审计员只能查看附件，不能上传', 'auditors read attachments but cannot upload them'),
      );
    }
    throw error;
  }
  if (row.status !== 'running') {
    throw new HttpError(
      409,
      'attachment.case-closed',
      say(`案件“${caseId}”已结束，不能再添加附件`, `case "${caseId}" has finished; no more attachments`),
      { status: row.status },
    );
  }
  return row;
}
