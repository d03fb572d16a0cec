import type { CaseWorkItem } from '../src/api/case-schemas';
import { format, type I18n } from '../src/i18n/i18n';
import { zh } from '../src/i18n/zh';
import { whistleDetails } from '../src/workspaces/cases/whistle-timeline';
import {
  closeBlocker,
  departmentRows,
  hasLead,
  summonableUnits,
  summonedKeys,
} from '../src/work-items/whistle/whistle-items';

const zhI18n = {
  language: 'zh',
  t: (key, values) => format(zh[key], values),
  text: (localized) => localized?.zh ?? '',
  lookup: (_key, fallback) => fallback,
} as I18n;

function item(id: string, fields: Partial<CaseWorkItem> = {}, payload: Record<string, unknown> = {}): CaseWorkItem {
  return {
    id,
    nodeId: 'whistle',
    kind: 'whistle',
    title: { zh: id, en: id },
    assigneeRole: id.split('~')[1] ?? 'street-office',
    assigneeUnit: 'jian/jizhou',
    openedAt: `2025-10-09T09:0${id.length % 10}:00+08:00`,
    slaState: 'running',
    overdue: false,
    stage: 'summoned',
    outcomes: [],
    actions: [],
    status: 'open',
    ...fields,
    payload: { part: 'department', ...payload },
  };
}

const office = item('whistle.1~office', { stage: 'coordinating' }, { part: 'office' });

describe('the office matrix of a whistle', () => {
  test('given departments in every state, when read, then each has its state and only the unreported or late are alarming', () => {
    const rows = departmentRows(
      [
        office,
        item('whistle.1~dept-chengguan', { stage: 'handling' }, { lead: true }),
        item('whistle.1~dept-zhujian', { status: 'completed', outcome: 'released' }),
        item('whistle.1~dept-shuiwu'),
        item('whistle.1~dept-shichang-jianguan', { stage: 'handling', overdue: true }),
        item('whistle.2~dept-chengguan'),
      ],
      office,
    );

    expect(rows.map((row) => [row.item.id, row.state, row.alarming]).sort()).toEqual([
      ['whistle.1~dept-chengguan', 'handling', false],
      ['whistle.1~dept-shichang-jianguan', 'handling', true],
      ['whistle.1~dept-shuiwu', 'summoned', true],
      ['whistle.1~dept-zhujian', 'released', false],
    ]);
    expect(hasLead(rows)).toBe(true);
    expect(summonedKeys(rows).has('dept-zhujian@jian/jizhou')).toBe(true);
    expect(closeBlocker(rows)).toBe('pending');
  });

  test('given every department closed but the lead released, when the office would close, then the missing lead blocks it', () => {
    const rows = departmentRows(
      [
        office,
        item('whistle.1~dept-chengguan', { status: 'completed', outcome: 'released' }, { lead: false }),
        item('whistle.1~dept-zhujian', { status: 'completed', outcome: 'accepted' }),
      ],
      office,
    );
    expect(closeBlocker(rows)).toBe('no-lead');
    expect(hasLead(rows)).toBe(false);
  });

  test('given a compound case, when the summon form offers departments, then they come from its district and its street', () => {
    expect(summonableUnits('jian/jizhou/xigu/jisheng-sq/jisheng')).toEqual(['jian/jizhou', 'jian/jizhou/xigu']);
    expect(summonableUnits('jian/jizhou/xigu')).toEqual(['jian/jizhou', 'jian/jizhou/xigu']);
  });
});

describe('whistle entries on the case timeline', () => {
  test('given the office closing with ratings and the callback, when shown, then the result, each rated department and the three answers read in words', () => {
    const base = { seq: 1, at: '2025-10-09T09:00:00+08:00', actor: 'xigu-office', nodeId: 'whistle' };
    expect(
      whistleDetails(zhI18n, undefined, {
        ...base,
        type: 'whistle.closed',
        data: { result: 'settled', ratings: { 'whistle.1~dept-chengguan': 'basically-satisfied' } },
      }),
    ).toEqual(['结果: 已解决', '城管执法: 基本满意']);
    expect(
      whistleDetails(zhI18n, undefined, {
        ...base,
        type: 'whistle.callback-recorded',
        data: { contactedInTime: true, resolved: false, satisfaction: 'dissatisfied' },
      }),
    ).toEqual(['是否及时联系: 是', '是否解决: 否', '是否满意: 不满意']);
    expect(whistleDetails(zhI18n, undefined, { ...base, type: 'whistle.accepted' })).toBeUndefined();
  });
});
