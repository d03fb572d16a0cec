import { issue, type Issue } from './common';
import type { CheckContext } from './checks';
import { reachable, type Graph } from './graph';
import { isDeclaredDescent, type Ladder } from './ladder';
import { orgLevelDepth } from './org';
import type { ProcessDefinition } from './schema';

/**
 * Static checks of a template's escalation ladder (issue 13 §2), each with a stable code:
 * - `ladder.duplicate-rung`: two rungs share an id;
 * - `ladder.unknown-node`: a rung names a node the definition does not have;
 * - `ladder.node-on-two-rungs`: a node is named on more than one rung (or twice on one);
 * - `ladder.rung-unreachable`: no node of a rung above the first can be reached from the start;
 * - `ladder.top-without-end`: no end can be reached from the top rung's nodes (the last rung needs a terminal);
 * - `ladder.descent-undeclared`: a way out of a rung's node leads (directly or through nodes on no rung) to a lower
 *   rung's node, and `ladder.descents` does not list it;
 * - `ladder.descent-unknown`: a listed descent names no wired way out of a laddered node;
 * - `ladder.level-descends` (warning): a rung acts at a lower org level than the rung below it;
 * plus the usual duration codes for `settleWithin` and `role.unknown` for `notify`.
 */
export function checkLadder(definition: ProcessDefinition, graph: Graph, context: CheckContext): Issue[] {
  const ladder = definition.ladder;
  if (!ladder) return [];
  const problems: Issue[] = [];
  const rungOf = new Map<string, number>();
  const seenRungs = new Set<string>();

  ladder.rungs.forEach((rung, index) => {
    const path = ['ladder', 'rungs', index];
    if (seenRungs.has(rung.id)) {
      problems.push(
        issue('ladder.duplicate-rung', `阶梯层级“${rung.id}”重复 / ladder rung "${rung.id}" is declared twice`, {
          path: [...path, 'id'],
        }),
      );
    }
    seenRungs.add(rung.id);
    rung.nodes.forEach((nodeId, position) => {
      const where = { path: [...path, 'nodes', position] };
      if (!graph.nodes.has(nodeId)) {
        problems.push(
          issue(
            'ladder.unknown-node',
            `阶梯层级“${rung.name.zh}”引用了不存在的节点“${nodeId}” / ladder rung "${rung.id}" names unknown node "${nodeId}"`,
            where,
          ),
        );
        return;
      }
      if (rungOf.has(nodeId)) {
        const other = ladder.rungs[rungOf.get(nodeId)!]!;
        problems.push(
          issue(
            'ladder.node-on-two-rungs',
            `节点“${nodeId}”已在阶梯层级“${other.name.zh}”上，不能再属于“${rung.name.zh}” / node "${nodeId}" is already on rung "${other.id}" and cannot also be on "${rung.id}"`,
            { ...where, nodeId },
          ),
        );
        return;
      }
      rungOf.set(nodeId, index);
    });
    problems.push(
      ...context.checkDuration(rung.settleWithin, rung.calendar, rung.nodes[0] ?? '', [...path, 'settleWithin']),
    );
    if (rung.notify !== undefined)
      problems.push(...context.checkRole(rung.notify, rung.nodes[0] ?? '', [...path, 'notify']));
    const below = ladder.rungs[index - 1];
    if (below && orgLevelDepth[rung.level] > orgLevelDepth[below.level]) {
      problems.push({
        ...issue(
          'ladder.level-descends',
          `阶梯层级“${rung.name.zh}”的组织层级低于其下一级“${below.name.zh}” / rung "${rung.id}" acts at a lower org level than the rung below it ("${below.id}")`,
          { path: [...path, 'level'] },
        ),
        severity: 'warning',
      });
    }
  });

  problems.push(...checkReach(definition, graph, ladder, rungOf));
  problems.push(...checkDescents(graph, ladder, rungOf));
  return problems;
}

function checkReach(definition: ProcessDefinition, graph: Graph, ladder: Ladder, rungOf: Map<string, number>): Issue[] {
  const problems: Issue[] = [];
  const start = definition.nodes.find((node) => node.kind === 'start');
  const fromStart = start ? reachable(graph, [start.id]) : new Set<string>();
  const nodesOf = (index: number) => [...rungOf.entries()].filter(([, rung]) => rung === index).map(([id]) => id);
  ladder.rungs.forEach((rung, index) => {
    if (index === 0 || !start) return;
    if (!nodesOf(index).some((nodeId) => fromStart.has(nodeId))) {
      problems.push(
        issue(
          'ladder.rung-unreachable',
          `从开始到不了阶梯层级“${rung.name.zh}”的任何节点 / no node of ladder rung "${rung.id}" can be reached from the start`,
          { path: ['ladder', 'rungs', index, 'nodes'] },
        ),
      );
    }
  });
  const topIndex = ladder.rungs.length - 1;
  const top = ladder.rungs[topIndex]!;
  const fromTop = reachable(graph, nodesOf(topIndex));
  if (![...fromTop].some((nodeId) => graph.nodes.get(nodeId)?.kind === 'end')) {
    problems.push(
      issue(
        'ladder.top-without-end',
        `最高层级“${top.name.zh}”之后没有结束节点（最高一级须能了结案件） / no end can be reached from the top rung "${top.id}": the last rung must be able to close the matter`,
        { path: ['ladder', 'rungs', topIndex, 'nodes'] },
      ),
    );
  }
  return problems;
}

/** The laddered nodes a way out of a node reaches first: following edges through nodes that are on no rung. */
function firstLadderedAfter(graph: Graph, to: string, rungOf: Map<string, number>): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const queue = [to];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (rungOf.has(id)) {
      found.add(id);
      continue;
    }
    for (const edge of graph.outgoing.get(id) ?? []) queue.push(edge.to);
  }
  return found;
}

function checkDescents(graph: Graph, ladder: Ladder, rungOf: Map<string, number>): Issue[] {
  const problems: Issue[] = [];
  for (const [nodeId, index] of rungOf) {
    for (const edge of graph.outgoing.get(nodeId) ?? []) {
      const lower = [...firstLadderedAfter(graph, edge.to, rungOf)].filter((target) => rungOf.get(target)! < index);
      if (lower.length === 0 || isDeclaredDescent(ladder, nodeId, edge.outcome)) continue;
      const target = lower[0]!;
      const targetRung = ladder.rungs[rungOf.get(target)!]!;
      problems.push(
        issue(
          'ladder.descent-undeclared',
          `节点“${nodeId}”的结果“${edge.outcome}”通向较低层级“${targetRung.name.zh}”的节点“${target}”，须在阶梯的 descents 中声明 / outcome "${edge.outcome}" of "${nodeId}" leads down to "${target}" on rung "${targetRung.id}"; declare it in ladder.descents`,
          { nodeId, edge: { from: nodeId, outcome: edge.outcome } },
        ),
      );
    }
  }
  ladder.descents.forEach((descent, index) => {
    const wired = (graph.outgoing.get(descent.from) ?? []).some((edge) => edge.outcome === descent.outcome);
    if (!rungOf.has(descent.from) || !wired) {
      problems.push(
        issue(
          'ladder.descent-unknown',
          `声明的下行“${descent.from}”/“${descent.outcome}”不是阶梯节点已连线的结果 / declared descent "${descent.from}" / "${descent.outcome}" is not a wired outcome of a laddered node`,
          { path: ['ladder', 'descents', index] },
        ),
      );
    }
  });
  return problems;
}
