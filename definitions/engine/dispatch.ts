import { kindOf } from '../kinds';
import type { ProcessNode } from '../schema';
import type { KindRuntime, RunTarget } from './kind-runtime';
import { onLadderNodeEntered } from './ladder';
import type { CaseRun } from './run';
import type { NodeInstance } from './state';

/** The runtime of a node's kind. */
export function runtimeOf(node: ProcessNode): KindRuntime<ProcessNode> {
  return kindOf(node).runtime;
}

/** Enters the node a token points at, dispatching on its kind. */
export function enterNode(run: CaseRun, tokenId: string): void {
  const token = run.state.tokens[tokenId]!;
  const node = run.node(token.nodeId);
  onLadderNodeEntered(run, tokenId, node);
  runtimeOf(node).enter(run, tokenId, node);
}

/** What a kind's hooks get for one of its node instances. */
export function runTarget(run: CaseRun, instance: NodeInstance, itemId?: string): RunTarget<ProcessNode> {
  const item = itemId === undefined ? undefined : run.state.workItems[itemId];
  return {
    context: run.context,
    state: run.state,
    node: run.node(instance.nodeId),
    instance,
    ...(item && { item }),
    now: run.now,
    run,
  };
}
