import { issue, Issue } from './common';
import { createCheckContext } from './checks';
import { buildGraph, reachable } from './graph';
import { kindOf, kinds } from './kinds';
import { checkLadder } from './ladder-checks';
import { ProcessDefinition } from './schema';
import { checkJoins } from './validate-joins';

/** The result of validating a definition: the parsed definition (when its shape is right) and every issue found. */
export interface ValidationResult {
  definition?: ProcessDefinition;
  issues: Issue[];
}

/** True when nothing blocks publishing. */
export function isValid(issues: readonly Issue[]): boolean {
  return !issues.some((found) => found.severity === 'error');
}

/**
 * Validates a definition from untrusted input: its shape (zod), then the graph and every kind's own checks.
 * Returns data, never throws: the designer shows the issues, publish refuses while any is an error.
 */
export function validateDefinition(input: unknown): ValidationResult {
  const parsed = ProcessDefinition.safeParse(input);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((problem) =>
        issue(
          'definition.schema',
          `结构不符: ${problem.message} / invalid shape at ${problem.path.join('.') || '(root)'}`,
          {
            path: problem.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
          },
        ),
      ),
    };
  }
  const definition = parsed.data;
  return { definition, issues: [...checkDeclarations(definition), ...checkGraph(definition)] };
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

function checkDeclarations(definition: ProcessDefinition): Issue[] {
  return [
    ...duplicates(definition.nodes.map((node) => node.id)).map((id) =>
      issue('node.duplicate-id', `节点编号“${id}”重复 / node id "${id}" is used twice`, { nodeId: id }),
    ),
    ...duplicates(definition.roles.map((role) => role.key)).map((key) =>
      issue('role.duplicate', `角色“${key}”重复声明 / role "${key}" is declared twice`),
    ),
    ...duplicates(definition.variables.map((variable) => variable.key)).map((key) =>
      issue('variable.duplicate', `变量“${key}”重复声明 / variable "${key}" is declared twice`),
    ),
  ];
}

function checkGraph(definition: ProcessDefinition): Issue[] {
  const problems: Issue[] = [];
  const graph = buildGraph(definition);
  const context = createCheckContext(definition);

  for (const edge of definition.edges) {
    const from = graph.nodes.get(edge.from);
    const to = graph.nodes.get(edge.to);
    const where = { edge: { from: edge.from, outcome: edge.outcome } };
    if (!from || !to) {
      const missing = !from ? edge.from : edge.to;
      problems.push(
        issue(
          'edge.unknown-node',
          `连线指向不存在的节点“${missing}” / edge refers to unknown node "${missing}"`,
          where,
        ),
      );
      continue;
    }
    if (!kinds[to.kind].acceptsIncoming) {
      problems.push(
        issue('edge.into-start', `不能连入开始节点“${to.id}” / nothing may flow into start node "${to.id}"`, where),
      );
    }
    if (
      !kindOf(from)
        .outcomes(from)
        .some((outcome) => outcome.key === edge.outcome)
    ) {
      problems.push(
        issue(
          'outcome.unknown',
          `节点“${from.id}”没有结果“${edge.outcome}” / node "${from.id}" has no outcome "${edge.outcome}"`,
          {
            ...where,
            nodeId: from.id,
          },
        ),
      );
    }
  }

  for (const node of definition.nodes) {
    const wired = graph.outgoing.get(node.id) ?? [];
    for (const outcome of kindOf(node).outcomes(node)) {
      const count = wired.filter((edge) => edge.outcome === outcome.key).length;
      if (count === 0) {
        problems.push(
          issue(
            'outcome.unwired',
            `节点“${node.id}”的结果“${outcome.label.zh}”未连线 / outcome "${outcome.key}" of "${node.id}" is not wired`,
            {
              nodeId: node.id,
              edge: { from: node.id, outcome: outcome.key },
            },
          ),
        );
      } else if (count > 1) {
        problems.push(
          issue(
            'outcome.wired-twice',
            `节点“${node.id}”的结果“${outcome.label.zh}”连了 ${count} 次 / outcome "${outcome.key}" of "${node.id}" is wired ${count} times`,
            {
              nodeId: node.id,
              edge: { from: node.id, outcome: outcome.key },
            },
          ),
        );
      }
    }
    problems.push(...kindOf(node).check(node, context));
  }

  const starts = definition.nodes.filter((node) => node.kind === 'start');
  if (starts.length !== 1) {
    problems.push(
      issue(
        'graph.start-count',
        `须恰有一个开始节点，现有 ${starts.length} 个 / exactly one start node is needed, found ${starts.length}`,
      ),
    );
  }
  if (starts.length >= 1) {
    const fromStart = reachable(
      graph,
      starts.map((node) => node.id),
    );
    for (const node of definition.nodes) {
      if (!fromStart.has(node.id)) {
        problems.push(
          issue(
            'graph.unreachable',
            `节点“${node.id}”从开始无法到达 / node "${node.id}" cannot be reached from start`,
            { nodeId: node.id },
          ),
        );
      }
    }
  }
  const ends = definition.nodes.filter((node) => node.kind === 'end').map((node) => node.id);
  const toEnd = reachable(graph, ends, 'backward');
  for (const node of definition.nodes) {
    if (!toEnd.has(node.id)) {
      problems.push(
        issue(
          'graph.no-path-to-end',
          `从节点“${node.id}”到不了任何结束节点 / no end can be reached from "${node.id}"`,
          { nodeId: node.id },
        ),
      );
    }
  }

  problems.push(...checkJoins(definition, graph));
  problems.push(...checkLadder(definition, graph, context));
  return problems;
}
