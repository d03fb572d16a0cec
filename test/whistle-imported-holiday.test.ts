import { computeDeadline } from '../activities/deadline/compute-deadline';
import { holidayCalendar } from '../activities/deadline/holiday-calendar';
import { shanghaiDate, shanghaiMidnight } from '../definitions/time';
import { validateSchedule } from '../server/calendar/schedule-import';
import { storeSchedule } from '../server/calendar/schedule-store';
import { loadRunnableTemplate } from '../server/templates/built-in';
import { actor, street, timelineOf, type CaseHarness } from './support/case-harness';
import { useTimeSkippingServer } from './support/time-skipping';

/**
 * A whistle's report-back breach across a New Year holiday on Temporal's time-skipping server. The server's clock
 * starts at the real now and chinese-days may not carry next year yet, so the year's schedule is imported first —
 * TEST data, not the State Council's: 元旦 Jan 1–3 off. A department reporting in on 30 December then has three
 * working days Dec 31, Jan 4, Jan 5 (weekends only would have counted Jan 1 and been due a day earlier).
 */
const district = 'jian/jizhou';
const office = actor('xigu-office', 'street-office', street);
const chengguan = actor('cg-zhang', 'dept-chengguan', district);
const CG = 'whistle.1~dept-chengguan';
const server = useTimeSkippingServer();

let requests = 0;
const act = (
  harness: CaseHarness,
  caseId: string,
  workItemId: string,
  action: string,
  input: Record<string, unknown>,
  by = office,
) => harness.service.act(caseId, { requestId: `holiday-${(requests += 1)}`, workItemId, action, input, actor: by });

async function itemOf(harness: CaseHarness, caseId: string, id: string) {
  return (await harness.service.snapshot(caseId)).workItems.find((item) => item.id === id);
}

describe('whistle report-back across an imported holiday (time-skipping server)', () => {
  test('given next year’s New Year imported (test data) and a department reporting in on 30 December, when it does not report back, then the deadline skips Jan 1–3, nothing breaches when weekends-only would have, and the breach escalates after the holiday', async () => {
    await server.run(async (harness) => {
      const { db, client } = harness;
      const now = await server.env.currentTimeMs();
      // 30 December 10:00 of this year, or of next year once that has passed.
      let year = Number(shanghaiDate(now).slice(0, 4)) + 1;
      if (shanghaiMidnight(`${year - 1}-12-30`) + 10 * 3600_000 <= now) year += 1;
      const reportInAt = shanghaiMidnight(`${year - 1}-12-30`) + 10 * 3600_000;

      const validated = validateSchedule(
        year,
        [1, 2, 3].map((day, index) => ({
          date: `${year}-01-0${day}`,
          kind: 'holiday',
          name: '元旦（测试数据）',
          row: index + 1,
        })),
      );
      if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
      await storeSchedule(db, { ...validated, importedBy: 'jizhou-admin', at: new Date(now) });

      await server.env.sleep(reportInAt - 60_000 - now);
      const { caseId } = await harness.service.start({
        runnable: await loadRunnableTemplate('street-whistle'),
        orgUnit: street,
        variables: { summary: '跨年供暖' },
        startedBy: 'xigu-office',
      });
      await server.env.sleep('1 second');
      await act(harness, caseId, 'whistle.1~office', 'summon', { role: 'dept-chengguan', unit: district });
      await server.env.sleep(reportInAt - (await server.env.currentTimeMs()));
      await act(harness, caseId, CG, 'report-in', {}, chengguan);
      await server.env.sleep('1 second');

      const request = { from: new Date(reportInAt).toISOString(), within: 'P3D', calendar: 'workdays' } as const;
      const weekendsOnly = computeDeadline(request, holidayCalendar());
      const expected = computeDeadline(request, holidayCalendar([{ ...validated.schedule, version: 1 }]));
      // For 2027 (Dec 30 a Wednesday): due Jan 6 00:00 with the holiday, Jan 5 00:00 on weekends only.
      if (year === 2027)
        expect([expected.deadline, weekendsOnly.deadline]).toEqual([
          '2027-01-06T00:00:00+08:00',
          '2027-01-05T00:00:00+08:00',
        ]);
      expect(Date.parse(expected.deadline)).toBeGreaterThan(Date.parse(weekendsOnly.deadline));
      const handling = await itemOf(harness, caseId, CG);
      expect(handling).toMatchObject({ stage: 'handling', deadline: expected.deadline, overdue: false });
      expect(handling?.deadlineProvisional).toBeUndefined();

      // Past the weekends-only deadline: still in time, because Jan 1 was a holiday.
      await server.env.sleep(Date.parse(weekendsOnly.deadline) + 3600_000 - (await server.env.currentTimeMs()));
      expect((await itemOf(harness, caseId, CG))?.overdue).toBe(false);

      await server.env.sleep(Date.parse(expected.deadline) + 3600_000 - (await server.env.currentTimeMs()));
      expect(await itemOf(harness, caseId, CG)).toMatchObject({
        overdue: true,
        payload: { marks: ['report-back-late'] },
      });
      expect(await itemOf(harness, caseId, `${CG}~supervise-1`)).toMatchObject({
        assigneeRole: 'district-supervision',
        payload: { breach: 'report-back-late', deadline: expected.deadline },
      });
      const timeline = await timelineOf(db, caseId);
      const breached = timeline.find((entry) => entry.type === 'sla.breached' && entry.workItemId === CG);
      expect(breached).toMatchObject({ data: { deadline: expected.deadline } });
      expect(Date.parse(breached!.at)).toBeGreaterThanOrEqual(Date.parse(expected.deadline));
      await server.finishLeftover(client, caseId);
    });
  }, 240_000);
});
