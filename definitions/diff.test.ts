import { diffDefinitions, jsonEqual, type DefinitionDiff } from './diff';
import residentComplaint from './templates/resident-complaint.json';

type Definition = Record<string, unknown> & {
  name: { zh: string; en: string };
  nodes: Record<string, unknown>[];
  edges: { from: string; outcome: string; to: string }[];
  roles: Record<string, unknown>[];
  variables: Record<string, unknown>[];
};

const base = (): Definition => structuredClone(residentComplaint);

type Json = Record<string, unknown>;

/** The object at `path` inside node `id` (test fixtures only: throws when it is not there). */
function node(definition: Definition, id: string, ...path: (string | number)[]): Json {
  let value: unknown = definition.nodes.find((candidate) => candidate.id === id);
  for (const part of path) {
    if (Array.isArray(value) && typeof part === 'number') value = value[part];
    else if (isJson(value) && typeof part === 'string') value = value[part];
    else value = undefined;
  }
  if (!isJson(value)) throw new Error(`no object at node ${id} ${path.join('.')}`);
  return value;
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('not a list');
  return value;
}

const empty = { added: [], removed: [], changed: [] };
const nothing: DefinitionDiff = {
  identical: true,
  fields: [],
  nodes: { ...empty, moved: [] },
  edges: empty,
  roles: empty,
  variables: empty,
};

describe('diffDefinitions', () => {
  test('given the same definition twice (keys in another order), when diffed, then it is identical', () => {
    const reordered = Object.fromEntries(Object.entries(base()).reverse());
    expect(diffDefinitions(base(), reordered)).toEqual(nothing);
  });

  test.each<[string, (d: Definition) => void, Partial<DefinitionDiff>]>([
    [
      'an SLA duration changed',
      (d) => (node(d, 'property-handles', 'config', 'sla').within = 'PT48H'),
      {
        nodes: {
          ...empty,
          moved: [],
          changed: [{ id: 'property-handles', changes: [{ path: 'config.sla.within', from: 'PT24H', to: 'PT48H' }] }],
        },
      },
    ],
    [
      'a node title changed',
      (d) => (node(d, 'callback', 'title').zh = '电话回访'),
      {
        nodes: {
          ...empty,
          moved: [],
          changed: [{ id: 'callback', changes: [{ path: 'title.zh', from: '回访居民', to: '电话回访' }] }],
        },
      },
    ],
    [
      'a node moved only',
      (d) => (node(d, 'callback').position = { x: 1, y: 2 }),
      {
        nodes: { ...empty, moved: [{ id: 'callback', from: { x: 1150, y: 200 }, to: { x: 1, y: 2 } }] },
      },
    ],
    [
      'an SLA removed',
      (d) => delete node(d, 'compound-meeting', 'config').sla,
      {
        nodes: {
          ...empty,
          moved: [],
          changed: [
            {
              id: 'compound-meeting',
              changes: [
                {
                  path: 'config.sla',
                  from: {
                    within: 'P3D',
                    calendar: 'workdays',
                    remindBefore: 'P1D',
                    onBreach: 'non-interrupting',
                    escalateTo: 'community-secretary',
                  },
                },
              ],
            },
          ],
        },
      },
    ],
    [
      'an outcome label changed (keyed list element)',
      (d) => (node(d, 'property-handles', 'config', 'outcomes', 1, 'label').en = 'Unresolved'),
      {
        nodes: {
          ...empty,
          moved: [],
          changed: [
            {
              id: 'property-handles',
              changes: [{ path: 'config.outcomes[unresolved].label.en', from: 'Not resolved', to: 'Unresolved' }],
            },
          ],
        },
      },
    ],
    [
      'two outcomes swapped',
      (d) => list(node(d, 'property-handles', 'config').outcomes).reverse(),
      {
        nodes: {
          ...empty,
          moved: [],
          changed: [
            {
              id: 'property-handles',
              changes: [
                { path: 'config.outcomes#order', from: ['resolved', 'unresolved'], to: ['unresolved', 'resolved'] },
              ],
            },
          ],
        },
      },
    ],
    [
      'an edge retargeted',
      (d) => (d.edges.find((e) => e.from === 'callback' && e.outcome === 'not-satisfied')!.to = 'community-meeting'),
      {
        edges: {
          ...empty,
          changed: [
            {
              from: 'callback',
              outcome: 'not-satisfied',
              changes: [{ path: 'to', from: 'compound-meeting', to: 'community-meeting' }],
            },
          ],
        },
      },
    ],
    [
      'the process name changed and the description removed',
      (d) => {
        d.name.en = 'Complaints';
        delete d.description;
      },
      {
        fields: [
          { path: 'name.en', from: 'Resident complaint with escalation ladder', to: 'Complaints' },
          { path: 'description', from: residentComplaint.description },
        ],
      },
    ],
    [
      'a variable label changed',
      (d) => ((d.variables[1]!.label as { zh: string }).zh = '渠道'),
      {
        variables: {
          ...empty,
          changed: [{ id: 'channel', changes: [{ path: 'label.zh', from: '来源渠道', to: '渠道' }] }],
        },
      },
    ],
  ])('given %s, when diffed, then exactly that change is reported', (_, edit, expected) => {
    const after = base();
    edit(after);
    expect(diffDefinitions(base(), after)).toEqual({ ...nothing, identical: false, ...expected });
  });

  test('given a node both moved and retitled, when diffed, then the move and the title change are reported apart', () => {
    const after = base();
    node(after, 'start').position = { x: 5, y: 5 };
    node(after, 'start', 'title').en = 'Received';
    const diff = diffDefinitions(base(), after);
    expect(diff.nodes.moved).toEqual([{ id: 'start', from: { x: 0, y: 200 }, to: { x: 5, y: 5 } }]);
    expect(diff.nodes.changed).toEqual([
      { id: 'start', changes: [{ path: 'title.en', from: 'Complaint received', to: 'Received' }] },
    ]);
  });

  test('given a node, its edges and a role added and others removed, when diffed, then they are added and removed items', () => {
    const after = base();
    const review = { id: 'review', kind: 'task', title: { zh: '复核', en: 'Review' }, config: {} };
    after.nodes = after.nodes.filter((candidate) => candidate.id !== 'community-meeting').concat(review);
    const removedEdges = after.edges.filter((e) => e.from === 'community-meeting' || e.to === 'community-meeting');
    after.edges = after.edges.filter((e) => !removedEdges.includes(e));
    after.edges.push({ from: 'compound-meeting', outcome: 'escalate', to: 'review' });
    const role = { key: 'reviewer', name: { zh: '复核人', en: 'Reviewer' }, level: 'community' };
    after.roles.push(role);
    const diff = diffDefinitions(base(), after);
    expect(diff.nodes.added).toEqual([review]);
    expect(diff.nodes.removed).toEqual([node(base(), 'community-meeting')]);
    // compound-meeting.escalate still exists: it is retargeted, not removed and added.
    expect(diff.edges.changed).toEqual([
      {
        from: 'compound-meeting',
        outcome: 'escalate',
        changes: [{ path: 'to', from: 'community-meeting', to: 'review' }],
      },
    ]);
    expect(diff.edges.removed).toEqual(removedEdges.filter((e) => e.from === 'community-meeting'));
    expect(diff.roles).toEqual({ added: [role], removed: [], changed: [] });
  });

  test.each<[string, unknown, unknown, Partial<DefinitionDiff>]>([
    ['not an object at all', 'junk', { key: 'a' }, { fields: [{ path: 'key', to: 'a' }] }],
    [
      'nodes that are not a list',
      { nodes: 'oops' },
      { nodes: [] },
      { fields: [{ path: 'nodes', from: 'oops', to: [] }] },
    ],
    [
      'a node without an id',
      { nodes: [{ kind: 'start' }] },
      { nodes: [{ kind: 'end' }] },
      {
        nodes: { ...empty, moved: [], changed: [{ id: '#0', changes: [{ path: 'kind', from: 'start', to: 'end' }] }] },
      },
    ],
    [
      'a duplicated node id',
      { nodes: [{ id: 'a' }] },
      { nodes: [{ id: 'a' }, { id: 'a', kind: 'x' }] },
      { nodes: { ...empty, moved: [], added: [{ id: 'a', kind: 'x' }] } },
    ],
    [
      'a list of plain values',
      { tags: ['a', 'b'] },
      { tags: ['a', 'c', 'd'] },
      {
        fields: [
          { path: 'tags.1', from: 'b', to: 'c' },
          { path: 'tags.2', to: 'd' },
        ],
      },
    ],
  ])('given invalid drafts with %s, when diffed, then it still reports what differs', (_, a, b, expected) => {
    expect(diffDefinitions(a, b)).toEqual({ ...nothing, identical: false, ...expected });
  });

  test.each([
    [{ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: 1 }, { a: '1' }, false],
    [[1, 2], [2, 1], false],
    [{ a: null }, {}, false],
  ])('jsonEqual(%j, %j) is %s', (a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
  });
});
