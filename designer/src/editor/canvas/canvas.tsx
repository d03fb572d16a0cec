import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  getNodesBounds,
  getViewportForBounds,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import type { NodeKind } from '../../../../definitions/kinds';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { useI18n } from '../../i18n/i18n';
import { addEdge, addNode, moveNodes, removeElements } from '../document/edit-operations';
import { freshNodeId, newNode } from '../document/new-node';
import type { Selection } from '../document/selection';
import { connectionRefusal, type ConnectionRefusal } from './connection-rules';
import { useZoomedOutState, ZoomedOutContext } from './detail-level';
import type { Decorations } from './decorations';
import { edgeTypes } from './edge-types';
import { nodeTypes } from './node-types';
import { paletteDragType, parseKind } from './palette-drag';
import { syncEdges, syncNodes, type OutcomeFlowEdge, type ProcessFlowNode } from './to-flow';

export interface CanvasProps {
  definition: ProcessDefinition;
  decorations: Decorations;
  selection: Selection;
  readOnly: boolean;
  onChange(definition: ProcessDefinition): void;
  /** Receives an updater: node and edge selection changes of one gesture arrive separately and must compose. */
  onSelectionChange(update: (current: Selection) => Selection): void;
  onRefused?(reason: ConnectionRefusal): void;
}

function nextSelection(current: ReadonlySet<string>, changes: readonly (NodeChange | EdgeChange)[]): Set<string> {
  const next = new Set(current);
  for (const change of changes) {
    if (change.type !== 'select') continue;
    if (change.selected) next.add(change.id);
    else next.delete(change.id);
  }
  return next;
}

const zoomRange = { min: 0.1, max: 2 } as const;
const fitPadding = 0.1;

/**
 * The view that shows every node, computed before React Flow first draws (the nodes' sizes are known up front), so a
 * large template is drawn once at its fitted zoom — zoomed out, in low detail — rather than first at 100 % and then
 * again. Undefined while the surface has no size yet (React Flow's own fitView then does the job).
 */
function fittedViewport(surface: HTMLDivElement | null, nodes: readonly ProcessFlowNode[]): Viewport | undefined {
  const box = surface?.getBoundingClientRect();
  if (!box || box.width === 0 || box.height === 0 || nodes.length === 0) return undefined;
  return getViewportForBounds(
    getNodesBounds([...nodes]),
    box.width,
    box.height,
    zoomRange.min,
    zoomRange.max,
    fitPadding,
  );
}

/**
 * The drawing surface. The definition is the truth: React Flow's nodes and edges are derived from it (keeping
 * measurements and unchanged objects), and every gesture — drop, connect, drag end, delete — becomes one new
 * definition passed to `onChange` (one undo step). Forbidden wires are refused while dragging.
 */
export function Canvas({
  definition,
  decorations,
  selection,
  readOnly,
  onChange,
  onSelectionChange,
  onRefused,
}: CanvasProps) {
  const { language } = useI18n();
  const flow = useReactFlow();
  const [nodes, setNodes] = useState<ProcessFlowNode[]>(() => syncNodes([], definition, decorations, selection.nodes));
  const [edges, setEdges] = useState<OutcomeFlowEdge[]>(() => syncEdges([], definition, decorations, language));
  const latest = useRef({ definition });
  latest.current = { definition };
  // Marks the canvas while the view moves (see `.canvas.moving` in styles.css), without re-rendering anything.
  const surface = useRef<HTMLDivElement>(null);
  const zoomedOut = useZoomedOutState();
  // Measured before the first paint; React Flow mounts once it is known.
  const [initialView, setInitialView] = useState<{ viewport?: Viewport }>();
  useLayoutEffect(() => {
    setInitialView({ viewport: fittedViewport(surface.current, nodes) });
    // Only at mount: later edits keep the person's view.
  }, []);
  const onMoveStart = useCallback(() => surface.current?.classList.add('moving'), []);
  const onMoveEnd = useCallback(() => surface.current?.classList.remove('moving'), []);

  useEffect(() => {
    setNodes((previous) => syncNodes(previous, definition, decorations, selection.nodes));
  }, [definition, decorations, selection.nodes]);
  useEffect(() => {
    setEdges((previous) =>
      syncEdges(previous, definition, decorations, language).map((edge) =>
        edge.selected === selection.edges.has(edge.id) ? edge : { ...edge, selected: selection.edges.has(edge.id) },
      ),
    );
  }, [definition, decorations, language, selection.edges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ProcessFlowNode>[]) => {
      const local = changes.filter((change) => change.type !== 'remove' && change.type !== 'select');
      if (local.length > 0) setNodes((current) => applyNodeChanges(local, current));
      if (changes.some((change) => change.type === 'select')) {
        onSelectionChange((current) => ({ nodes: nextSelection(current.nodes, changes), edges: current.edges }));
      }
    },
    [onSelectionChange],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<OutcomeFlowEdge>[]) => {
      const local = changes.filter((change) => change.type !== 'remove' && change.type !== 'select');
      if (local.length > 0) setEdges((current) => applyEdgeChanges(local, current));
      if (changes.some((change) => change.type === 'select')) {
        onSelectionChange((current) => ({ nodes: current.nodes, edges: nextSelection(current.edges, changes) }));
      }
    },
    [onSelectionChange],
  );

  const isValidConnection = useCallback(
    (connection: Connection | OutcomeFlowEdge) =>
      !readOnly && connectionRefusal(latest.current.definition, connection) === undefined,
    [readOnly],
  );
  const onConnect = useCallback(
    (connection: Connection) => {
      const { definition: current } = latest.current;
      if (connectionRefusal(current, connection) !== undefined || !connection.sourceHandle) return;
      onChange(addEdge(current, { from: connection.source, outcome: connection.sourceHandle, to: connection.target }));
    },
    [onChange],
  );
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.toNode || !state.fromNode) return;
      const reason = connectionRefusal(latest.current.definition, {
        source: state.fromNode.id,
        sourceHandle: state.fromHandle?.id,
        target: state.toNode.id,
      });
      if (reason) onRefused?.(reason);
    },
    [onRefused],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: ProcessFlowNode, dragged: ProcessFlowNode[]) => {
      const positions = new Map(dragged.map((node) => [node.id, node.position]));
      onChange(moveNodes(latest.current.definition, positions));
    },
    [onChange],
  );
  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: ProcessFlowNode[]; edges: OutcomeFlowEdge[] }) => {
      onChange(
        removeElements(
          latest.current.definition,
          gone.map((node) => node.id),
          cut.map((edge) => edge.id),
        ),
      );
      onSelectionChange(() => ({ nodes: new Set(), edges: new Set() }));
    },
    [onChange, onSelectionChange],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(paletteDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind: NodeKind | undefined = parseKind(event.dataTransfer.getData(paletteDragType));
      if (!kind || readOnly) return;
      event.preventDefault();
      const { definition: current } = latest.current;
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = freshNodeId(current, kind);
      onChange(addNode(current, newNode(kind, id, position, current)));
      onSelectionChange(() => ({ nodes: new Set([id]), edges: new Set() }));
    },
    [flow, onChange, onSelectionChange, readOnly],
  );

  return (
    <div className="canvas" data-testid="canvas" ref={surface} onDragOver={onDragOver} onDrop={onDrop}>
      <ZoomedOutContext.Provider value={zoomedOut}>
        {initialView && (
          <ReactFlow<ProcessFlowNode, OutcomeFlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            onNodeDragStop={onNodeDragStop}
            onDelete={onDelete}
            onMoveStart={onMoveStart}
            onMoveEnd={onMoveEnd}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            edgesReconnectable={false}
            deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
            multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
            onlyRenderVisibleElements={definition.nodes.length > 150 && !zoomedOut}
            fitView
            minZoom={0.1}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <MiniMap pannable zoomable />
            <Controls showInteractive={false} />
          </ReactFlow>
        )}
      </ZoomedOutContext.Provider>
    </div>
  );
}
