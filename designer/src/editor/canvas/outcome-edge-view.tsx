import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useZoomedOut } from './detail-level';
import type { OutcomeFlowEdge } from './to-flow';

/**
 * How a wire is drawn: React Flow's bezier path with its outcome label as one SVG text, set off from the wire by a
 * white halo (styles.css `.outcome-edge-label`). React Flow's own edge label measures each text with `getBBox` and
 * renders the edge again to size a background box — with hundreds of wires that is a whole extra pass on opening.
 * Zoomed out (detail-level), the label is left out: it could not be read.
 */
function OutcomeEdgeViewComponent({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  style,
  markerEnd,
  markerStart,
  interactionWidth,
}: EdgeProps<OutcomeFlowEdge>) {
  const zoomedOut = useZoomedOut();
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={style}
        markerEnd={markerEnd}
        markerStart={markerStart}
        interactionWidth={interactionWidth}
      />
      {data?.label && !zoomedOut && (
        <text className="outcome-edge-label" x={labelX} y={labelY} textAnchor="middle" dominantBaseline="central">
          {data.label}
        </text>
      )}
    </>
  );
}

/** Memoised: React Flow re-renders a wire only when its ends, data or selection change. */
export const OutcomeEdgeView = memo(OutcomeEdgeViewComponent);
