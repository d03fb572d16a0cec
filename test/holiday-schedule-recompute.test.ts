import { computeDeadline } from '../activities/deadline/compute-deadline';
import { bundledScheduleYears, holidayCalendar } from '../activities/deadline/holiday-calendar';
import { builtInTemplates } from '../definitions/templates';
import { shanghaiDate, shanghaiMidnight } from '../definitions/time';
import pino from 'pino';
import { recomputeProvisionalDeadlines, resumeDeadlineRecomputes } from '../server/calendar/recompute-deadlines';
import { validateSchedule } from '../server/calendar/schedule-import';
import { storeSchedule } from '../server/calendar/schedule-store';
import { runnable } from '../server/templates/built-in';
import { actor, street, timelineOf, withCaseWorker, type CaseHarness } from './support/case-harness';
import { testTemporalAddress } from './support/temporal-env';

/**
 * A running case on the real Temporal dev server whose provisional report-back deadline is recomputed after the
 * year's holiday schedule is imported (issue 11 §4). The imported days are TEST data: 元旦 Jan 1–3 of the first year
 * the installed chinese-days does not carry.
 */
const district = 'jian/jizhou';
const office = actor('xigu-office', 'street-office', street);
const chengguan = actor('cg-zhang', 'dept-chengguan', district);
const CG = 'whistle.1~dept-chengguan';

const today = shanghaiDate(Date.now());
const bundled = new Set(bundledScheduleYears());
let year = Number(today.slice(0, 4)) + 1;
while (bundled.has(year)) year += 1;
/** Natural days from today to 1 January of the unknown year: the report-back period's last day is that New Year. */
const days = Math.round((shanghaiMidnight(`${year}-01-01`) - shanghaiMidnight(today)) / 86_400_000);
const within = `P${days}D`;
const testEntries = [1, 2, 3].map((day, index) => ({
  date: `${year}-01-0${day}`,
  kind: 'holiday',
  name: '元旦（测试数据）',
  row: index + 1,
}));

/** The built-in street whistle with a report-back period reaching the unknown year's New Year. */
function whistleReachingNewYear() {
  const definition = structuredClone(builtInTemplates['street-whistle']) as { nodes: { id: string; config: object }[] };
  const whistle = definition.nodes.find((node) => node.id === 'whistle')!;
  whistle.config = { ...whistle.config, reportBack: { within, calendar: 'natural' } };
  return runnable(definition, 1);
}

let requests = 0;
const act = (
  harness: CaseHarness,
  caseId: string,
  workItemId: string,
  action: string,
  input: Record<string, unknown>,
  by = office,
) => harness.service.act(caseId, { requestId: `recompute-${(requests += 1)}`, workItemId, action, input, actor: by });

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('provisional deadlines of running cases after an import (dev server)', () => {
  test('given a department whose report-back deadline reaches an unpublished year, when that year is imported, then the case recomputes it: new deadline, timeline entry with old and new, read model no longer provisional; asking again changes nothing', async () => {
    await withCaseWorker(testTemporalAddress(), async (harness) => {
      const { service, db, client } = harness;
      const { caseId } = await service.start({
        runnable: whistleReachingNewYear(),
        orgUnit: street,
        variables: { summary: '跨年积水' },
        startedBy: 'xigu-office',
      });
      await act(harness, caseId, 'whistle.1~office', 'summon', { role: 'dept-chengguan', unit: district });
      await act(harness, caseId, CG, 'report-in', {}, chengguan);
      const provisional = await eventually(
        async () => (await service.snapshot(caseId)).workItems.find((item) => item.id === CG),
        (item) => item?.stage === 'handling' && item.slaState === 'running',
      );
      const weekendsOnly = computeDeadline({ from: `${today}T12:00:00+08:00`, within, calendar: 'natural' });
      expect(provisional).toMatchObject({ deadline: weekendsOnly.deadline, deadlineProvisional: true });

      const validated = validateSchedule(year, testEntries);
      if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
      const stored = await storeSchedule(db, { ...validated, importedBy: 'jizhou-admin', at: new Date() });
      const report = await recomputeProvisionalDeadlines({ db, client }, stored, 'jizhou-admin');
      expect(report).toEqual({ cases: 1, recomputing: 1, failed: [] });

      const expected = computeDeadline(
        { from: `${today}T12:00:00+08:00`, within, calendar: 'natural' },
        holidayCalendar([{ ...validated.schedule, version: 1 }]),
      );
      expect(expected.deadline).not.toBe(weekendsOnly.deadline);
      const timeline = await eventually(
        () => timelineOf(db, caseId),
        (entries) => entries.some((entry) => entry.type === 'deadline.recomputed'),
      );
      expect(timeline.find((entry) => entry.type === 'deadline.recomputed')).toMatchObject({
        workItemId: CG,
        data: {
          from: weekendsOnly.deadline,
          deadline: expected.deadline,
          provisional: false,
          schedules: { [String(year)]: 1 },
        },
      });
      const recomputed = (await service.snapshot(caseId)).workItems.find((item) => item.id === CG);
      expect(recomputed).toMatchObject({ deadline: expected.deadline, slaState: 'running', overdue: false });
      expect(recomputed?.deadlineProvisional).toBeUndefined();
      const row = await db.query<{ deadline_provisional: boolean | null; deadline: Date }>(
        'SELECT deadline_provisional, deadline FROM case_work_items WHERE case_id = $1 AND item_id = $2',
        [caseId, CG],
      );
      expect(row.rows[0]?.deadline_provisional ?? false).toBe(false);
      expect(row.rows[0]?.deadline.getTime()).toBe(Date.parse(expected.deadline));
      const marked = await db.query<{ done: boolean }>(
        'SELECT recomputed_at IS NOT NULL AS done FROM holiday_schedules WHERE year = $1',
        [year],
      );
      expect(marked.rows).toEqual([{ done: true }]);

      // Asked again (a retry, the next server start): the case is no longer listed, and a direct ask does nothing.
      expect(await recomputeProvisionalDeadlines({ db, client }, stored, 'jizhou-admin')).toEqual({
        cases: 0,
        recomputing: 0,
        failed: [],
      });
      const again = await client.workflow.getHandle(caseId).executeUpdate('recomputeDeadlines', {
        args: [{ requestId: `holiday-schedule:${year}:v1`, year, version: 1, actor: 'jizhou-admin' }],
      });
      expect(again).toEqual({ recomputing: 0 });
      expect((await timelineOf(db, caseId)).filter((entry) => entry.type === 'deadline.recomputed')).toHaveLength(1);
      await client.workflow.getHandle(caseId).terminate('test finished');
    });
  }, 120_000);

  test('given an import whose fan-out never ran (the server stopped right after storing it), when the next server start resumes it, then the running case recomputes and the version is marked done', async () => {
    await withCaseWorker(testTemporalAddress(), async (harness) => {
      const { service, db, client } = harness;
      const { caseId } = await service.start({
        runnable: whistleReachingNewYear(),
        orgUnit: street,
        variables: { summary: '跨年停水' },
        startedBy: 'xigu-office',
      });
      await act(harness, caseId, 'whistle.1~office', 'summon', { role: 'dept-chengguan', unit: district });
      await act(harness, caseId, CG, 'report-in', {}, chengguan);
      await eventually(
        () => db.query('SELECT 1 FROM case_work_items WHERE case_id = $1 AND deadline_provisional', [caseId]),
        (found) => found.rows.length === 1,
      );
      const validated = validateSchedule(year, testEntries);
      if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
      await storeSchedule(db, { ...validated, importedBy: 'jizhou-admin', at: new Date() });

      await resumeDeadlineRecomputes({ db, client, log: pino({ level: 'silent' }) });

      const timeline = await eventually(
        () => timelineOf(db, caseId),
        (entries) => entries.some((entry) => entry.type === 'deadline.recomputed'),
      );
      expect(timeline.filter((entry) => entry.type === 'deadline.recomputed')).toHaveLength(1);
      const marked = await db.query<{ done: boolean }>(
        'SELECT recomputed_at IS NOT NULL AS done FROM holiday_schedules WHERE year = $1',
        [year],
      );
      expect(marked.rows).toEqual([{ done: true }]);
      await client.workflow.getHandle(caseId).terminate('test finished');
    });
  }, 120_000);
});
