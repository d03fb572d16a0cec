import { matterClassOf, type MatterClass, type RuleSet, type RuleSetId, ruleSets } from '../../definitions/vote';

/** 民法典第二百七十八条第一款 items 1–9, as the notices cite them. */
export const art278Items: Record<number, string> = {
  1: '制定和修改业主大会议事规则',
  2: '制定和修改管理规约',
  3: '选举业主委员会或者更换业主委员会成员',
  4: '选聘和解聘物业服务企业或者其他管理人',
  5: '使用建筑物及其附属设施的维修资金',
  6: '筹集建筑物及其附属设施的维修资金',
  7: '改建、重建建筑物及其附属设施',
  8: '改变共有部分的用途或者利用共有部分从事经营活动',
  9: '有关共有和共同管理权利的其他重大事项',
};

/** The numeral of an item as the law writes it: 第（四）项. */
const chineseNumerals = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
export const itemCitation = (item: number): string =>
  `民法典第二百七十八条第一款第（${chineseNumerals[item] ?? item}）项`;

/** A matter as the documents print it: its title, item and threshold class under the vote's rule set. */
export interface PrintedMatter {
  key: string;
  title: string;
  item?: number;
  class: MatterClass;
}

export function printedMatter(
  ruleSet: RuleSetId,
  matter: { key: string; title?: string; item?: number; class?: MatterClass },
): PrintedMatter {
  const rules: RuleSet = ruleSets[ruleSet];
  return {
    key: matter.key,
    title: matter.title ?? matter.key,
    ...(matter.item !== undefined && { item: matter.item }),
    class: matterClassOf(rules, matter),
  };
}

export const classNames: Record<MatterClass, string> = { ordinary: '一般事项', special: '特别事项' };

/** `4（选聘和解聘物业服务企业或者其他管理人）` or `—` for a matter named only by its class. */
export function itemText(matter: PrintedMatter): string {
  return matter.item === undefined ? '—' : `第${matter.item}项（${art278Items[matter.item] ?? ''}）`;
}

/** What the matter needs to pass under the rule set, in words. */
export function thresholdText(ruleSet: RuleSetId, matterClass: MatterClass): string {
  const rules: RuleSet = ruleSets[ruleSet];
  const approval = rules.approval[matterClass].text;
  const base =
    rules.approvalBase === 'participating' ? '参与表决专有部分面积和参与表决人数' : '建筑物总面积和业主总人数';
  const participation = rules.participation
    ? `专有部分面积${rules.participation.text}的业主且人数${rules.participation.text}的业主参与表决，并经`
    : '经';
  return `${classNames[matterClass]}：${participation}${base}${approval}的业主同意`;
}

/** The rule set with its law and articles, one line each. */
export function ruleSetLines(ruleSet: RuleSetId): string[] {
  const rules: RuleSet = ruleSets[ruleSet];
  return [`适用规则：${rules.law}（${rules.id}）`, ...rules.articles.map((article) => `· ${article}`)];
}

export const choiceNames = { agree: '同意', oppose: '反对', abstain: '弃权' } as const;

/** 物业管理条例第十四条 (the 15-day notice). */
export const article14Sentence =
  '《物业管理条例》第十四条：召开业主大会会议，应当于会议召开15日以前通知全体业主。住宅小区的业主大会会议，应当同时告知相关的居民委员会。';
