import { z } from 'zod';
import { Identifier, LocalizedText, type OutcomeDeclaration } from '../common';
import { durationShape, durationTooLong } from '../duration';
import { Art278Item, MatterClass, NonParticipantRule, RuleSetId } from '../vote';
import { nodeBase } from './kind-definition';

/**
 * 业主大会表决 (DOMAIN §3, issue 12 §2): the vote node's configuration, outcomes and timeline types. The runtime is
 * in `vote-runtime.ts`, the kind definition (palette, checks) in `vote.ts`. Ballots never enter the case: they live
 * in the ballot box (server/votes/ballot-box.ts); the case records the roll's and the ballots' digests and the counts.
 */

/** One matter put to the owners: its Civil Code Art. 278 item fixes its class; an explicit class must agree. */
export const VoteMatter = z.object({
  key: Identifier,
  title: LocalizedText,
  item: Art278Item,
  class: MatterClass.optional(),
});
export type VoteMatter = z.infer<typeof VoteMatter>;

export const VoteNode = z.object({
  ...nodeBase,
  kind: z.literal('vote'),
  config: z.object({
    /** The compound's role that runs the vote (业委会, or the community staff where there is none). */
    organiser: Identifier,
    matters: z.array(VoteMatter).min(1).max(20),
    /** `property-law-2007` only to re-tally an old vote. */
    ruleSet: RuleSetId.default('civil-code-2021'),
    /** 物业管理条例 Art. 14: at least 15 days' notice before the meeting (natural days). */
    noticePeriod: z.string().default('P15D'),
    /** How long the ballot box stays open (natural time). */
    window: z.string().default('P15D'),
    /** 公示 of the preliminary result, during which objections (询异) are recorded (natural time). */
    objectionWindow: z.string().default('P7D'),
    /** `follow-majority` only where the compound's 议事规则 says so (cited below); the designer warns. */
    nonParticipants: NonParticipantRule.default('not-counted'),
    /** The 议事规则 article counting non-participants with the majority, cited on the result notice. */
    nonParticipantsClause: z.string().min(1).max(200).optional(),
  }),
});
export type VoteNode = z.infer<typeof VoteNode>;

/** The ways out of a vote (how several matters combine: see `combineOutcome` in `vote-runtime.ts`). */
export const voteOutcomes: OutcomeDeclaration[] = [
  { key: 'passed', label: { zh: '表决通过', en: 'Passed' } },
  { key: 'rejected', label: { zh: '表决未通过', en: 'Rejected' } },
  { key: 'no-quorum', label: { zh: '参与人数不足', en: 'No quorum' } },
];

/** The timeline entry types a vote writes (`opened`, `completed`, `cancelled`: its work item's; the designer names each). */
export const voteTimelineTypes = [
  'vote.started',
  'vote.opened',
  'vote.notice-published',
  'vote.box-opened',
  'vote.window-extended',
  'vote.preliminary-result',
  'vote.objection-recorded',
  'vote.result-final',
  'vote.not-held',
  'vote.completed',
  'vote.cancelled',
] as const;

/** The minimum notice (物业管理条例 Art. 14): 15 days. */
export const MIN_NOTICE_MS = 15 * 86_400_000;

/** A natural-time duration in milliseconds (days as whole 24-hour days), or undefined when it is not usable. */
export function naturalMs(text: string): number | undefined {
  const shape = durationShape(text);
  if ('problem' in shape || durationTooLong(shape)) return undefined;
  if (shape.kind === 'clock') return shape.milliseconds;
  if (shape.kind === 'days') return shape.days * 86_400_000;
  return undefined;
}

/** A vote node instance's ballot box: `<caseId>~<instanceId>` — the case's workflow id and the instance, stable across
 * retries of the activity that opens it. */
export const ballotBoxId = (caseId: string, instanceId: string): string => `${caseId}~${instanceId}`;

/** The case, node instance and node of a ballot box id (`<caseId>~<nodeId>.<n>`), or undefined for another shape. */
export function ballotBoxParts(boxId: string): { caseId: string; instanceId: string; nodeId: string } | undefined {
  const cut = boxId.indexOf('~');
  const instanceId = boxId.slice(cut + 1);
  if (cut <= 0 || instanceId === '' || instanceId.includes('~')) return undefined;
  return { caseId: boxId.slice(0, cut), instanceId, nodeId: instanceId.replace(/\.\d+$/, '') };
}

/** The organiser's work item id: `<instance>~organiser`. */
export const organiserItemId = (instanceId: string): string => `${instanceId}~organiser`;
