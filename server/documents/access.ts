import { meetingInstanceOf } from '../../definitions/kinds/meeting-config';
import type { Actor } from '../../definitions/org';
import { isWithin, operatesCasesAt, unitsWithRole } from '../access/policy';
import { HttpError, say } from '../http/errors';

/**
 * Who prints a case's documents (vote notices, paper ballots, result notices, meeting minutes): the staff who run
 * cases there (community staff and secretary, a street's whistle office — {@link operatesCasesAt}) and auditors of a
 * unit above it (they read everything there). Others who may read the case (a property firm, a department) get 403:
 * the paper ballots list every unit and area, and the notices are published by the staff.
 */
export function printsCaseDocuments(actor: Actor, caseUnit: string): boolean {
  return operatesCasesAt(actor, caseUnit) || unitsWithRole(actor, 'auditor').some((unit) => isWithin(caseUnit, unit));
}

export function assertPrintsCaseDocuments(actor: Actor, caseUnit: string): void {
  if (printsCaseDocuments(actor, caseUnit)) return;
  throw new HttpError(
    403,
    'documents.forbidden',
    say(
      '只有案件所在社区的工作人员和审计员可以打印此文件',
      'only staff of the case’s community and auditors may print this document',
    ),
  );
}

/**
 * Whether the person was called to the meeting: they hold the role one of its work items is addressed to (the
 * convener, a party of any session, an action item's owner) at that item's unit. The minutes and attendance list are
 * theirs to print too — they scheduled, signed in, stated positions or owe an action item.
 */
export function calledToMeeting(
  actor: Actor,
  workItems: readonly { id: string; assigneeRole: string; assigneeUnit: string }[],
  instanceId: string,
): boolean {
  return workItems.some(
    (item) =>
      item.id.includes('~') &&
      meetingInstanceOf(item.id) === instanceId &&
      actor.memberships.some(
        (membership) => membership.role === item.assigneeRole && membership.orgUnit === item.assigneeUnit,
      ),
  );
}
