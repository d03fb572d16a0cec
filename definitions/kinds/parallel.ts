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
  version: 1,
  runtime: {
    enter(run, tokenId, node) {
      const token = run.state.tokens[tokenId]!;
      const forkInstance = run.newId(`fork-${node.id}`);
      run.state.forks[forkInstance] = { forkNodeId: node.id, arrived: 0, fired: false };
      run.removeToken(tokenId);
      run.log({
        type: 'parallel.forked',
        nodeId: node.id,
        data: { branches: node.config.branches.map((branch) => branch.key) },
      });
      for (const branch of node.config.branches) {
        const branchToken = { id: run.newId('token'), nodeId: node.id, frames: [...token.frames, forkInstance] };
        run.state.tokens[branchToken.id] = branchToken;
        run.state.path.push({ nodeId: node.id, tokenId: branchToken.id, enteredAt: run.now });
        run.leave(branchToken.id, branch.key);
      }
    },
    actions: {},
  },
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
