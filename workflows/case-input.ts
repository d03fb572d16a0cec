import { z } from 'zod';
import { TimelineEntry } from '../definitions/engine/state';
import { WorkItemView } from '../definitions/engine/work-items';
import { OrgUnitPath } from '../definitions/org';
import { ProcessDefinition } from '../definitions/schema';

/** The engine version new cases start on (see `definitions/engine/state.ts` for what each version changed). */
export const CURRENT_ENGINE_VERSION = 4;

/** Which published template version a case runs: key, version and the content hash of its definition. */
export const TemplateRef = z.object({
  key: z.string().min(1),
  version: z.number().int().min(1),
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});
export type TemplateRef = z.infer<typeof TemplateRef>;

/**
 * The case workflow's input. It carries the exact definition the case started with, so a case keeps running on it
 * when newer versions are published and its history is self-contained for auditors. `resume` is set only when the
 * workflow continues as new (the interpreter state and how far the read model got).
 */
export const CaseWorkflowInput = z.object({
  template: TemplateRef,
  definition: ProcessDefinition,
  orgUnit: OrgUnitPath,
  variables: z.record(z.string(), z.unknown()),
  startedBy: z.string().min(1),
  /**
   * The engine version the case starts on (the server sets {@link CURRENT_ENGINE_VERSION}). Absent in cases started
   * before the input carried it: those ask `patched()` for it, as they did when they were recorded.
   */
  engineVersion: z.number().int().min(2).max(CURRENT_ENGINE_VERSION).optional(),
  /** History length after which the case continues as new (Temporal also suggests it on its own). */
  continueAsNewAfterEvents: z.number().int().min(100).default(5000),
  resume: z
    .object({
      /** The interpreter state of either engine version (read with `readCaseState`). */
      state: z.record(z.string(), z.unknown()),
      /**
       * How many timeline entries the read model already holds. A run waits for its projection in flight before it
       * continues as new, but entries logged while continue-as-new was due are left to the new run, which projects from
       * here first thing. Absent when the previous run predates projections: the new run projects the whole timeline.
       */
      projected: z.number().int().min(0).optional(),
      /** Entries the previous run logged but had not projected yet (engine version 1 may continue as new so). */
      pendingEntries: z.array(TimelineEntry).optional(),
      /** Work items closed since the previous run's last projection. */
      pendingClosedItems: z.array(WorkItemView).optional(),
    })
    .optional(),
});
export type CaseWorkflowInput = z.input<typeof CaseWorkflowInput>;

export const CancelCaseRequest = z.object({
  requestId: z.string().trim().min(1).max(128),
  reason: z.string().trim().min(1, '撤销须说明理由 / a reason is required').max(1000),
  actor: z.string().trim().min(1).max(128),
});
export type CancelCaseRequest = z.infer<typeof CancelCaseRequest>;
