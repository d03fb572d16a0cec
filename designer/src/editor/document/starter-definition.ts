import type { LocalizedText } from '../../../../definitions/common';
import { SCHEMA_VERSION, type ProcessDefinition } from '../../../../definitions/schema';

/**
 * A new template's first draft: a start wired to an end, so the canvas is never empty and the validator has a
 * complete (if trivial) process to check from the first keystroke.
 */
export function starterDefinition(key: string, name: LocalizedText): ProcessDefinition {
  return {
    schemaVersion: SCHEMA_VERSION,
    key,
    name,
    roles: [],
    variables: [],
    nodes: [
      {
        id: 'start',
        kind: 'start',
        title: { zh: '开始', en: 'Start' },
        position: { x: 0, y: 0 },
        config: {},
      },
      {
        id: 'end',
        kind: 'end',
        title: { zh: '办结', en: 'Done' },
        position: { x: 320, y: 0 },
        config: { caseOutcome: 'done', caseOutcomeLabel: { zh: '已办结', en: 'Done' } },
      },
    ],
    edges: [{ from: 'start', outcome: 'next', to: 'end' }],
  };
}
