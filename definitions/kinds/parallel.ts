import { z } from 'zod';
import { issue, OutcomeDeclaration } from '../common';
import { KindDefinition, nodeBase } from './kind-definition';

/** Fork: every branch starts at once. A `join` naming this node closes the branches again. */
export const ParallelNode = z.object({
  ...nodeBase,
  kind: z.literal('parallel'),
  config: z.object({ branches: z.array(OutcomeDeclaration).min(2).max(20) }),
});
export type ParallelNode = z.infer<typeof ParallelNode>;

export const parallelKind: KindDefinition<ParallelNode> = {
  kind: 'parallel',
  palette: {
    group: 'flow',
    icon: '⫴',
    label: { zh: '并行分支', en: 'Parallel fork' },
    description: { zh: '同时开始多条路径', en: 'Start several paths at once' },
  },
  outcomes: (node) => node.config.branches,
  acceptsIncoming: true,
  check(node) {
    const keys = node.config.branches.map((branch) => branch.key);
    return keys
      .filter((key, index) => keys.indexOf(key) !== index)
      .map((key) =>
        issue('parallel.duplicate-branch', `分支名“${key}”重复 / branch "${key}" is declared twice`, {
          nodeId: node.id,
        }),
      );
  },
};
