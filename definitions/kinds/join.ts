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
  version: 1,
  runtime: {
    enter(run, tokenId, node) {
      const token = run.state.tokens[tokenId]!;
      const frameIndex = token.frames.findLastIndex((frame) => run.state.forks[frame]?.forkNodeId === node.config.fork);
      run.removeToken(tokenId);
      const frame = token.frames[frameIndex];
      const fork = frame === undefined ? undefined : run.state.forks[frame];
      if (frame === undefined || !fork) {
        run.log({
          type: 'join.absorbed',
          nodeId: node.id,
          note: '令牌不属于此汇合点的分支 / token did not come from this join’s fork',
        });
        return;
      }
      fork.arrived += 1;
      const forkNode = run.node(node.config.fork);
      const branchCount = forkNode.kind === 'parallel' ? forkNode.config.branches.length : 0;
      const needed =
        node.config.policy === 'all' ? branchCount : node.config.policy === 'any' ? 1 : (node.config.n ?? branchCount);
      if (fork.fired || fork.arrived < needed) {
        if (fork.fired)
          run.log({
            type: 'join.absorbed',
            nodeId: node.id,
            note: '汇合后到达的分支 / branch arrived after the join fired',
          });
        return;
      }
      fork.fired = true;
      run.log({ type: 'join.fired', nodeId: node.id, data: { arrived: fork.arrived, needed } });
      if (node.config.cancelRemaining) {
        for (const other of Object.values(run.state.tokens)) {
          if (other.frames.includes(frame))
            run.cancelToken(other.id, `汇合点 ${node.id} 已满足 / join ${node.id} fired`);
        }
      }
      const continuation = { id: run.newId('token'), nodeId: node.id, frames: token.frames.slice(0, frameIndex) };
      run.state.tokens[continuation.id] = continuation;
      run.state.path.push({ nodeId: node.id, tokenId: continuation.id, enteredAt: run.now });
      run.leave(continuation.id, 'next');
    },
    actions: {},
  },
  // Fork/join consistency needs the whole graph: see checkJoins in validate-joins.ts.
  check: () => [],
};
