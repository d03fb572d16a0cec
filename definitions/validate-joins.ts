import { issue, Issue } from './common';
import { buildGraph, reachable, type Graph } from './graph';
import type { JoinNode } from './kinds/join';
import type { ParallelNode } from './kinds/parallel';
import type { ProcessDefinition } from './schema';

/**
 * Forks and joins must nest: each fork has one join naming it; every branch reaches that join; no branch reaches an
 * end without passing the join; and nothing enters the join except through its fork.
 */
export function checkJoins(definition: ProcessDefinition, graph: Graph = buildGraph(definition)): Issue[] {
  const problems: Issue[] = [];
  const forks = definition.nodes.filter((node): node is ParallelNode => node.kind === 'parallel');
  const joins = definition.nodes.filter((node): node is JoinNode => node.kind === 'join');
  const ends = definition.nodes.filter((node) => node.kind === 'end').map((node) => node.id);
  const start = definition.nodes.find((node) => node.kind === 'start');

  for (const join of joins) {
    const fork = graph.nodes.get(join.config.fork);
    if (!fork || fork.kind !== 'parallel') {
      problems.push(
        issue(
          'join.unknown-fork',
          `汇合点所指的并行分支“${join.config.fork}”不存在 / join names no parallel fork "${join.config.fork}"`,
          {
            nodeId: join.id,
            path: ['config', 'fork'],
          },
        ),
      );
      continue;
    }
    const branchCount = fork.config.branches.length;
    const { policy, n } = join.config;
    if ((policy === 'n-of-m' && (n === undefined || n > branchCount)) || (policy !== 'n-of-m' && n !== undefined)) {
      problems.push(
        issue(
          'join.n-out-of-range',
          `n-of-m 的 n 须在 1 到 ${branchCount} 之间，且仅用于 n-of-m / n must be 1..${branchCount} and only with n-of-m`,
          {
            nodeId: join.id,
            path: ['config', 'n'],
          },
        ),
      );
    }
    const joinOnly = new Set([join.id]);
    for (const branch of fork.config.branches) {
      const target = graph.outgoing.get(fork.id)?.find((edge) => edge.outcome === branch.key)?.to;
      if (target === undefined) continue; // reported as outcome.unwired
      const region = reachable(graph, [target], 'forward', joinOnly);
      const joined =
        target === join.id || [...region].some((id) => graph.outgoing.get(id)?.some((edge) => edge.to === join.id));
      if (!joined) {
        problems.push(
          issue(
            'join.branch-not-joined',
            `分支“${branch.key}”到不了汇合点“${join.id}” / branch "${branch.key}" never reaches join "${join.id}"`,
            {
              nodeId: fork.id,
            },
          ),
        );
      }
      if (ends.some((end) => region.has(end))) {
        problems.push(
          issue(
            'join.branch-escapes',
            `分支“${branch.key}”可不经汇合点直达结束 / branch "${branch.key}" can reach an end without the join`,
            {
              nodeId: fork.id,
            },
          ),
        );
      }
    }
    if (start && reachable(graph, [start.id], 'forward', new Set([fork.id])).has(join.id)) {
      problems.push(
        issue(
          'join.entered-outside-fork',
          `汇合点“${join.id}”可绕过并行分支“${fork.id}”到达 / join "${join.id}" can be reached without its fork`,
          {
            nodeId: join.id,
          },
        ),
      );
    }
  }

  for (const fork of forks) {
    const closing = joins.filter((join) => join.config.fork === fork.id);
    if (closing.length === 0) {
      problems.push(
        issue('parallel.without-join', `并行分支“${fork.id}”没有汇合点 / fork "${fork.id}" has no join`, {
          nodeId: fork.id,
        }),
      );
    } else if (closing.length > 1) {
      problems.push(
        issue(
          'join.duplicate-for-fork',
          `并行分支“${fork.id}”有多个汇合点 / fork "${fork.id}" has more than one join`,
          { nodeId: fork.id },
        ),
      );
    }
  }
  return problems;
}
