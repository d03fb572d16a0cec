import { DefinitionBuilder, text } from './definition-builder';

/**
 * A compound joint meeting (三方+) for tests: start → `meeting` convened by the party branch, with the party branch, the
 * owners' committee and the property firm required and the community's residents' committee optional; notice PT24H;
 * resolutions settled | refer-community (escalates); action items due in 72 hours (reminded a day before) →
 * end-settled | end-community | end-overdue. `overrides` replace config fields.
 */
export function jointMeeting(overrides: Record<string, unknown> = {}): DefinitionBuilder {
  return new DefinitionBuilder()
    .role('party-branch', 'compound')
    .role('owners-committee', 'compound')
    .role('property-firm', 'compound')
    .role('residents-committee', 'community')
    .start()
    .node({
      id: 'meeting',
      kind: 'meeting',
      title: text('meeting'),
      config: {
        convener: 'party-branch',
        parties: [
          { role: 'party-branch' },
          { role: 'owners-committee' },
          { role: 'property-firm' },
          { role: 'residents-committee', required: false },
        ],
        noticePeriod: 'PT24H',
        resolutions: [
          { key: 'settled', label: { zh: '会议解决', en: 'Settled' } },
          { key: 'refer-community', label: { zh: '提交社区', en: 'Refer to the community' }, escalates: true },
        ],
        actionItems: { within: 'PT72H', calendar: 'natural', remindBefore: 'PT24H' },
        ...overrides,
      },
    })
    .end('end-settled', 'settled')
    .end('end-community', 'community')
    .end('end-overdue', 'action-item-overdue')
    .edge('start', 'next', 'meeting')
    .edge('meeting', 'settled', 'end-settled')
    .edge('meeting', 'refer-community', 'end-community')
    .edge('meeting', 'action-item-overdue', 'end-overdue');
}
