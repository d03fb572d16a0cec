import { z } from 'zod';
import { KindDefinition, nodeBase } from './kind-definition';

/** Where a case begins. Exactly one per definition. */
export const StartNode = z.object({ ...nodeBase, kind: z.literal('start'), config: z.object({}).default({}) });
export type StartNode = z.infer<typeof StartNode>;

export const startKind: KindDefinition<StartNode> = {
  kind: 'start',
  palette: {
    group: 'events',
    icon: '▶',
    label: { zh: '开始', en: 'Start' },
    description: { zh: '案件从这里开始', en: 'The case begins here' },
  },
  outcomes: () => [{ key: 'next', label: { zh: '下一步', en: 'Next' } }],
  acceptsIncoming: false,
  version: 1,
  runtime: { enter: (run, tokenId) => run.leave(tokenId, 'next'), actions: {} },
  check: () => [],
};
