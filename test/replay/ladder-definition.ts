import type { ProcessDefinitionInput } from '../../definitions/schema';

const label = (zh: string, en: string) => ({ zh, en });
const note = [{ key: 'note', type: 'text' as const, label: label('说明', 'Note') }];
const task = (id: string, assignee: string, outcomes: string[], sla?: { within: string }) => ({
  id,
  kind: 'task' as const,
  title: label(id, id),
  config: {
    assignee,
    outcomes: outcomes.map((key) => ({ key, label: label(key, key) })),
    form: note,
    ...(sla && { sla: { within: sla.within, calendar: 'natural' as const, onBreach: 'interrupting' as const } }),
  },
});

/**
 * A complaint on the four-rung ladder (小区 → 社区 → 街道 → 区) with tasks only, for the engine-4 replay scenario: a
 * person's decision, a working-day rung deadline (the calendar activity), an SLA breach, a rung deadline passing
 * (ladder.rung-overdue with a notification) and the settlement all land in one history.
 */
export const ladderReplayDefinition: ProcessDefinitionInput = {
  schemaVersion: 1,
  key: 'ladder-replay',
  name: label('阶梯回放', 'Ladder replay'),
  roles: [
    { key: 'property-manager', name: label('物业', 'Property firm'), level: 'compound' },
    { key: 'community-secretary', name: label('社区书记', 'Community secretary'), level: 'community' },
    { key: 'street-office', name: label('街道', 'Street office'), level: 'street' },
    { key: 'supervision', name: label('区督办', 'District supervision'), level: 'district' },
  ],
  nodes: [
    { id: 'start', kind: 'start', title: label('开始', 'Start'), config: {} },
    task('property-handles', 'property-manager', ['resolved', 'unresolved']),
    task('community-handles', 'community-secretary', ['settled', 'refer']),
    task('street-handles', 'street-office', ['settled', 'to-district'], { within: 'PT48H' }),
    task('district-supervision', 'supervision', ['closed']),
    {
      id: 'end',
      kind: 'end',
      title: label('结束', 'End'),
      config: { caseOutcome: 'closed', caseOutcomeLabel: label('办结', 'Closed') },
    },
  ],
  edges: [
    { from: 'start', outcome: 'next', to: 'property-handles' },
    { from: 'property-handles', outcome: 'resolved', to: 'end' },
    { from: 'property-handles', outcome: 'unresolved', to: 'community-handles' },
    { from: 'community-handles', outcome: 'settled', to: 'end' },
    { from: 'community-handles', outcome: 'refer', to: 'street-handles' },
    { from: 'street-handles', outcome: 'settled', to: 'end' },
    { from: 'street-handles', outcome: 'to-district', to: 'district-supervision' },
    { from: 'street-handles', outcome: 'overdue', to: 'district-supervision' },
    { from: 'district-supervision', outcome: 'closed', to: 'end' },
  ],
  ladder: {
    rungs: [
      {
        id: 'compound',
        name: label('小区', 'Compound'),
        level: 'compound',
        nodes: ['property-handles'],
        settleWithin: 'PT72H',
      },
      {
        id: 'community',
        name: label('社区', 'Community'),
        level: 'community',
        nodes: ['community-handles'],
        settleWithin: 'P5D',
        calendar: 'workdays',
      },
      {
        id: 'street',
        name: label('街道', 'Street'),
        level: 'street',
        nodes: ['street-handles'],
        settleWithin: 'PT120H',
      },
      {
        id: 'district',
        name: label('区', 'District'),
        level: 'district',
        nodes: ['district-supervision'],
        settleWithin: 'PT24H',
        notify: 'supervision',
      },
    ],
  },
};
