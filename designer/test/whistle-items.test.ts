import type { CaseWorkItem } from '../src/api/case-schemas';
import { format, type I18n } from '../src/i18n/i18n';
import { zh } from '../src/i18n/zh';
import { whistleDetails } from '../src/workspaces/cases/whistle-timeline';
import {
  awaitsLead,
  closeBlocker,
  DepartmentPayload,
  departmentRows,
  hasLead,
  reportBackLate,
  reportsForLead,
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

describe('首接负责 and late report-backs on the board (whistle kind version 2)', () => {
  const report = { by: 'x', at: '2025-10-09T15:00:00+08:00', onTime: true, summary: '已处理' };
  const lead = item('whistle.1~dept-chengguan', { stage: 'handling' }, { lead: true, kindVersion: 2 });
  const toLead = item(
    'whistle.1~dept-zhujian',
    { stage: 'reported-back' },
    { kindVersion: 2, reportedBack: report, reviewer: { part: 'lead', itemId: lead.id } },
  );
  const toOffice = item(
    'whistle.1~dept-shuiwu',
    { stage: 'reported-back' },
    { kindVersion: 2, reportedBack: report, reviewer: { part: 'office' } },
  );
  const accepted = item(
    'whistle.1~dept-shichang-jianguan',
    { status: 'completed', outcome: 'accepted', stage: 'reported-back' },
    { kindVersion: 2, reportedBack: report, reviewer: { part: 'lead', itemId: lead.id } },
  );

  test("given co-handlers' reports, when the lead's panel reads them, then it lists only those waiting for it, and the office sees which wait for the lead", () => {
    const rows = departmentRows([office, lead, toLead, toOffice, accepted], lead);

    expect(reportsForLead(rows, lead.id).map((row) => row.item.id)).toEqual([toLead.id]);
    expect(Object.fromEntries(rows.map((row) => [row.item.id, awaitsLead(row)]))).toEqual({
      [lead.id]: false,
      [toLead.id]: true,
      [toOffice.id]: false,
      [accepted.id]: false,
    });
  });

  const deadline = '2025-10-11T09:00:00+08:00';
  test.each([
    ['version 2, handling, past the deadline', { stage: 'handling', deadline }, 2, '2025-10-11T09:01:00+08:00', true],
    [
      'version 2, handling, before the deadline',
      { stage: 'handling', deadline },
      2,
      '2025-10-11T08:59:00+08:00',
      false,
    ],
    [
      'version 2, extension requested, past',
      { stage: 'extension-requested', deadline },
      2,
      '2025-10-12T00:00:00+08:00',
      true,
    ],
    ['version 2, not reported in yet', { stage: 'summoned', deadline }, 2, '2025-10-12T00:00:00+08:00', false],
    ['version 2, no deadline yet', { stage: 'handling' }, 2, '2025-10-12T00:00:00+08:00', false],
    ['version 1, past the deadline', { stage: 'handling', deadline }, 1, '2025-10-12T00:00:00+08:00', false],
  ] as const)(
    'given %s, then the report-back form asks for a delay reason: %s',
    (_case, fields, version, now, late) => {
      const department = item('whistle.1~dept-zhujian', fields, version === 2 ? { kindVersion: 2 } : {});
      const payload = DepartmentPayload.parse(department.payload);

      expect(reportBackLate(department, payload, Date.parse(now))).toBe(late);
    },
  );

  test('given a report-back with a delay reason and an interim report, when the timeline tells them, then the reason and files are in words', () => {
    const file = { sha256: 'c'.repeat(64), filename: '检测.pdf', size: 9, contentType: 'application/pdf' };
    const details = (type: string, data: Record<string, unknown>) =>
      whistleDetails(zhI18n, undefined, { seq: 1, at: report.at, actor: 'x', type, data });

    expect(details('whistle.reported-back', { delayReason: '等待检测', attachments: [] })).toEqual([
      '逾期原因：等待检测',
    ]);
    expect(details('whistle.interim-reported', { late: false, attachments: [file] })).toEqual([
      expect.stringContaining('检测.pdf'),
    ]);
    expect(details('whistle.reports-moved', { items: ['whistle.1~dept-zhujian'], to: 'office' })).toEqual([
      '转交给：吹哨街道',
      '反馈：住建',
    ]);
  });
});
