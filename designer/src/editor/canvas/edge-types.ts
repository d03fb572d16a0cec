import type { EdgeTypes } from '@xyflow/react';
import { OutcomeEdgeView } from './outcome-edge-view';

/** The edge type every wire uses (see {@link OutcomeEdgeView}). */
export const outcomeEdgeType = 'outcome';

/** React Flow's edge types, built once at module scope (a new object per render would remount every edge). */
export const edgeTypes: EdgeTypes = { [outcomeEdgeType]: OutcomeEdgeView };
