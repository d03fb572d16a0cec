import type { ComponentType } from 'react';
import type { CaseWorkItem } from '../api/case-schemas';
import type { ProcessNode } from '../../../definitions/schema';

/** What every work-item panel receives: the case, the open item, its node (if the definition is loaded). */
export interface WorkItemPanelProps {
  caseId: string;
  item: CaseWorkItem;
  node: ProcessNode | undefined;
  /** Whether the API has the generic work-item action route (engine v2); otherwise tasks use the completion route. */
  viaWorkItems: boolean;
  onDone?(): void;
}

/** A kind's panel: how its open work items are acted on. */
export type WorkItemPanel = ComponentType<WorkItemPanelProps>;
