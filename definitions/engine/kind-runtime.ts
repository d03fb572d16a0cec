import type { z } from 'zod';
import type { LocalizedText } from '../common';
import type { Actor } from '../org';
import type { ActivityOutcome } from './activity-registry';
import type { CaseContext } from './context';
import type { Rejection } from './rejection';
import type { CaseRun } from './run';
import type { CaseState, NodeInstance, PendingActivity, PendingTimer } from './state';
import type { WorkItem } from './work-items';

/** What an action's `check` sees: the live case, read-only, and what the request aims at. */
export interface ActionTarget<Node> {
  context: CaseContext;
  state: Readonly<CaseState>;
  node: Node;
  instance: NodeInstance;
  /** Set when the request names a work item. */
  item?: WorkItem;
  now: string;
}

/** What an action's `apply` (and the timer and activity hooks) get: the same, plus the step in progress. */
export interface RunTarget<Node> extends ActionTarget<Node> {
  run: CaseRun;
  state: CaseState;
}

/**
 * A named human action a kind offers (`complete`, `object`, `report-in` …). `check` runs in the workflow's Update
 * validator, so a refused request never reaches history; `apply` runs when the accepted request is handled and may
 * return a small result for the caller.
 */
export interface KindAction<Node, Input = Record<string, unknown>> {
  label: LocalizedText;
  /** Whether the action needs a work item (most) or acts on the node instance as a whole. */
  target: 'work-item' | 'instance';
  input: z.ZodType<Input>;
  check(target: ActionTarget<Node>, input: Input, actor: Actor): Rejection | undefined;
  apply(target: RunTarget<Node>, input: Input, actor: Actor): unknown;
}

/**
 * A kind's runtime (DESIGN §2): what entering a node of the kind does, its named actions, and what it does when its
 * timers fire and its activities return. State it keeps lives in its node instance's `slice` and its work items.
 */
export interface KindRuntime<Node> {
  enter(run: CaseRun, tokenId: string, node: Node): void;
  actions: Record<string, KindAction<Node, never>>;
  onTimer?(target: RunTarget<Node>, timer: PendingTimer): void;
  onActivity?(target: RunTarget<Node>, activity: PendingActivity, outcome: ActivityOutcome): void;
}

/** Builds an action with its input type inferred from its schema. */
export function defineAction<Node, Input>(action: KindAction<Node, Input>): KindAction<Node, never> {
  return action as unknown as KindAction<Node, never>;
}
