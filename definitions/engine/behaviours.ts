import { evaluateCondition } from '../expressions';
import { DEFAULT_BRANCH } from '../kinds/gateway';
import type { NodeKind } from '../kinds';
import { renderTemplate } from '../message-template';
import type { ProcessNode } from '../schema';
import { formatShanghai, parseInstant, shanghaiMidnight } from '../time';
import { nodeById } from './context';
import type { CaseRun } from './run';

type NodeOf<K extends NodeKind> = Extract<ProcessNode, { kind: K }>;
type Behaviour<K extends NodeKind> = (run: CaseRun, tokenId: string, node: NodeOf<K>) => void;

/** What happens when a token enters a node of each kind. One entry per kind; a missing kind fails to compile. */
export const behaviours: { [K in NodeKind]: Behaviour<K> } = {
  start: (run, tokenId) => run.leave(tokenId, 'next'),

  end: (run, _tokenId, node) =>
    run.finish('completed', { key: node.config.caseOutcome, label: node.config.caseOutcomeLabel }, `结束于 ${node.id}`),

  task: (run, tokenId, node) => run.openTask(tokenId, node),

  gateway(run, tokenId, node) {
    const { variables } = run.context.definition;
    for (const branch of node.config.branches) {
      const result = evaluateCondition(branch.condition, variables, run.state.variables);
      if ('error' in result) {
        run.log({ type: 'gateway.condition-error', nodeId: node.id, outcome: branch.key, note: result.error });
        continue;
      }
      if (result.value) {
        run.log({
          type: 'gateway.decided',
          nodeId: node.id,
          outcome: branch.key,
          data: { condition: branch.condition },
        });
        run.leave(tokenId, branch.key);
        return;
      }
    }
    run.log({ type: 'gateway.decided', nodeId: node.id, outcome: DEFAULT_BRANCH });
    run.leave(tokenId, DEFAULT_BRANCH);
  },

  parallel(run, tokenId, node) {
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

  join(run, tokenId, node) {
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
    const forkNode = nodeById(run.context, node.config.fork);
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
        if (other.frames.includes(frame)) run.cancelToken(other.id, `汇合点 ${node.id} 已满足 / join ${node.id} fired`);
      }
    }
    const continuation = { id: run.newId('token'), nodeId: node.id, frames: token.frames.slice(0, frameIndex) };
    run.state.tokens[continuation.id] = continuation;
    run.state.path.push({ nodeId: node.id, tokenId: continuation.id, enteredAt: run.now });
    run.leave(continuation.id, 'next');
  },

  timer(run, tokenId, node) {
    const wait = node.config.wait;
    if (wait.type === 'duration') {
      run.log({ type: 'timer.started', nodeId: node.id, data: { within: wait.within, calendar: wait.calendar } });
      run.scheduleDeadline({ purpose: 'timer-node', tokenId }, wait.within, wait.calendar);
      return;
    }
    const value = run.state.variables[wait.variable];
    const at =
      typeof value !== 'string'
        ? Number.NaN
        : /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? shanghaiMidnight(value)
          : parseInstant(value);
    if (Number.isNaN(at)) {
      run.log({
        type: 'timer.no-instant',
        nodeId: node.id,
        note: `变量 ${wait.variable} 无有效时刻，立即继续 / no instant in ${wait.variable}; continuing now`,
      });
      run.leave(tokenId, 'elapsed');
    } else if (at <= Date.parse(run.now)) {
      run.log({ type: 'timer.elapsed', nodeId: node.id, note: '时刻已过 / instant already passed' });
      run.leave(tokenId, 'elapsed');
    } else {
      run.log({ type: 'timer.started', nodeId: node.id, data: { until: value } });
      run.startTimer({ purpose: 'timer-node', at: formatShanghai(at), tokenId });
    }
  },

  notify(run, tokenId, node) {
    const values = run.state.variables;
    const message = {
      zh: renderTemplate(node.config.message.zh, values),
      en: renderTemplate(node.config.message.en, values),
    };
    run.state.pendingActivities[run.notify(node.config.recipient, 'node', node.id, message)] = tokenId;
  },
};

/** Enters the node a token points at, dispatching on its kind. */
export function enterNode(run: CaseRun, tokenId: string): void {
  const token = run.state.tokens[tokenId]!;
  const node = nodeById(run.context, token.nodeId);
  (behaviours[node.kind] as Behaviour<typeof node.kind>)(run, tokenId, node as never);
}
