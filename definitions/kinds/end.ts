import { z } from 'zod';
import { Identifier, LocalizedText } from '../common';
import { KindDefinition, nodeBase } from './kind-definition';

/** Where a case finishes, with the case outcome it records (已解决 / 未解决 / 已撤销 …). */
export const EndNode = z.object({
  ...nodeBase,
  kind: z.literal('end'),
  config: z.object({ caseOutcome: Identifier, caseOutcomeLabel: LocalizedText }),
});
export type EndNode = z.infer<typeof EndNode>;

export const endKind: KindDefinition<EndNode> = {
  kind: 'end',
  palette: {
    group: 'events',
    icon: '■',
    label: { zh: '结束', en: 'End' },
    description: { zh: '案件在此结束并记录结果', en: 'The case ends here with an outcome' },
  },
  outcomes: () => [],
  acceptsIncoming: true,
  version: 1,
  runtime: {
    enter: (run, _tokenId, node) =>
      run.finish(
        'completed',
        { key: node.config.caseOutcome, label: node.config.caseOutcomeLabel },
        `结束于 ${node.id}`,
      ),
    actions: {},
  },
  check: () => [],
};
