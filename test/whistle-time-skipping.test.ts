import { formatShanghai, shanghaiDate, shanghaiMidnight } from '../definitions/time';
import { loadRunnableTemplate } from '../server/templates/built-in';
import { actor, notificationsOf, street, timelineOf, type CaseHarness } from './support/case-harness';
import { skipToNextThursdayMorning, useTimeSkippingServer } from './support/time-skipping';

/**
 * The street whistle's clocks on Temporal's time-skipping test server: a department that never reports in is
 * reminded and then escalated to district supervision two hours after its summons; a department that reports in on a
 * Friday gets a report-back deadline of three working days that skips the weekend, and missing it escalates too.
 * (Holidays: `test/whistle-imported-holiday.test.ts` crosses an imported New Year holiday on this server;
 * `test/whistle-holiday-deadlines.test.ts` runs the same clocks across National Day 2025 on the real calendar.)
 */
const district = 'jian/jizhou';
const office = actor('xigu-office', 'street-office', street);
const server = useTimeSkippingServer();

let requests = 0;
function act(
  harness: CaseHarness,
  caseId: string,
  workItemId: string,
  action: string,
  input: Record<string, unknown>,
  by = office,
) {
  requests += 1;
  return harness.service.act(caseId, { requestId: `ts-${requests}`, workItemId, action, input, actor: by });
}

/** A street whistle filed on a Friday 10:00 (a week or more ahead) with one department summoned from the district. */
async function summonedOnFriday(harness: CaseHarness, summary: string, role: string) {
  const friday = (await skipToNextThursdayMorning(server.env)) + 86_400_000;
  await server.env.sleep(friday - (await server.env.currentTimeMs()));
  const { caseId } = await harness.service.start({
    runnable: await loadRunnableTemplate('street-whistle'),
    orgUnit: street,
    variables: { summary },
    startedBy: 'xigu-office',
  });
  await server.env.sleep('1 second');
  await act(harness, caseId, 'whistle.1~office', 'summon', { role, unit: district });
  return { caseId, friday };
}

async function itemOf(harness: CaseHarness, caseId: string, id: string) {
  return (await harness.service.snapshot(caseId)).workItems.find((item) => item.id === id);
}

describe('whistle clocks over days (time-skipping server)', () => {
  test('given a department summoned on a Friday morning, when it never reports in, then it is reminded at 90 minutes and escalated to district supervision with a work item at two hours', async () => {
    await server.run(async (harness) => {
      const { service, client, db } = harness;
      const { caseId } = await summonedOnFriday(harness, '违规占道', 'dept-zhujian');
      const summoned = await itemOf(harness, caseId, 'whistle.1~dept-zhujian');
      expect(Date.parse(summoned!.deadline!) - Date.parse(summoned!.openedAt)).toBe(2 * 3600_000);

      await server.env.sleep('95 minutes');
      const reminders = (await notificationsOf(db, caseId)).filter((sent) => sent.reason === 'sla-reminder');
      expect(reminders).toEqual([expect.objectContaining({ recipientRole: 'dept-zhujian', recipientUnit: district })]);
      expect((await itemOf(harness, caseId, 'whistle.1~dept-zhujian'))?.overdue).toBe(false);

      await server.env.sleep('30 minutes');
      const late = await itemOf(harness, caseId, 'whistle.1~dept-zhujian');
      expect(late).toMatchObject({ overdue: true, slaState: 'breached', payload: { marks: ['report-in-late'] } });
      expect(await itemOf(harness, caseId, 'whistle.1~dept-zhujian~supervise-1')).toMatchObject({
        assigneeRole: 'district-supervision',
        assigneeUnit: district,
        stage: 'supervising',
      });
      const escalations = (await notificationsOf(db, caseId)).filter((sent) => sent.reason === 'sla-breach');
      expect(escalations).toEqual([
        expect.objectContaining({ recipientRole: 'district-supervision', recipientUnit: district }),
      ]);
      expect((await service.snapshot(caseId)).overdue).toBe(true);
      await server.finishLeftover(client, caseId);
    });
  }, 240_000);

  test('given a department that reports in on a Friday, when it does not report back, then its three working days skip the weekend and the breach at Thursday 00:00 escalates to supervision', async () => {
    await server.run(async (harness) => {
      const { client, db } = harness;
      const { caseId, friday } = await summonedOnFriday(harness, '油烟扰民', 'dept-chengguan');
      await act(
        harness,
        caseId,
        'whistle.1~dept-chengguan',
        'report-in',
        {},
        actor('cg-zhang', 'dept-chengguan', district),
      );
      await server.env.sleep('1 second');

      // Counted working days after Friday: Mon, Tue, Wed → due 24:00 Wednesday = Thursday 00:00.
      const expectedDeadline = formatShanghai(shanghaiMidnight(shanghaiDate(friday)) + 6 * 86_400_000);
      const handling = await itemOf(harness, caseId, 'whistle.1~dept-chengguan');
      expect(handling).toMatchObject({ stage: 'handling', deadline: expectedDeadline, overdue: false });

      await server.env.sleep(Date.parse(expectedDeadline) - (await server.env.currentTimeMs()) - 3600_000);
      expect((await itemOf(harness, caseId, 'whistle.1~dept-chengguan'))?.overdue).toBe(false);

      await server.env.sleep('2 hours');
      expect(await itemOf(harness, caseId, 'whistle.1~dept-chengguan')).toMatchObject({
        overdue: true,
        payload: { marks: ['report-back-late'] },
      });
      expect(await itemOf(harness, caseId, 'whistle.1~dept-chengguan~supervise-1')).toMatchObject({
        assigneeRole: 'district-supervision',
        payload: { breach: 'report-back-late', deadline: expectedDeadline },
      });
      const timeline = await timelineOf(db, caseId);
      expect(
        timeline.filter((entry) => entry.workItemId === 'whistle.1~dept-chengguan').map((entry) => entry.type),
      ).toEqual([
        'whistle.opened',
        'sla.deadline-set',
        'whistle.summoned',
        'whistle.reported-in',
        'sla.deadline-set',
        'sla.reminded',
        'sla.breached',
        'sla.escalated',
      ]);
      await server.finishLeftover(client, caseId);
    });
  }, 240_000);
});
