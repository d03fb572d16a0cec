import { z } from 'zod';

/**
 * An activity that failed for good (DESIGN §2: faults are data). The case keeps running everything it can; the node
 * that waited for the activity keeps waiting until an admin retries the activity or resolves the incident by hand.
 */
export const IncidentStatus = z.enum(['open', 'retrying', 'resolved']);
export const Incident = z.object({
  id: z.string(),
  /** The activity call that failed (its id in `state.pendingActivities` while open). */
  activityId: z.string(),
  activity: z.string(),
  nodeId: z.string().optional(),
  errorType: z.string(),
  message: z.string().max(2000),
  openedAt: z.string(),
  status: IncidentStatus,
  attempts: z.number().int().min(1),
  resolvedAt: z.string().optional(),
  resolvedBy: z.string().optional(),
  resolution: z.string().max(2000).optional(),
});
export type Incident = z.infer<typeof Incident>;
