import type { ProcessNode } from '../schema';
import type { ActRequest } from './act';
import type { CaseContext } from './context';
import { nodeById } from './context';
import { runtimeOf } from './dispatch';
import type { KindAction } from './kind-runtime';
import type { Rejection } from './rejection';
import type { CaseState, NodeInstance } from './state';
import type { WorkItem } from './work-items';

export interface ActTarget {
  instance: NodeInstance;
  item?: WorkItem;
  node: ProcessNode;
  action: KindAction<ProcessNode, never>;
}

/** Finds the work item (or node instance) and the kind's action a request aims at, or why there is none. */
export function findActTarget(
  context: CaseContext,
  state: CaseState,
  request: Pick<ActRequest, 'workItemId' | 'nodeInstanceId' | 'action'>,
): ActTarget | Rejection {
  const item = request.workItemId === undefined ? undefined : state.workItems[request.workItemId];
  if (request.workItemId !== undefined && !item) {
    return {
      code: 'work-item.not-open',
      message: `工作项“${request.workItemId}”不存在或已关闭 / work item "${request.workItemId}" is not open`,
    };
  }
  const instanceId = item?.instanceId ?? request.nodeInstanceId ?? '';
  const instance = state.instances[instanceId];
  if (!instance) {
    return {
      code: 'node-instance.not-open',
      message: `节点实例“${instanceId}”不存在或已结束 / node instance "${instanceId}" is not open`,
    };
  }
  const node = nodeById(context, instance.nodeId);
  const actions = runtimeOf(node).actions;
  const action = Object.hasOwn(actions, request.action) ? actions[request.action] : undefined;
  if (!action) {
    const offered = Object.keys(actions);
    return {
      code: `${node.kind}.action-unknown`,
      message: `“${node.title.zh}”没有“${request.action}”操作，可用: ${offered.join(', ') || '无'} / "${node.title.en}" has no action "${request.action}"; it offers: ${offered.join(', ') || 'none'}`,
    };
  }
  if (action.target === 'work-item' && !item) {
    return {
      code: `${node.kind}.action-needs-work-item`,
      message: `操作“${request.action}”须指明工作项 / action "${request.action}" needs a work item`,
    };
  }
  return { instance, ...(item && { item }), node, action };
}
