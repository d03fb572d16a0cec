import { loadRunnableTemplate } from '../server/templates/built-in';
import { formatShanghai, shanghaiDate, shanghaiMidnight } from '../definitions/time';
import { actor, community, compound, notificationsOf, street, timelineOf } from './support/case-harness';
import { skipToNextThursdayMorning, useTimeSkippingServer } from './support/time-skipping';

/**
 * SLAs and timers that span days, on Temporal's time-skipping test server (a real server whose clock jumps).
 * The server's clock starts at the real now and only moves forward, so these cases start "next Friday"; holiday
 * arithmetic itself is pinned by activities/deadline tests on the published 2025–2026 schedules.
 */
const server = useTimeSkippingServer();

const propertyManager = actor('wang-pm', 'property-manager', compound);

describe('SLAs and timers over days (time-skipping server)', () => {
  test('given the property firm does nothing, when 24 hours pass, then it is reminded at 20 h and the interrupting SLA escalates to the joint meeting', async () => {
    await server.run(async ({ service, client, db }) => {
      const { caseId } = await service.start({
        runnable: await loadRunnableTemplate('resident-complaint'),
        orgUnit: compound,
        variables: { summary: '路灯不亮' },
        startedBy: 'staff',
      });
      await server.env.sleep('1 second');
      const opened = await service.snapshot(caseId);
      expect(opened.openTasks[0]!.id).toBe('property-handles.1');

      await server.env.sleep('21 hours');
      const reminders = (await notificationsOf(db, caseId)).filter(
        (notification) => notification.reason === 'sla-reminder',
      );
      expect(reminders).toHaveLength(1);
      expect(reminders[0]).toMatchObject({ recipientRole: 'property-manager', recipientUnit: compound });
      expect((await service.snapshot(caseId)).openTasks[0]!.id).toBe('property-handles.1');

      await server.env.sleep('4 hours');
      const escalated = await service.snapshot(caseId);
      expect(escalated.openTasks.map((task) => task.id)).toEqual(['compound-meeting.1']);
      const timeline = await timelineOf(db, caseId);
      expect(
        timeline
          .filter((entry) => (entry.workItemId ?? entry.taskId) === 'property-handles.1')
          .map((entry) => entry.type),
      ).toEqual(['task.opened', 'sla.deadline-set', 'sla.reminded', 'sla.breached', 'task.completed']);
      expect(timeline.find((entry) => entry.type === 'task.completed')).toMatchObject({
        actor: 'system',
        outcome: 'overdue',
        toNodeId: 'compound-meeting',
      });
      await server.finishLeftover(client, caseId);
    });
  });

  test('given a joint meeting opened on a Friday with 3 working days (after the firm missed its SLA), then the deadline skips the weekend, a reminder comes a day before, and the breach marks the case overdue without closing the task', async () => {
    await server.run(async ({ service, client, db }) => {
      const thursday = await skipToNextThursdayMorning(server.env);
      const { caseId } = await service.start({
        runnable: await loadRunnableTemplate('resident-complaint'),
        orgUnit: compound,
        variables: { summary: '违建' },
        startedBy: 'staff',
      });
      // The property firm lets its 24 h pass, so the joint meeting opens on Friday 10:00 (no human step needed).
      await server.env.sleep('25 hours');
      const friday = thursday + 86_400_000;

      const meeting = (await service.snapshot(caseId)).openTasks[0]!;
      // Counted days: Mon, Tue, Wed (Sat and Sun are rest days) → due 24:00 Wednesday = Thursday 00:00.
      const expectedDeadline = formatShanghai(shanghaiMidnight(shanghaiDate(friday)) + 6 * 86_400_000);
      expect(meeting).toMatchObject({ id: 'compound-meeting.1', deadline: expectedDeadline, overdue: false });

      await server.env.sleep(Date.parse(expectedDeadline) - (await server.env.currentTimeMs()) - 3600_000);
      const before = await service.snapshot(caseId);
      expect(before.overdue).toBe(false);
      const meetingReminders = (await notificationsOf(db, caseId)).filter(
        (notification) => notification.reason === 'sla-reminder' && notification.nodeId === 'compound-meeting',
      );
      expect(meetingReminders).toEqual([expect.objectContaining({ recipientRole: 'branch-secretary' })]);

      await server.env.sleep('2 hours');
      const after = await service.snapshot(caseId);
      expect(after.overdue).toBe(true);
      expect(after.openTasks[0]).toMatchObject({ id: 'compound-meeting.1', overdue: true });
      const escalations = (await notificationsOf(db, caseId)).filter(
        (notification) => notification.reason === 'sla-breach',
      );
      expect(escalations).toEqual([
        expect.objectContaining({ recipientRole: 'community-secretary', recipientUnit: community }),
      ]);
      await server.finishLeftover(client, caseId);
    });
  });

  test('given a major repair, when both reviewers approve and the repair is done, then the result is published and the case closes after the 7-day publicity period', async () => {
    await server.run(async ({ service, client, db }) => {
      const { caseId } = await service.start({
        runnable: await loadRunnableTemplate('maintenance-fund-repair'),
        orgUnit: compound,
        variables: { repairItem: '屋面防水' },
        startedBy: 'staff',
      });
      await server.env.sleep('1 second');
      await service.completeTask(caseId, {
        requestId: 'q',
        taskId: 'quote.1',
        outcome: 'submitted',
        data: { amount: 86000, quoteDocument: 'att:quote.pdf' },
        actor: propertyManager,
      });
      await server.env.sleep('1 second');
      const reviewing = await service.snapshot(caseId);
      expect(reviewing.openTasks.map((task) => task.id).sort()).toEqual(['committee-reviews.1', 'housing-reviews.1']);

      await service.completeTask(caseId, {
        requestId: 'c',
        taskId: 'committee-reviews.1',
        outcome: 'done',
        data: { opinion: 'approve' },
        actor: actor('zhou', 'owners-committee', compound),
      });
      const halfway = await service.snapshot(caseId);
      expect(halfway.openTasks.map((task) => task.id)).toEqual(['housing-reviews.1']);
      await service.completeTask(caseId, {
        requestId: 'h',
        taskId: 'housing-reviews.1',
        outcome: 'done',
        data: { opinion: 'approve' },
        actor: actor('sun', 'street-housing', street),
      });
      await server.env.sleep('1 second');
      expect((await service.snapshot(caseId)).openTasks.map((task) => task.id)).toEqual(['repair.1']);

      await service.completeTask(caseId, {
        requestId: 'r',
        taskId: 'repair.1',
        outcome: 'completed',
        data: { acceptanceReport: 'att:ok.pdf' },
        actor: propertyManager,
      });
      expect(await client.workflow.getHandle(caseId).result()).toEqual({ status: 'completed', outcome: 'repaired' });

      const finished = await service.snapshot(caseId);
      expect(
        Date.parse(finished.finishedAt!) -
          Date.parse((await timelineOf(db, caseId)).find((entry) => entry.type === 'timer.started')!.at),
      ).toBeGreaterThanOrEqual(7 * 86_400_000);
      const published = (await notificationsOf(db, caseId)).find((notification) => notification.nodeId === 'publish');
      expect(published?.message.zh).toBe('请公示：屋面防水 已维修，使用维修资金 86000 元。');
    });
  });
});
