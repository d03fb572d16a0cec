import { DefinitionBuilder, text } from './definition-builder';

/**
 * An owners' vote for tests: start → `vote` organised by the owners' committee on one ordinary matter (Art. 278
 * item 9) under the Civil Code, notice P15D, window P15D, objections P7D → end-passed | end-rejected |
 * end-no-quorum. `overrides` replace config fields.
 */
export function ownersVote(overrides: Record<string, unknown> = {}): DefinitionBuilder {
  return new DefinitionBuilder()
    .role('owners-committee', 'compound')
    .start()
    .node({
      id: 'vote',
      kind: 'vote',
      title: text('vote'),
      config: {
        organiser: 'owners-committee',
        matters: [{ key: 'rules', title: { zh: '修改管理规约', en: 'Amend the rules' }, item: 1 }],
        noticePeriod: 'P15D',
        window: 'P15D',
        objectionWindow: 'P7D',
        ...overrides,
      },
    })
    .end('end-passed', 'passed')
    .end('end-rejected', 'rejected')
    .end('end-no-quorum', 'no-quorum')
    .edge('start', 'next', 'vote')
    .edge('vote', 'passed', 'end-passed')
    .edge('vote', 'rejected', 'end-rejected')
    .edge('vote', 'no-quorum', 'end-no-quorum');
}
