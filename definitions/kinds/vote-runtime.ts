import { z } from 'zod';
import type { LocalizedText } from '../common';
import { CloseAndTallyResult, OpenBallotBoxResult, type ActivityOutcome } from '../engine/activity-registry';
import { completeAssignment, openAssignment, requireAssignee } from '../engine/assignments';
import { defineAction, type ActionTarget, type KindRuntime, type RunTarget } from '../engine/kind-runtime';
import type { Rejection } from '../engine/rejection';
import type { CaseRun } from '../engine/run';
import type { NodeInstance } from '../engine/state';
import type { WorkItem } from '../engine/work-items';
import { formatShanghai, parseInstant } from '../time';
import type { TallyResult } from '../vote';
import { naturalMs, organiserItemId, type VoteNode } from './vote-config';

/**
 * The owners' vote's runtime (DOMAIN §3, issue 12 §2). Entering opens the organiser's work item
 * (`<instance>~organiser`); its stage follows the vote:
 *
 *   notice ──publish-notice──▶ notice-period ──timer──▶ opening ──openBallotBox──▶ voting (extend-window)
 *     ──timer──▶ counting ──closeAndTally──▶ objection (record-objection, 公示) ──timer──▶ leaves: outcome
 *
 * Ballots never enter the case: the activities work on the ballot box in the database, and the case records the
 * roll's size and hash, the ballot count and digest and the per-matter figures. Several matters combine so: `no-quorum`
 * when any matter failed its participation test, else `passed` when every matter passed, else `rejected`. A box that
 * could not be opened or counted (an incident settled by hand) leaves through `no-quorum` with the resolution
 * recorded (`vote.not-held`).
 */

export const VoteStage = z.enum(['notice', 'notice-period', 'opening', 'voting', 'counting', 'objection']);
export type VoteStage = z.infer<typeof VoteStage>;

/** What a vote's node instance remembers (validated like every kind's slice, never cast). */
export const VoteSlice = z.object({
  stage: VoteStage,
  noticePublishedAt: z.string().optional(),
  boxId: z.string().optional(),
  windowEnd: z.string().optional(),
  outcome: z.enum(['passed', 'rejected', 'no-quorum']).optional(),
});
export type VoteSlice = z.infer<typeof VoteSlice>;

const NoticeInput = z.object({ text: z.string().trim().min(1).max(5000) });
const ExtendInput = z.object({ until: z.string(), reason: z.string().trim().min(1).max(1000) });
const ObjectionInput = z.object({ note: z.string().trim().min(1).max(2000) });

/** How several matters combine into the node's outcome. */
export function combineOutcome(result: TallyResult): 'passed' | 'rejected' | 'no-quorum' {
  if (result.matters.some((matter) => matter.reason === 'participation-not-met')) return 'no-quorum';
  return result.matters.every((matter) => matter.passed) ? 'passed' : 'rejected';
}

function sliceOf(instance: NodeInstance): VoteSlice {
  const parsed = VoteSlice.safeParse(instance.slice);
  return parsed.success ? parsed.data : { stage: 'notice' };
}

function saveSlice(run: CaseRun, instance: NodeInstance, changes: Partial<VoteSlice>): VoteSlice {
  const live = run.state.instances[instance.id] ?? instance;
  const slice = { ...sliceOf(live), ...changes };
  live.slice = JSON.parse(JSON.stringify(slice)) as Record<string, unknown>;
  return slice;
}

function organiserItem(run: CaseRun, instance: NodeInstance): WorkItem | undefined {
  return run.state.workItems[organiserItemId(instance.id)];
}

function setItem(run: CaseRun, instance: NodeInstance, stage: VoteStage, actions: string[]): void {
  const item = organiserItem(run, instance);
  if (item) run.touchItem({ ...item, stage, actions });
}

function expectStage(target: ActionTarget<VoteNode>, stage: VoteStage, action: string): Rejection | undefined {
  const item = target.item;
  if (!item || item.id !== organiserItemId(target.instance.id)) {
    return {
      code: 'vote.wrong-item',
      message: `请在表决的组织工作项上${action} / ${action} on the vote's organiser item`,
    };
  }
  const current = sliceOf(target.instance).stage;
  if (current !== stage) {
    return {
      code: 'vote.wrong-stage',
      message: `表决当前阶段为“${current}”，不能${action} / the vote is at stage "${current}"`,
      details: { stage: current },
    };
  }
  return undefined;
}

const at = (from: string, ms: number) => formatShanghai(Date.parse(from) + ms);

/** Figures of one matter for the timeline: exact numerators and denominators, the % for display only. */
function matterFigures(result: TallyResult) {
  return result.matters.map((matter) => ({
    key: matter.key,
    class: matter.class,
    passed: matter.passed,
    reason: matter.reason,
    participation: {
      area: matter.participation.area,
      heads: matter.participation.heads,
      met: matter.participation.met,
    },
    approval: { area: matter.approval.area, heads: matter.approval.heads, met: matter.approval.met },
    counts: matter.counts,
    ...(matter.nonParticipantsCountedAs !== null ? { nonParticipantsCountedAs: matter.nonParticipantsCountedAs } : {}),
  }));
}

function notHeld(target: RunTarget<VoteNode>, outcome: Extract<ActivityOutcome, { ok: false }>, step: string): void {
  const { run, instance, node } = target;
  run.log({
    type: 'vote.not-held',
    nodeId: node.id,
    actor: outcome.actor,
    note: outcome.resolution,
    data: { step },
  });
  finish(run, instance, 'no-quorum', outcome.actor);
}

function finish(run: CaseRun, instance: NodeInstance, outcome: string, actor: string): void {
  const item = organiserItem(run, instance);
  if (item) completeAssignment(run, item, outcome, actor);
  run.leave(instance.tokenId, outcome);
}

const label = (zh: string, en: string): LocalizedText => ({ zh, en });

export const voteRuntime: KindRuntime<VoteNode> = {
  enter(run, tokenId, node) {
    const instance = run.openInstance(tokenId, node, 1, { stage: 'notice' });
    run.log({
      type: 'vote.started',
      nodeId: node.id,
      data: {
        matters: node.config.matters.map(({ key, item }) => ({ key, item })),
        ruleSet: node.config.ruleSet,
        noticePeriod: node.config.noticePeriod,
        window: node.config.window,
        objectionWindow: node.config.objectionWindow,
      },
    });
    openAssignment(run, instance, {
      id: organiserItemId(instance.id),
      title: { zh: `${node.title.zh}（组织表决）`, en: `${node.title.en} (organise)` },
      role: node.config.organiser,
      outcomes: [],
      stage: 'notice',
      payload: { part: 'organiser' },
      actions: ['publish-notice'],
    });
  },

  actions: {
    'publish-notice': defineAction<VoteNode, z.infer<typeof NoticeInput>>({
      label: label('发布表决公告', 'Publish the notice'),
      target: 'work-item',
      input: NoticeInput,
      check(target, _input, actor) {
        return expectStage(target, 'notice', '发布公告') ?? requireAssignee(target.context, target.item!, actor);
      },
      apply({ run, node, instance }, input, actor) {
        const opensAt = at(run.now, naturalMs(node.config.noticePeriod) ?? 0);
        saveSlice(run, instance, { stage: 'notice-period', noticePublishedAt: run.now });
        setItem(run, instance, 'notice-period', []);
        run.log({
          type: 'vote.notice-published',
          actor: actor.id,
          nodeId: node.id,
          note: input.text,
          data: { publishedAt: run.now, noticePeriod: node.config.noticePeriod, opensAt },
        });
        run.startTimer({ purpose: 'vote-notice', at: opensAt, instanceId: instance.id });
        return { opensAt };
      },
    }),

    'extend-window': defineAction<VoteNode, z.infer<typeof ExtendInput>>({
      label: label('延长投票期', 'Extend the voting window'),
      target: 'work-item',
      input: ExtendInput,
      check(target, input, actor) {
        const refusal =
          expectStage(target, 'voting', '延长投票期') ?? requireAssignee(target.context, target.item!, actor);
        if (refusal) return refusal;
        const until = parseInstant(input.until);
        const current = sliceOf(target.instance).windowEnd;
        if (Number.isNaN(until) || (current !== undefined && until <= Date.parse(current))) {
          return {
            code: 'vote.extend-not-later',
            message: `新的截止时间须为带时区的时刻，且晚于当前截止时间 ${current ?? ''} / the new end must be an instant later than ${current ?? 'the current end'}`,
          };
        }
        return undefined;
      },
      apply({ run, node, instance }, input, actor) {
        const from = sliceOf(run.state.instances[instance.id] ?? instance).windowEnd;
        const to = formatShanghai(parseInstant(input.until));
        run.cancelTimersWhere((timer) => timer.instanceId === instance.id && timer.purpose === 'vote-window');
        run.startTimer({ purpose: 'vote-window', at: to, instanceId: instance.id });
        saveSlice(run, instance, { windowEnd: to });
        run.log({
          type: 'vote.window-extended',
          actor: actor.id,
          nodeId: node.id,
          note: input.reason,
          data: { from, to },
        });
        return { windowEnd: to };
      },
    }),

    'record-objection': defineAction<VoteNode, z.infer<typeof ObjectionInput>>({
      label: label('记录异议', 'Record an objection'),
      target: 'work-item',
      input: ObjectionInput,
      check(target, _input, actor) {
        return expectStage(target, 'objection', '记录异议') ?? requireAssignee(target.context, target.item!, actor);
      },
      apply({ run, node }, input, actor) {
        run.log({ type: 'vote.objection-recorded', actor: actor.id, nodeId: node.id, note: input.note });
      },
    }),
  },

  onTimer({ run, node, instance }, timer) {
    if (timer.purpose === 'vote-notice') {
      saveSlice(run, instance, { stage: 'opening' });
      setItem(run, instance, 'opening', []);
      run.runActivity(
        {
          name: 'openBallotBox',
          input: {
            instanceId: instance.id,
            compound: run.context.orgUnit,
            matters: node.config.matters.map(({ key, item }) => ({ key, item })),
            ruleSet: node.config.ruleSet,
            openedAt: run.now,
            ...(node.config.nonParticipants === 'follow-majority'
              ? { nonParticipants: 'follow-majority', nonParticipantsClause: node.config.nonParticipantsClause }
              : {}),
          },
        },
        { purpose: 'vote-open', instanceId: instance.id },
        'vote',
      );
    } else if (timer.purpose === 'vote-window') {
      const slice = saveSlice(run, instance, { stage: 'counting' });
      setItem(run, instance, 'counting', []);
      run.runActivity(
        { name: 'closeAndTally', input: { boxId: slice.boxId ?? '', closedAt: run.now } },
        { purpose: 'vote-tally', instanceId: instance.id },
        'vote',
      );
    } else if (timer.purpose === 'vote-objection') {
      const outcome = sliceOf(run.state.instances[instance.id] ?? instance).outcome ?? 'no-quorum';
      run.log({ type: 'vote.result-final', nodeId: node.id, outcome, data: { outcome } });
      finish(run, instance, outcome, 'system');
    }
  },

  onActivity(target, activity, outcome) {
    const { run, node, instance } = target;
    if (activity.purpose === 'vote-open') {
      if (!outcome.ok) return notHeld(target, outcome, 'open');
      const opened = OpenBallotBoxResult.parse(outcome.result);
      const windowEnd = at(run.now, naturalMs(node.config.window) ?? 0);
      saveSlice(run, instance, { stage: 'voting', boxId: opened.boxId, windowEnd });
      setItem(run, instance, 'voting', ['extend-window']);
      run.log({ type: 'vote.box-opened', nodeId: node.id, data: { ...opened, windowEnd } });
      run.startTimer({ purpose: 'vote-window', at: windowEnd, instanceId: instance.id });
    } else if (activity.purpose === 'vote-tally') {
      if (!outcome.ok) return notHeld(target, outcome, 'tally');
      const tally = CloseAndTallyResult.parse(outcome.result);
      const combined = combineOutcome(tally.result);
      const objectionsUntil = at(run.now, naturalMs(node.config.objectionWindow) ?? 0);
      saveSlice(run, instance, { stage: 'objection', outcome: combined });
      setItem(run, instance, 'objection', ['record-objection']);
      run.log({
        type: 'vote.preliminary-result',
        nodeId: node.id,
        outcome: combined,
        data: {
          outcome: combined,
          boxId: tally.boxId,
          closedAt: tally.closedAt,
          electorateHash: tally.electorateHash,
          ballots: tally.ballots,
          ballotDigest: tally.ballotDigest,
          ruleSet: tally.result.ruleSet.id,
          ...(tally.result.nonParticipantsClause !== undefined
            ? {
                nonParticipants: tally.result.nonParticipants,
                nonParticipantsClause: tally.result.nonParticipantsClause,
              }
            : {}),
          electorate: tally.result.electorate,
          participants: tally.result.participants,
          matters: matterFigures(tally.result),
          objectionsUntil,
        },
      });
      run.startTimer({ purpose: 'vote-objection', at: objectionsUntil, instanceId: instance.id });
    }
  },
};
