import { ActivityFailure, ApplicationFailure, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';
import type { ActivityCall, CaseActivityImplementations } from '../definitions/engine';

/**
 * How the case workflow calls its activities, per engine version (the retry policies are part of a version's
 * behaviour: version 1 retried notifications forever and failed the case on a refused deadline; version 2 gives up
 * after a bounded time and records an incident instead).
 */
function activitiesFor(engineVersion: number): CaseActivityImplementations {
  const legacy = engineVersion < 2;
  const { computeDeadline } = proxyActivities<CaseActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { nonRetryableErrorTypes: ['DeadlineInputError'], ...(!legacy && { maximumAttempts: 5 }) },
  });
  // Version 2: about a quarter of an hour of retries, then an incident an admin can retry.
  const { sendNotification } = proxyActivities<CaseActivities>({
    startToCloseTimeout: '30 seconds',
    retry: legacy
      ? { initialInterval: '1 second', maximumInterval: '5 minutes' }
      : { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 12 },
  });
  // The vote's ballot box (issue 12 §2): a refusal (no roll, no box) is not retried and becomes an incident.
  const { openBallotBox, closeAndTally } = proxyActivities<CaseActivities>({
    startToCloseTimeout: '2 minutes',
    retry: { nonRetryableErrorTypes: ['VoteRefusal'], maximumAttempts: 5 },
  });
  return { computeDeadline, sendNotification, openBallotBox, closeAndTally } satisfies CaseActivityImplementations;
}

/** A runner of the activity calls the interpreter asks for, with the case's engine version's retry policies. */
export function activityRunner(engineVersion: number): (call: ActivityCall) => Promise<unknown> {
  const activities = activitiesFor(engineVersion);
  return (call) => {
    switch (call.name) {
      case 'computeDeadline':
        return activities.computeDeadline(call.input);
      case 'sendNotification':
        return activities.sendNotification(call.input);
      case 'openBallotBox':
        return activities.openBallotBox(call.input);
      case 'closeAndTally':
        return activities.closeAndTally(call.input);
    }
  };
}

/** Engine version 1 projects with a (retried forever) activity; version 2 with a local activity in the same task. */
export const { projectCase: projectCaseActivity } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
export const { recordProjection: projectCaseLocally } = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The error type and message of an activity that failed for good (for the incident). */
export function failureOf(error: unknown): { errorType: string; message: string } {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure)
    return { errorType: cause.type ?? 'ApplicationFailure', message: cause.message };
  if (cause instanceof Error) return { errorType: cause.name, message: cause.message };
  return { errorType: 'Error', message: String(cause) };
}
