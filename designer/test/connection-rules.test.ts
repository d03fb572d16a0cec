import { connectionRefusal } from '../src/editor/canvas/connection-rules';
import { complaintDefinition } from './fake-api';

describe('connection rules (checked while a wire is dragged)', () => {
  test.each([
    ['into the start node', { source: 'callback', sourceHandle: 'satisfied', target: 'start' }, 'into-start'],
    [
      'from an already wired outcome',
      { source: 'callback', sourceHandle: 'satisfied', target: 'end-referred' },
      'outcome-wired',
    ],
    [
      'from an outcome the kind does not declare',
      { source: 'callback', sourceHandle: 'maybe', target: 'end-referred' },
      'unknown-outcome',
    ],
    [
      'from an end node (no outcomes)',
      { source: 'end-resolved', sourceHandle: 'next', target: 'callback' },
      'unknown-outcome',
    ],
    [
      'to a node that does not exist',
      { source: 'callback', sourceHandle: 'satisfied', target: 'ghost' },
      'unknown-node',
    ],
    ['without a handle', { source: 'callback', sourceHandle: null, target: 'end-referred' }, 'incomplete'],
  ])('given the complaint process, when a wire is dragged %s, then it is refused (%s)', (_case, connection, reason) => {
    // given
    const definition = complaintDefinition();
    const unwired = {
      ...definition,
      edges: definition.edges.filter((edge) => edge.from !== 'callback' || edge.outcome !== 'not-satisfied'),
    };
    // when
    const refusal = connectionRefusal(unwired, connection);
    // then
    expect(refusal).toBe(reason);
  });

  test.each([
    [
      'a free outcome to another node',
      { source: 'callback', sourceHandle: 'not-satisfied', target: 'compound-meeting' },
    ],
    [
      'a free outcome back to its own node (a loop the language allows)',
      { source: 'callback', sourceHandle: 'not-satisfied', target: 'callback' },
    ],
    [
      'the SLA overdue outcome of a task with an interrupting SLA',
      { source: 'callback', sourceHandle: 'not-satisfied', target: 'end-referred' },
    ],
  ])('given the complaint process, when %s is wired, then it is accepted', (_case, connection) => {
    // given
    const definition = complaintDefinition();
    const unwired = {
      ...definition,
      edges: definition.edges.filter((edge) => edge.from !== 'callback' || edge.outcome !== 'not-satisfied'),
    };
    // when
    const refusal = connectionRefusal(unwired, connection);
    // then
    expect(refusal).toBeUndefined();
  });
});
