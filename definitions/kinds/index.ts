import { endKind, EndNode } from './end';
import { gatewayKind, GatewayNode } from './gateway';
import { joinKind, JoinNode } from './join';
import type { KindDefinition } from './kind-definition';
import { meetingKind, MeetingNode } from './meeting';
import { notifyKind, NotifyNode } from './notify';
import { parallelKind, ParallelNode } from './parallel';
import { startKind, StartNode } from './start';
import { taskKind, TaskNode } from './task';
import { timerKind, TimerNode } from './timer';
import { voteKind, VoteNode } from './vote';
import { whistleKind, WhistleNode } from './whistle';

/** The node schemas, in palette order; `schema.ts` builds the discriminated union from them. */
export const nodeSchemas = [
  StartNode,
  TaskNode,
  WhistleNode,
  MeetingNode,
  VoteNode,
  GatewayNode,
  ParallelNode,
  JoinNode,
  TimerNode,
  NotifyNode,
  EndNode,
] as const;

type NodeUnion =
  | StartNode
  | TaskNode
  | WhistleNode
  | MeetingNode
  | VoteNode
  | GatewayNode
  | ParallelNode
  | JoinNode
  | TimerNode
  | NotifyNode
  | EndNode;
export type NodeKind = NodeUnion['kind'];
type NodeOfKind<K extends NodeKind> = Extract<NodeUnion, { kind: K }>;

/** The kinds registry: adding a kind without registering it here fails to compile. */
export const kinds = {
  start: startKind,
  task: taskKind,
  whistle: whistleKind,
  meeting: meetingKind,
  vote: voteKind,
  gateway: gatewayKind,
  parallel: parallelKind,
  join: joinKind,
  timer: timerKind,
  notify: notifyKind,
  end: endKind,
} satisfies { [K in NodeKind]: KindDefinition<NodeOfKind<K>> };

/** Looks up a node's kind definition with the node's own type. */
export function kindOf<N extends NodeUnion>(node: N): KindDefinition<N> {
  return kinds[node.kind] as unknown as KindDefinition<N>;
}
