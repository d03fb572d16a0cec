import { ladderComplaint } from '../../definitions/test-support/ladder-complaint';
import type { I18n } from '../src/i18n/i18n';
import { format, isMessageKey } from '../src/i18n/i18n';
import { zh } from '../src/i18n/zh';
import { timelineSentence } from '../src/workspaces/cases/timeline-text';

const i18n = {
  language: 'zh',
  setLanguage: () => undefined,
  t: (key, values) => format(zh[key], values),
  text: (value) => value?.zh ?? '',
  message: (value) => value,
  lookup: (key, fallback) => (isMessageKey(key) ? format(zh[key], {}) : fallback),
  errorText: () => '',
} satisfies I18n;
const definition = ladderComplaint();
const entry = (type: string, data: Record<string, unknown>) => ({ seq: 1, at: '', actor: 'system', type, data });

describe('the escalation ladder on the case timeline', () => {
  test.each([
    [
      'an escalation by a meeting’s decision',
      entry('ladder.escalated', {
        from: 'compound',
        to: 'community',
        fromIndex: 0,
        toIndex: 1,
        cause: 'decision',
        by: 'liu',
        reason: '小区无法协调，提交社区',
      }),
      '由“小区”上报至“社区”（决定上报）：小区无法协调，提交社区',
    ],
    [
      'an escalation by a missed action item',
      entry('ladder.escalated', {
        from: 'community',
        to: 'street',
        fromIndex: 1,
        toIndex: 2,
        cause: 'action-item',
        by: 'system',
        reason: '行动项“更换水泵”逾期',
      }),
      '由“社区”上报至“街道”（行动项逾期上报）：行动项“更换水泵”逾期',
    ],
    ['the rung it settled on', entry('ladder.settled', { rung: 'street', index: 2 }), '在“街道”层级办结'],
  ])('given %s, when shown, then it names the rungs by the template and says why', (_what, given, sentence) => {
    expect(timelineSentence(i18n, definition, given)).toBe(sentence);
  });
});
