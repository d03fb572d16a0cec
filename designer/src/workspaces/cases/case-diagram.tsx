import '@xyflow/react/dist/style.css';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import type { PathStep, TimelineEntry } from '../../../../definitions/engine/state';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { Canvas } from '../../editor/canvas/canvas';
import { emptySelection } from '../../editor/document/selection';
import { pathDecorations } from './path-highlights';

const ignore = () => undefined;

/**
 * The case's process drawn read-only with the designer's own canvas, the path taken and the current positions
 * highlighted. Loaded on its own (React.lazy): the inbox never pulls React Flow in.
 */
export default function CaseDiagram({
  definition,
  path,
  openNodeIds,
  timeline,
}: {
  definition: ProcessDefinition;
  path: readonly PathStep[];
  openNodeIds: readonly string[];
  timeline: readonly TimelineEntry[];
}) {
  const decorations = useMemo(() => pathDecorations(path, openNodeIds, timeline), [path, openNodeIds, timeline]);
  return (
    <div className="case-diagram" data-testid="case-diagram">
      <ReactFlowProvider>
        <Canvas
          definition={definition}
          decorations={decorations}
          selection={emptySelection}
          readOnly
          onChange={ignore}
          onSelectionChange={ignore}
        />
      </ReactFlowProvider>
    </div>
  );
}
