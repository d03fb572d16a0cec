import { z } from 'zod';
import { Identifier, issue, LocalizedText } from '../common';
import { evaluateCondition } from '../expressions';
import { KindDefinition, nodeBase } from './kind-definition';

export const DEFAULT_BRANCH = 'default';

/**
 * Exclusive choice: the first branch (in order) whose CEL condition over the case variables is true is taken;
 * when none is, the `default` branch is.
 */
export const GatewayNode = z.object({
  ...nodeBase,
  kind: z.literal('gateway'),
  config: z.object({
    branches: z
      .array(z.object({ key: Identifier, label: LocalizedText, condition: z.string().min(1).max(2000) }))
      .min(1)
      .max(20),
    defaultLabel: LocalizedText.default({ zh: '其他', en: 'Otherwise' }),
  }),
});
export type GatewayNode = z.infer<typeof GatewayNode>;

export const gatewayKind: KindDefinition<GatewayNode> = {
  kind: 'gateway',
  palette: {
    group: 'flow',
    icon: '◇',
    label: { zh: '条件分支', en: 'Exclusive gateway' },
    description: { zh: '按条件选择一条路径', en: 'Choose one path by condition' },
  },
  outcomes: (node) => [
    ...node.config.branches.map((branch) => ({ key: branch.key, label: branch.label })),
    { key: DEFAULT_BRANCH, label: node.config.defaultLabel },
  ],
  acceptsIncoming: true,
  version: 1,
  runtime: {
    enter(run, tokenId, node) {
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
    actions: {},
  },
  check(node, context) {
    const problems = node.config.branches.flatMap((branch, index) =>
      context.checkCondition(branch.condition, node.id, ['config', 'branches', index, 'condition']),
    );
    const keys = node.config.branches.map((branch) => branch.key);
    keys.forEach((key, index) => {
      if (key === DEFAULT_BRANCH || keys.indexOf(key) !== index) {
        problems.push(
          issue(
            'gateway.duplicate-branch',
            `分支名“${key}”重复或与 default 冲突 / branch "${key}" is duplicated or clashes with default`,
            {
              nodeId: node.id,
            },
          ),
        );
      }
    });
    return problems;
  },
};
