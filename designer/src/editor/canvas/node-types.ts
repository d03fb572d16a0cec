import type { NodeTypes } from '@xyflow/react';
import { kinds } from '../../../../definitions/kinds';
import { ProcessNodeView } from './process-node-view';

/**
 * React Flow's node types, built once at module scope from the kinds registry (a new object per render would make
 * React Flow remount every node). Every kind is drawn by the same view, which reads its kind's outcomes and palette.
 */
export const nodeTypes: NodeTypes = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, ProcessNodeView]));
