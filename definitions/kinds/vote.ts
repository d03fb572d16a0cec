import { issue, type Issue } from '../common';
import { matterClassOf, ruleSets } from '../vote';
import type { KindDefinition } from './kind-definition';
import { MIN_NOTICE_MS, naturalMs, type VoteNode, voteOutcomes } from './vote-config';
import { voteRuntime } from './vote-runtime';

export { VoteNode } from './vote-config';

/**
 * 业主大会表决 (DOMAIN §3): the organiser publishes the notice, the ballot box opens after the notice period with the
 * compound's roll copied into it, owners vote for the window, the box closes and is counted under Civil Code
 * Art. 278, the preliminary result is shown (公示) while objections are recorded, and the node leaves through
 * `passed`, `rejected` or `no-quorum`. Configuration in `vote-config.ts`, runtime in `vote-runtime.ts`.
 */
export const voteKind: KindDefinition<VoteNode> = {
  kind: 'vote',
  palette: {
    group: 'work',
    icon: '票',
    label: { zh: '业主大会表决', en: "Owners' vote" },
    description: {
      zh: '公告、投票期、按民法典第二百七十八条计票、结果公示与异议、通过或未通过',
      en: 'Notice, voting window, Civil Code Art. 278 count, published result with objections, passed or not',
    },
  },
  outcomes: () => voteOutcomes,
  acceptsIncoming: true,
  version: 1,
  runtime: voteRuntime,
  check(node, context) {
    const { config } = node;
    const at = (path: (string | number)[]) => ({ nodeId: node.id, path: ['config', ...path] });
    const problems: Issue[] = [...context.checkRole(config.organiser, node.id, ['config', 'organiser'])];
    const rules = ruleSets[config.ruleSet];
    const keys = config.matters.map((matter) => matter.key);
    config.matters.forEach((matter, index) => {
      if (keys.indexOf(matter.key) !== index) {
        problems.push(
          issue(
            'vote.duplicate-matter',
            `表决事项“${matter.key}”重复 / matter "${matter.key}" is listed twice`,
            at(['matters', index, 'key']),
          ),
        );
      }
      const byItem = matterClassOf(rules, { item: matter.item });
      if (matter.class !== undefined && matter.class !== byItem) {
        problems.push(
          issue(
            'vote.class-contradicts-item',
            `事项“${matter.key}”属第二百七十八条第 ${matter.item} 项，按 ${config.ruleSet} 为“${byItem}”，不能标为“${matter.class}” / matter "${matter.key}" is item ${matter.item}, which is ${byItem} under ${config.ruleSet}, not ${matter.class}`,
            at(['matters', index, 'class']),
          ),
        );
      }
    });
    const notice = naturalMs(config.noticePeriod);
    if (notice === undefined || notice < MIN_NOTICE_MS) {
      problems.push(
        issue(
          'vote.notice-too-short',
          `公告期“${config.noticePeriod}”须为不少于 15 日的时长（物业管理条例第十四条） / the notice period must be a duration of at least 15 days (Property Management Regulations Art. 14)`,
          at(['noticePeriod']),
        ),
      );
    }
    if (naturalMs(config.window) === undefined) {
      problems.push(
        issue(
          'vote.window-invalid',
          `投票期“${config.window}”须为时长（如 P15D 或 PT48H，不能以月计） / the voting window must be a clock or day duration (P15D, PT48H)`,
          at(['window']),
        ),
      );
    }
    if (naturalMs(config.objectionWindow) === undefined) {
      problems.push(
        issue(
          'vote.objection-window-invalid',
          `公示期“${config.objectionWindow}”须为时长（如 P7D） / the objection window must be a clock or day duration (P7D)`,
          at(['objectionWindow']),
        ),
      );
    }
    if (config.nonParticipants === 'follow-majority') {
      problems.push({
        code: 'vote.non-participants-follow-majority',
        severity: 'warning',
        message:
          '未参与表决者计入多数票：依议事规则（业主大会和业主委员会指导规则第二十六条）可以约定，但法院对此类条款的效力存在争议；参与人数仍按实际参与者计算，结果公示将引用该条款 / non-participants follow the majority: a compound may say so in its rules of procedure (Guidance Rules Art. 26), but courts dispute such clauses; participation is still measured on actual participants and the result notice cites the clause',
        ...at(['nonParticipants']),
      });
      if (config.nonParticipantsClause === undefined)
        problems.push(
          issue(
            'vote.non-participants-clause-missing',
            '未参与表决者计入多数票须写明议事规则的条款（如“议事规则第十二条”） / name the rules-of-procedure clause (e.g. "议事规则第十二条") that counts non-participants with the majority',
            at(['nonParticipantsClause']),
          ),
        );
    }
    return problems;
  },
};
