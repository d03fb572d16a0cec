import type { BallotMessageKey } from './ballot-catalogue';
import type { BallotLanguage } from './ballot-i18n';

/** The choices on a ballot, in the order they are offered. */
export const ballotChoices = ['agree', 'oppose', 'abstain'] as const;
export type BallotChoiceKey = (typeof ballotChoices)[number];

/** The catalogue key of a choice's label (同意 / 反对 / 弃权). */
export const choiceKey = (choice: string): BallotMessageKey =>
  choice === 'agree' ? 'ballot.choice.agree' : choice === 'oppose' ? 'ballot.choice.oppose' : 'ballot.choice.abstain';

/** The catalogue key of a channel's name (电子投票 / 书面投票 / 委托投票). */
export const channelKey = (channel: string): BallotMessageKey =>
  channel === 'paper'
    ? 'ballot.channel.paper'
    : channel === 'proxy'
      ? 'ballot.channel.proxy'
      : 'ballot.channel.electronic';

const chineseDigits = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** An Art. 278 item number as the law writes it: 第四项 in Chinese, 4 in English. */
export function itemNumeral(item: number, language: BallotLanguage): string {
  return language === 'zh' ? (chineseDigits[item] ?? String(item)) : String(item);
}

/** An area in m² as the server gives it (a decimal string), for reading: `89.50 m²`. */
export const squareMetres = (area: string) => `${area} m²`;
