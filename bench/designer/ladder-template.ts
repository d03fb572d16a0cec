import { ProcessDefinition, type ProcessDefinitionInput } from '../../definitions/schema';

/** Nodes of a ladder with `rungs` rungs: start, two ends and three nodes per rung. */
export function ladderNodeCount(rungs: number): number {
  return 3 + 3 * rungs;
}

const columns = 18;
const pad = (n: number) => String(n).padStart(3, '0');

/**
 * A large valid process for the designer bench: a ladder of `rungs` rungs (99 → 300 nodes), each a task (resolved /
 * unresolved; every fifth with a 3-working-day SLA), an exclusive gateway on a CEL condition (urgent → next rung,
 * otherwise → review) and a review task (done → next rung, reopen → back to the rung's task). Rungs are laid out in a
 * snake of rows of eighteen, so the whole ladder fits one wide screen when zoomed out. Valid per definitions/validate.ts (the
 * bench checks that before using it).
 */
export function ladderTemplate(key: string, rungs = 99): ProcessDefinition {
  const origin = (rung: number) => {
    const row = Math.floor(rung / columns);
    const column = row % 2 === 0 ? rung % columns : columns - 1 - (rung % columns);
    return { x: 80 + column * 260, y: 40 + row * 500 };
  };
  const task = (rung: number) => `task-${pad(rung)}`;
  const next = (rung: number, atEnd: string) => (rung + 1 < rungs ? task(rung + 1) : atEnd);
  const nodes: ProcessDefinitionInput['nodes'] = [
    { id: 'start', kind: 'start', title: { zh: '受理', en: 'Received' }, position: { x: -220, y: 40 }, config: {} },
  ];
  const edges: ProcessDefinitionInput['edges'] = [{ from: 'start', outcome: 'next', to: task(0) }];
  for (let rung = 0; rung < rungs; rung += 1) {
    const { x, y } = origin(rung);
    const [gateway, review] = [`gateway-${pad(rung)}`, `review-${pad(rung)}`];
    nodes.push(
      {
        id: task(rung),
        kind: 'task',
        title: { zh: `第 ${rung + 1} 级处置`, en: `Rung ${rung + 1}` },
        position: { x, y },
        config: {
          assignee: 'community-staff',
          outcomes: [
            { key: 'resolved', label: { zh: '已解决', en: 'Resolved' } },
            { key: 'unresolved', label: { zh: '未解决', en: 'Not resolved' } },
          ],
          form: [{ key: 'note', type: 'text', label: { zh: '说明', en: 'Note' }, required: true }],
          ...(rung % 5 === 0 && {
            sla: {
              within: 'P3D',
              calendar: 'workdays',
              onBreach: 'non-interrupting',
              escalateTo: 'community-secretary',
            },
          }),
        },
      },
      {
        id: gateway,
        kind: 'gateway',
        title: { zh: '是否紧急', en: 'Urgent?' },
        position: { x: x + 20, y: y + 150 },
        config: {
          branches: [{ key: 'urgent', label: { zh: '紧急', en: 'Urgent' }, condition: `priority >= ${rung % 5}` }],
          defaultLabel: { zh: '复核', en: 'Review' },
        },
      },
      {
        id: review,
        kind: 'task',
        title: { zh: `第 ${rung + 1} 级复核`, en: `Review ${rung + 1}` },
        position: { x, y: y + 300 },
        config: {
          assignee: 'community-secretary',
          outcomes: [
            { key: 'done', label: { zh: '通过', en: 'Done' } },
            { key: 'reopen', label: { zh: '退回', en: 'Reopen' } },
          ],
          form: [],
        },
      },
    );
    edges.push(
      { from: task(rung), outcome: 'resolved', to: review },
      { from: task(rung), outcome: 'unresolved', to: gateway },
      { from: gateway, outcome: 'urgent', to: next(rung, 'end-referred') },
      { from: gateway, outcome: 'default', to: review },
      { from: review, outcome: 'done', to: next(rung, 'end-resolved') },
      { from: review, outcome: 'reopen', to: task(rung) },
    );
  }
  const last = origin(rungs - 1);
  nodes.push(
    {
      id: 'end-resolved',
      kind: 'end',
      title: { zh: '办结', en: 'Closed' },
      position: { x: last.x, y: last.y + 440 },
      config: { caseOutcome: 'resolved', caseOutcomeLabel: { zh: '已解决', en: 'Resolved' } },
    },
    {
      id: 'end-referred',
      kind: 'end',
      title: { zh: '转办', en: 'Referred' },
      position: { x: last.x, y: last.y + 540 },
      config: { caseOutcome: 'referred', caseOutcomeLabel: { zh: '已转办', en: 'Referred' } },
    },
  );
  return ProcessDefinition.parse({
    schemaVersion: 1,
    key,
    name: { zh: `压测阶梯流程（${nodes.length} 个节点）`, en: `Bench ladder (${nodes.length} nodes)` },
    roles: [
      { key: 'community-staff', name: { zh: '社区工作人员', en: 'Community staff' }, level: 'community' },
      { key: 'community-secretary', name: { zh: '社区党委书记', en: 'Community secretary' }, level: 'community' },
    ],
    variables: [
      { key: 'summary', type: 'string', label: { zh: '摘要', en: 'Summary' }, required: true },
      { key: 'priority', type: 'integer', label: { zh: '紧急程度', en: 'Priority' }, required: false },
    ],
    nodes,
    edges,
  });
}
