import { kindOf, kinds } from '../../definitions/kinds';
import { ProcessDefinition, type ProcessNode } from '../../definitions/schema';
import residentComplaint from '../../definitions/templates/resident-complaint.json';
import { replaceNode } from '../src/editor/document/edit-operations';
import { noDecorations } from '../src/editor/canvas/decorations';
import { nodeBox, nodeGeometry, nodeSize } from '../src/editor/canvas/node-geometry';
import { syncEdges, syncNodes } from '../src/editor/canvas/to-flow';

const complaint = () => ProcessDefinition.parse(structuredClone(residentComplaint));
const nothingSelected = new Set<string>();

function withOutcome(node: ProcessNode, key: string): ProcessNode {
  if (node.kind !== 'task') throw new Error(`${node.id} is not a task`);
  return {
    ...node,
    config: { ...node.config, outcomes: [...node.config.outcomes, { key, label: { zh: key, en: key } }] },
  };
}

describe('canvas nodes and edges from a definition', () => {
  test('given the complaint template, when synced, then every node carries its size (as measured) and one handle per outcome plus its target', () => {
    // given
    const definition = complaint();
    // when
    const nodes = syncNodes([], definition, noDecorations, nothingSelected);
    // then
    for (const flowNode of nodes) {
      const node = definition.nodes.find((candidate) => candidate.id === flowNode.id)!;
      const outcomes = kindOf(node).outcomes(node);
      expect(flowNode.width).toBe(nodeBox.width);
      expect(flowNode.measured).toEqual({ width: flowNode.width, height: flowNode.height });
      const sources = flowNode.handles!.filter((handle) => handle.type === 'source');
      expect(sources.map((handle) => handle.id)).toEqual(outcomes.map((outcome) => outcome.key));
      const targets = flowNode.handles!.filter((handle) => handle.type === 'target');
      expect(targets).toHaveLength(kinds[node.kind].acceptsIncoming ? 1 : 0);
    }
  });

  test.each([
    [0, 51],
    [1, 74],
    [2, 97],
    [5, 166],
  ])(
    'given %i outcome rows, when a node is sized, then it is %i px high (head, kind row, rows, borders)',
    (rows, height) => {
      // when
      const size = nodeSize(rows);
      // then
      expect(size).toEqual({ width: nodeBox.width, height });
    },
  );

  // Where Chromium lays the handles out at 1× (measured in the page): React Flow draws wires to these figures.
  test('given a task, when sized, then its outcome handles sit one row apart on the right edge, the target on the left', () => {
    // given
    const task = complaint().nodes.find((candidate) => candidate.id === 'callback')!;
    // when
    const { handles } = nodeGeometry(withOutcome(withOutcome(task, 'x'), 'y'));
    // then
    const sources = handles.filter((handle) => handle.type === 'source');
    expect(sources.map((handle) => [handle.x, handle.y])).toEqual([
      [170.5, 56.5],
      [170.5, 79.5],
      [170.5, 102.5],
      [170.5, 125.5],
    ]);
    expect(handles.find((handle) => handle.type === 'target')).toMatchObject({ x: -4.5, y: 11.5 });
  });

  test('given synced nodes, when one task gains an outcome, then only that node is new, taller, with one more handle', () => {
    // given
    const definition = complaint();
    const before = syncNodes([], definition, noDecorations, nothingSelected);
    const task = definition.nodes.find((candidate) => candidate.kind === 'task')!;
    // when
    const after = syncNodes(
      before,
      replaceNode(definition, task.id, withOutcome(task, 'more')),
      noDecorations,
      nothingSelected,
    );
    // then
    const changed = after.filter((node, index) => node !== before[index]).map((node) => node.id);
    expect(changed).toEqual([task.id]);
    const was = before.find((node) => node.id === task.id)!;
    const is = after.find((node) => node.id === task.id)!;
    expect(is.height! - was.height!).toBe(nodeBox.outcomeRow + nodeBox.outcomeSeparator);
    expect(is.handles!.length - was.handles!.length).toBe(1);
  });

  test.each([
    ['zh', 'property-handles', '已解决'],
    ['en', 'property-handles', 'Resolved'],
    ['zh', 'compound-meeting', '会议解决'],
    ['en', 'compound-meeting', 'Resolved by the meeting'],
  ] as const)(
    'given the complaint template, when its edges are synced in %s, then the "resolved" wire of %s is an outcome edge labelled %s',
    (language, from, label) => {
      // given
      const definition = complaint();
      // when
      const edges = syncEdges([], definition, noDecorations, language);
      // then
      expect(edges).toHaveLength(definition.edges.length);
      expect(new Set(edges.map((edge) => edge.type))).toEqual(new Set(['outcome']));
      const wire = edges.find((edge) => edge.source === from && edge.sourceHandle === 'resolved');
      expect(wire?.data?.label).toBe(label);
    },
  );

  test('given synced edges, when synced again with nothing changed, then every edge keeps its object', () => {
    // given
    const definition = complaint();
    const before = syncEdges([], definition, noDecorations, 'zh');
    // when
    const after = syncEdges(before, definition, noDecorations, 'zh');
    // then
    expect(after.every((edge, index) => edge === before[index])).toBe(true);
  });
});
