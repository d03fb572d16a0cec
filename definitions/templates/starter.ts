import type { LocalizedText } from '../common';
import { SCHEMA_VERSION, type ProcessDefinition } from '../schema';

/**
 * A new template's first draft — start → one task for community staff → end — valid as it stands (a test checks
 * it), so a new template opens on something that runs and the user reshapes it. The API uses it when a create
 * request brings no definition; the designer's create dialog sends it with the name the admin typed.
 */
export function starterDefinition(
  key: string,
  name: LocalizedText = { zh: '新流程', en: 'New process' },
): ProcessDefinition {
  return {
    schemaVersion: SCHEMA_VERSION,
    key,
    name,
    roles: [{ key: 'community-staff', name: { zh: '社区工作人员', en: 'Community staff' }, level: 'community' }],
    variables: [],
    nodes: [
      { id: 'start', kind: 'start', title: { zh: '开始', en: 'Start' }, position: { x: 0, y: 0 }, config: {} },
      {
        id: 'handle',
        kind: 'task',
        title: { zh: '办理', en: 'Handle' },
        position: { x: 240, y: 0 },
        config: {
          assignee: 'community-staff',
          outcomes: [{ key: 'done', label: { zh: '办结', en: 'Done' } }],
          form: [],
        },
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
