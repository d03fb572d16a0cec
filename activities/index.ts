import { Context } from '@temporalio/activity';
import type { NotificationRequest } from '../definitions/engine';
import type { Database } from '../server/db/database';
import { computeDeadline, type DeadlineRequest, type DeadlineResult } from './deadline/compute-deadline';
import { createChannels } from './notify/channels';
import { createProjectCase } from './project/project-case';

/** What the activities need from their host. */
export interface ActivityDependencies {
  dataDir: string;
  /** The read model's database (the `projectCase` activity writes cases, tasks and the audit timeline there). */
  db: Database;
}

/**
 * The case workflow's activities: side effects and anything that must be computed once and recorded in history
 * (working-day deadlines: the holiday schedule changes every year, a running case keeps the deadline it was given), and
 * the read-model projection.
 */
export function createCaseActivities(dependencies: ActivityDependencies) {
  const channels = createChannels(dependencies.dataDir);
  return {
    async computeDeadline(request: DeadlineRequest): Promise<DeadlineResult> {
      return computeDeadline(request);
    },
    async sendNotification(notification: NotificationRequest): Promise<void> {
      const caseId = Context.current().info.workflowExecution?.workflowId;
      if (caseId === undefined) throw new Error('sendNotification runs only on behalf of a case workflow');
      await channels[notification.channel].send({ ...notification, caseId });
    },
    projectCase: createProjectCase(dependencies.db),
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
