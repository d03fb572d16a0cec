import type { LadderRung } from '../ladder';
import { ProcessDefinition, type ProcessDefinitionInput } from '../schema';
import type { CaseDriver, member } from './case-driver';
import { DefinitionBuilder, text } from './definition-builder';

type RungInput = Omit<LadderRung, 'calendar'> & { calendar?: LadderRung['calendar'] };

/**
 * A resident complaint on the four-rung ladder, for tests: the property firm (task, 24 h interrupting SLA) and the
 * compound joint meeting on 小区; the community council (meeting with action items) on 社区; the street office (task,
 * 48 h interrupting SLA) on 街道; district supervision on 区. Meetings resolve `settled` or escalate; a missed action
 * item escalates; every way ends at `end`.
 */
export function ladderComplaintBuilder(): DefinitionBuilder {
  const meeting = (id: string, convener: string, parties: string[], escalate: string) => ({
    id,
    kind: 'meeting' as const,
    title: text(`meeting ${id}`, `会议 ${id}`),
    config: {
      convener,
      parties: parties.map((role) => ({ role })),
      noticePeriod: 'PT1H',
      resolutions: [
        { key: 'settled', label: { zh: '会议解决', en: 'Settled' } },
        { key: escalate, label: { zh: '上报', en: 'Escalate' }, escalates: true },
      ],
      actionItems: { within: 'PT72H', calendar: 'natural' as const },
    },
  });
  return new DefinitionBuilder('ladder-complaint')
    .role('property-firm', 'compound')
    .role('party-branch', 'compound')
    .role('owners-committee', 'compound')
    .role('community-secretary', 'community')
    .role('residents-committee', 'community')
    .role('street-office', 'street')
    .role('supervision', 'district')
    .start()
    .task('property-handles', {
      assignee: 'property-firm',
      outcomes: ['resolved', 'unresolved'],
      sla: { within: 'PT24H', calendar: 'natural', onBreach: 'interrupting' },
    })
    .node(meeting('compound-meeting', 'party-branch', ['party-branch', 'owners-committee', 'property-firm'], 'refer'))
    .node(meeting('community-council', 'community-secretary', ['community-secretary', 'residents-committee'], 'refer'))
    .task('street-handles', {
      assignee: 'street-office',
      outcomes: ['settled', 'to-district'],
      sla: { within: 'PT48H', calendar: 'natural', onBreach: 'interrupting' },
    })
    .task('district-supervision', { assignee: 'supervision', outcomes: ['closed', 'back-to-compound'] })
    .end('end', 'closed')
    .edge('start', 'next', 'property-handles')
    .edge('property-handles', 'resolved', 'end')
    .edge('property-handles', 'unresolved', 'compound-meeting')
    .edge('property-handles', 'overdue', 'compound-meeting')
    .edge('compound-meeting', 'settled', 'end')
    .edge('compound-meeting', 'refer', 'community-council')
    .edge('compound-meeting', 'action-item-overdue', 'community-council')
    .edge('community-council', 'settled', 'end')
    .edge('community-council', 'refer', 'street-handles')
    .edge('community-council', 'action-item-overdue', 'street-handles')
    .edge('street-handles', 'settled', 'end')
    .edge('street-handles', 'to-district', 'district-supervision')
    .edge('street-handles', 'overdue', 'district-supervision')
    .edge('district-supervision', 'closed', 'end')
    .edge('district-supervision', 'back-to-compound', 'property-handles');
}

/** The ladder of {@link ladderComplaintBuilder}: 小区 (clock deadline), 社区 (working days: the calendar activity), 街道, 区. */
export function complaintRungs(): RungInput[] {
  return [
    {
      id: 'compound',
      name: { zh: '小区', en: 'Compound' },
      level: 'compound',
      nodes: ['property-handles', 'compound-meeting'],
      settleWithin: 'PT168H',
    },
    {
      id: 'community',
      name: { zh: '社区', en: 'Community' },
      level: 'community',
      nodes: ['community-council'],
      settleWithin: 'P5D',
      calendar: 'workdays',
    },
    {
      id: 'street',
      name: { zh: '街道', en: 'Street' },
      level: 'street',
      nodes: ['street-handles'],
      settleWithin: 'PT120H',
    },
    {
      id: 'district',
      name: { zh: '区', en: 'District' },
      level: 'district',
      nodes: ['district-supervision'],
      settleWithin: 'PT240H',
      notify: 'supervision',
    },
  ];
}

/** The complaint with its ladder as JSON input (a fresh copy; `change` may edit it). */
export function ladderComplaintInput(
  change: (definition: ProcessDefinitionInput & { ladder: { rungs: RungInput[] } }) => void = () => {},
): ProcessDefinitionInput {
  const definition = {
    ...ladderComplaintBuilder().build(),
    ladder: { rungs: complaintRungs(), descents: [{ from: 'district-supervision', outcome: 'back-to-compound' }] },
  };
  change(definition);
  return definition;
}

/** The complaint with its ladder, parsed. */
export function ladderComplaint(change?: Parameters<typeof ladderComplaintInput>[0]): ProcessDefinition {
  return ProcessDefinition.parse(ladderComplaintInput(change));
}

/** Instants on the days after the case starts (2025-10-09 09:00, a Thursday). */
const at = (day: number, time: string) => `2025-10-${String(day).padStart(2, '0')}T${time}:00+08:00`;

/** Runs a meeting node (instance `<node>.1`) to its resolution: schedule, sign every party in, minutes, resolve. */
export function holdMeeting(
  driver: CaseDriver,
  nodeId: string,
  convener: ReturnType<typeof member>,
  parties: string[],
  resolve: Record<string, unknown>,
  day: number,
): CaseDriver {
  const item = `${nodeId}.1~convener`;
  driver.act(item, 'schedule', { at: at(day, '14:00'), place: '党群服务站', agenda: '电梯噪音' }, { actor: convener });
  driver.now = at(day, '13:30');
  for (const party of parties) driver.act(item, 'sign-in', { party, names: [`${party}-代表`] }, { actor: convener });
  const positions = Object.fromEntries(parties.map((party) => [party, 'agree']));
  driver.act(
    item,
    'record-minutes',
    { text: '纪要', resolutions: [{ title: '决议', positions }] },
    { actor: convener },
  );
  return driver.act(item, 'resolve', resolve, { actor: convener });
}
