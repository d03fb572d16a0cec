import type { CaseActivityImplementations } from '../definitions/engine';
import type { Database } from '../server/db/database';
import { computeDeadline } from './deadline/compute-deadline';
import { importedCalendarSource } from './deadline/imported-schedules';
import { createSendNotification } from './notify/send-notification';
import { createProjectCase } from './project/project-case';
import type { ProjectCaseRequest } from './project/projection-request';
import { createVoteActivities } from './vote/ballot-box-activities';

/** What the activities need from their host. */
export interface ActivityDependencies {
  dataDir: string;
  /** The read model's database (the `projectCase` activity writes cases, work items and the audit timeline there). */
  db: Database;
}

/**
 * The case workflow's activities: one implementation per entry of the engine's activity registry
 * (`definitions/engine/activity-registry.ts`, checked by `satisfies`) — side effects and anything that must be
 * computed once and recorded in history (working-day deadlines: the holiday schedule changes every year, a running
 * case keeps the deadline it was given) — plus the read-model projection, which the shell calls itself.
 */
export function createCaseActivities(dependencies: ActivityDependencies) {
  const sendNotification = createSendNotification({ db: dependencies.db });
  const holidays = importedCalendarSource(dependencies.db);
  const registered = {
    /** On the bundled holiday years plus the imported ones in force now (issue 11 §4). */
    async computeDeadline(request) {
      return computeDeadline(request, await holidays.calendar());
    },
    /** Writes the notification into the database outbox; the dispatcher delivers it (server/notifications). */
    sendNotification,
    /** The vote node's ballot box (issue 12 §2): opened from the roll, closed and counted, on this database. */
    ...createVoteActivities(dependencies.db),
  } satisfies CaseActivityImplementations;
  const projectCase = createProjectCase(dependencies.db);
  return {
    ...registered,
    projectCase,
    /**
     * The local-activity form of `projectCase` (engine version 2). A local activity's input is not recorded in history,
     * only its result, so it answers with the request it applied: `gongzhi read-model rebuild` decodes it from there.
     */
    async recordProjection(request: ProjectCaseRequest): Promise<{ request: ProjectCaseRequest }> {
      await projectCase(request);
      return { request };
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
