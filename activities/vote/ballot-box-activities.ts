import { ApplicationFailure, Context } from '@temporalio/activity';
import type { CaseActivityImplementations } from '../../definitions/engine';
import { ballotBoxId } from '../../definitions/kinds/vote-config';
import type { Database } from '../../server/db/database';
import { closeAndTally, openBallotBox } from '../../server/votes/ballot-box';

/** The error type of a vote's refusal (no roll for the compound, an unknown box): not retried, the case records an incident. */
export const VOTE_REFUSAL = 'VoteRefusal';

function refuse(issues: { code: string; message: string }[]): never {
  const message = issues.map((found) => `${found.code}: ${found.message}`).join('; ');
  throw ApplicationFailure.nonRetryable(message, VOTE_REFUSAL, { issues });
}

/**
 * The vote node's activities (issue 12 §2) on the worker's database. Both are idempotent because the ballot-box
 * functions are (a retried open answers the open box's snapshot; a retried count answers the same count). Neither
 * returns a ballot or an owner: counts, figures and digests only, so the case history stays small and impersonal.
 */
export function createVoteActivities(
  db: Database,
): Pick<CaseActivityImplementations, 'openBallotBox' | 'closeAndTally'> {
  return {
    async openBallotBox(request) {
      const caseId = Context.current().info.workflowExecution?.workflowId;
      if (caseId === undefined) throw new Error('openBallotBox runs only on behalf of a case workflow');
      const boxId = ballotBoxId(caseId, request.instanceId);
      const opened = await openBallotBox(db, {
        id: boxId,
        compound: request.compound,
        matters: request.matters,
        ruleSet: request.ruleSet,
        openedAt: new Date(request.openedAt),
        ...(request.nonParticipants !== undefined ? { nonParticipants: request.nonParticipants } : {}),
        ...(request.nonParticipantsClause !== undefined
          ? { nonParticipantsClause: request.nonParticipantsClause }
          : {}),
      });
      if (!opened.ok) refuse(opened.issues);
      const { units, area, heads, hash } = opened.snapshot;
      return { boxId, units, area, heads, electorateHash: hash };
    },
    async closeAndTally(request) {
      const counted = await closeAndTally(db, request.boxId, new Date(request.closedAt));
      if (!counted.ok) refuse(counted.issues);
      return counted.tally;
    },
  };
}
