import { z } from 'zod';
import { Identifier, LocalizedText } from './common';
import { Calendar } from './duration';
import { OrgLevel } from './org';

/**
 * The escalation ladder (DOMAIN §2, "小事不出小区，大事不出社区") as a template declares it: ordered rungs, lowest
 * first (小区 → 社区 → 街道 → 区 by default; a district may rename rungs or add some), each naming the nodes that act
 * on it and the time the matter may take to be settled there. A case on engine version 4 knows its current rung and
 * records every move between rungs (`definitions/engine/ladder.ts`); static checks are in `ladder-checks.ts`.
 *
 * Going down the ladder is allowed only where the template says so: `descents` lists each way out of a rung's node
 * (node id + outcome) whose path leads to a lower rung's node (e.g. the community council hands the matter back to the
 * compound's property firm). Any other such path is an error (`ladder.descent-undeclared`).
 */
export const LadderRung = z.object({
  id: Identifier,
  name: LocalizedText,
  /** The org level the rung acts at (the compound's joint meeting: `compound`; the street's whistle: `street`). */
  level: OrgLevel,
  /** The nodes that act on this rung; a node is on at most one rung, nodes on none (gateways, start) carry no rung. */
  nodes: z.array(Identifier).min(1).max(200),
  /**
   * How long the matter may stay on this rung before it should be settled there (ISO-8601, the legal shapes of every
   * duration: PT72H, P7D, P15D on working days). When it passes unsettled the case records `ladder.rung-overdue` and
   * notifies `notify`; it does not move by itself (a template wires automatic moves with its nodes' own SLAs).
   */
  settleWithin: z.string(),
  calendar: Calendar.default('natural'),
  /** Who is told when the rung's deadline passes (a declared role), e.g. the next rung's convener. */
  notify: Identifier.optional(),
});
export type LadderRung = z.infer<typeof LadderRung>;

/** A way out of a rung's node (by outcome) that is allowed to lead down the ladder. */
export const LadderDescent = z.object({ from: Identifier, outcome: Identifier });
export type LadderDescent = z.infer<typeof LadderDescent>;

export const Ladder = z.object({
  /** Lowest rung first. */
  rungs: z.array(LadderRung).min(1).max(10),
  descents: z.array(LadderDescent).max(200).default([]),
});
export type Ladder = z.infer<typeof Ladder>;

/** The default rung names (a template may rename them). */
export const defaultRungNames: Record<'compound' | 'community' | 'street' | 'district', LocalizedText> = {
  compound: { zh: '小区', en: 'Compound' },
  community: { zh: '社区', en: 'Community' },
  street: { zh: '街道', en: 'Street' },
  district: { zh: '区', en: 'District' },
};

/** The rung index (0 = lowest) of each laddered node. */
export function rungIndexByNode(ladder: Ladder): Map<string, number> {
  const byNode = new Map<string, number>();
  ladder.rungs.forEach((rung, index) => {
    for (const nodeId of rung.nodes) if (!byNode.has(nodeId)) byNode.set(nodeId, index);
  });
  return byNode;
}

/** Whether leaving `from` through `outcome` is a declared descent. */
export function isDeclaredDescent(ladder: Ladder, from: string, outcome: string | undefined): boolean {
  return ladder.descents.some((descent) => descent.from === from && descent.outcome === outcome);
}
