import { z } from 'zod';
import { Identifier } from '../common';
import { KindDefinition, nodeBase } from './kind-definition';

/**
 * Join: waits for the branches of the fork it names. `all` waits for every branch, `any` for the first,
 * `n-of-m` for `n`. When it fires with `cancelRemaining`, branches still running are cancelled (their tasks close);
 * otherwise they run on and are absorbed here when they arrive.
 */
export const JoinNode = z.object({
  ...nodeBase,
  kind: z.literal('join'),
  config: z.object({
    fork: Identifier,
    policy: z.enum(['all', 'any', 'n-of-m']),
    n: z.number().int().min(1).optional(),
    cancelRemaining: z.boolean().default(true),
  }),
});
export type JoinNode = z.infer<typeof JoinNode>;

export const joinKind: KindDefinition<JoinNode> = {
  kind: 'join',
  palette: {
    group: 'flow',
    icon: '⫵',
    label: { zh: '汇合', en: 'Join' },
    description: { zh: '等待并行分支全部、任一或其中 n 条完成', en: 'Wait for all, any or n of the parallel branches' },
  },
  outcomes: () => [{ key: 'next', label: { zh: '下一步', en: 'Next' } }],
  acceptsIncoming: true,
  // Fork/join consistency needs the whole graph: see checkJoins in validate-joins.ts.
  check: () => [],
};
