import type { ProcessDefinitionInput } from '../../../definitions/schema';

/**
 * The draft a new template starts with when none is given: start → one task for community staff → end. Valid as it
 * stands (a test checks it), so the designer opens on something that runs, and the user reshapes it.
 */
export function starterDefinition(key: string): ProcessDefinitionInput {
  return {
    schemaVersion: 1,
    key,
    name: { zh: '新流程', en: 'New process' },
    roles: [{ key: 'community-staff', name: { zh: '社区工作人员', en: 'Community staff' }, level: 'community' }],
    variables: [],
    nodes: [
      { id: 'start', kind: 'start', title: { zh: '开始', en: 'Start' }, position: { x: 0, y: 0 }, config: {} },
      {
        id: 'handle',
        kind: 'task',
        title: { zh: '办理', en: 'Handle' },
        position: { x: 240, y: 0 },
        config: { assignee: 'community-staff', outcomes: [{ key: 'done', label: { zh: '办结', en: 'Done' } }] },
      },
      {
        id: 'end',
        kind: 'end',
        title: { zh: '结束', en: 'End' },
        position: { x: 480, y: 0 },
        config: { caseOutcome: 'done', caseOutcomeLabel: { zh: '已办结', en: 'Done' } },
      },
    ],
    edges: [
      { from: 'start', outcome: 'next', to: 'handle' },
      { from: 'handle', outcome: 'done', to: 'end' },
    ],
  };
}
