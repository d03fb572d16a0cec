import { createHash } from 'node:crypto';
import type { AttachmentRef } from '../../definitions/attachment-ref';
import type { Actor } from '../../definitions/org';
import { waitForSnapshot, type CaseHarness } from '../support/case-harness';

/**
 * The steps the reference-template scenarios (test/templates/*-scenario.test.ts) take on a real Temporal server: wait
 * for a work item, act on it as someone, hand in an uploaded file's reference. One `Steps` per case: request ids are
 * unique within it.
 */
export function scenarioSteps(harness: CaseHarness, caseId: string) {
  let requests = 0;
  return {
    /** Waits until the case holds the open work item `id` (timers and activities settle asynchronously). */
    async item(id: string, timeoutMs = 30_000) {
      const snapshot = await waitForSnapshot(
        harness.service,
        caseId,
        (current) => current.workItems.some((item) => item.id === id),
        timeoutMs,
      ).catch(async (error: Error) => {
        const last = await harness.service.snapshot(caseId);
        const held = last.workItems.map((item) => `${item.id} (${item.stage})`).join(', ');
        const incidents = JSON.stringify(last.incidents);
        throw new Error(`${id} never opened; open: ${held}; incidents: ${incidents}; ${error.message}`);
      });
      return snapshot.workItems.find((item) => item.id === id)!;
    },
    /** Runs `action` on work item `workItemId` as `by`, once the item is there. */
    async act(workItemId: string, action: string, input: Record<string, unknown>, by: Actor) {
      await this.item(workItemId);
      requests += 1;
      return harness.service.act(caseId, { requestId: `${caseId}-${requests}`, workItemId, action, input, actor: by });
    },
    /** Completes task `workItemId` through `outcome` with form `data`. */
    complete(workItemId: string, outcome: string, data: Record<string, unknown>, by: Actor) {
      return this.act(workItemId, 'complete', { outcome, data }, by);
    },
    /** Waits until the case has finished and returns its last snapshot. */
    finished(timeoutMs = 30_000) {
      return waitForSnapshot(harness.service, caseId, (snapshot) => snapshot.status !== 'running', timeoutMs);
    },
  };
}

/** An uploaded PDF's reference as a form or the minutes carry it (the bytes themselves are not needed here). */
export function pdf(filename: string): AttachmentRef {
  return {
    sha256: createHash('sha256').update(filename).digest('hex'),
    filename,
    size: 48_213,
    contentType: 'application/pdf',
  };
}
