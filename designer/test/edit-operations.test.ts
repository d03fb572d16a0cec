import { historyReducer, startHistory } from '../src/editor/document/history';
import { copyFragment, pasteFragment, removeElements } from '../src/editor/document/edit-operations';
import { newNode } from '../src/editor/document/new-node';
import { starterDefinition } from '../../definitions/templates/starter';
import { validateDefinition } from '../../definitions/validate';
import { kinds, type NodeKind } from '../../definitions/kinds';
import { complaintDefinition } from './fake-api';

describe('edit operations', () => {
  test('given two wired tasks, when they are copied and pasted, then the copies get fresh ids, keep the wire between them and move by the offset', () => {
    // given
    const definition = complaintDefinition();
    const fragment = copyFragment(definition, ['compound-meeting', 'community-meeting']);
    // when
    const pasted = pasteFragment(definition, fragment, { x: 40, y: 40 });
    // then
    expect(pasted.nodeIds).toEqual(['task-1', 'task-2']);
    expect(pasted.definition.edges).toContainEqual({ from: 'task-1', outcome: 'escalate', to: 'task-2' });
    const original = definition.nodes.find((node) => node.id === 'compound-meeting')!;
    expect(pasted.definition.nodes.find((node) => node.id === 'task-1')?.position).toEqual({
      x: original.position.x + 40,
      y: original.position.y + 40,
    });
    expect(pasted.definition.nodes).toHaveLength(definition.nodes.length + 2);
  });

  test('given a node, when it is removed, then every wire touching it goes too', () => {
    // given
    const definition = complaintDefinition();
    // when
    const next = removeElements(definition, ['callback'], []);
    // then
    expect(next.edges.some((edge) => edge.from === 'callback' || edge.to === 'callback')).toBe(false);
    expect(next.nodes.some((node) => node.id === 'callback')).toBe(false);
  });

  test.each(
    (Object.keys(kinds) as NodeKind[]).flatMap((kind) => [
      [kind, 'the complaint process'],
      [kind, 'a new template without roles'],
    ]),
  )(
    'given %s dropped on %s, when validated, then it is a well-formed node (what is missing is a reported issue)',
    (kind, where) => {
      // given
      const definition =
        where === 'a new template without roles'
          ? { ...starterDefinition('fresh', { zh: '新', en: 'New' }), roles: [] }
          : complaintDefinition();
      // when
      const node = newNode(kind, `${kind}-1`, { x: 1, y: 2 }, definition);
      // then
      const result = validateDefinition({ ...definition, nodes: [...definition.nodes, node] });
      expect(result.issues.filter((found) => found.code === 'definition.schema')).toEqual([]);
    },
  );

  test('given three edits, when undone twice and redone once, then the history walks back and forth', () => {
    // given
    const start = complaintDefinition();
    const rename = (name: string) => ({
      type: 'edit' as const,
      update: (d: typeof start) => ({ ...d, name: { zh: name, en: name } }),
    });
    let history = startHistory(start);
    for (const name of ['a', 'b', 'c']) history = historyReducer(history, rename(name));
    // when
    history = historyReducer(historyReducer(history, { type: 'undo' }), { type: 'undo' });
    history = historyReducer(history, { type: 'redo' });
    // then
    expect(history.present.name.zh).toBe('b');
    expect(history.past.map((definition) => definition.name.zh)).toEqual([start.name.zh, 'a']);
    expect(history.future.map((definition) => definition.name.zh)).toEqual(['c']);
  });

  test('given typing in one field, when edits share a coalesce key, then they make one undo step', () => {
    // given
    const start = complaintDefinition();
    let history = startHistory(start);
    // when
    for (const name of ['物', '物业', '物业处']) {
      history = historyReducer(history, {
        type: 'edit',
        update: (d) => ({ ...d, name: { ...d.name, zh: name } }),
        coalesceKey: 'name.zh',
      });
    }
    history = historyReducer(history, { type: 'undo' });
    // then
    expect(history.present).toBe(start);
  });
});
