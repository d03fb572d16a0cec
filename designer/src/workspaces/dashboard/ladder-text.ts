import type { Language } from '../../i18n/i18n';

/**
 * The ladder panel's own words (issue 13 §4), Chinese and English side by side; kept beside the panel so the shared
 * catalogues need no edit while the ladder's screens are young.
 */
const words = {
  title: { zh: '阶梯解决情况（{month}）', en: 'Settled on the ladder ({month})' },
  inCompound: { zh: '小事不出小区', en: 'Settled in the compound' },
  inCommunity: { zh: '大事不出社区', en: 'Settled within the community' },
  rung: { zh: '层级', en: 'Rung' },
  settled: { zh: '解决数', en: 'Settled' },
  share: { zh: '占比', en: 'Share' },
  median: { zh: '解决用时中位数（小时）', en: 'Median time to settle (hours)' },
  escalations: { zh: '上报（按原因）', en: 'Escalations by cause' },
  cause: { zh: '原因', en: 'Cause' },
  count: { zh: '次数', en: 'Count' },
  meetings: { zh: '会议出席（举行 {held} 次）', en: 'Meeting attendance ({held} sessions held)' },
  party: { zh: '参会方', en: 'Party' },
  called: { zh: '召集', en: 'Called' },
  present: { zh: '出席', en: 'Present' },
  rate: { zh: '出席率', en: 'Attendance rate' },
  'cause.decision': { zh: '会议或人员决定', en: 'Decision' },
  'cause.breach': { zh: '时限超期', en: 'SLA breach' },
  'cause.action-item': { zh: '行动项逾期', en: 'Failed action item' },
  'cause.other': { zh: '其他', en: 'Other' },
} as const;
export type LadderWord = keyof typeof words;

/** The word in `language`, with `{name}` placeholders filled. */
export function ladderText(language: Language, key: LadderWord, values: Record<string, string | number> = {}): string {
  return words[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
