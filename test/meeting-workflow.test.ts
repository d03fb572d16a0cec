import { jointMeeting } from '../definitions/test-support/joint-meeting';
import { formatShanghai } from '../definitions/time';
import { runnable } from '../server/templates/built-in';
import { actor, compound, timelineOf, waitForSnapshot, withCaseWorker, type CaseHarness } from './support/case-harness';
import { testTemporalAddress } from './support/temporal-env';

/**
 * 联席会议 on the real Temporal dev server through the `act` Update: the notice period is checked on the workflow's
 * clock in the validator, the owners' committee stays away so the meeting is adjourned and rescheduled, a resolution
 * without it is refused before it reaches history, the minutes carry every present party's position, and of the two
 * action items one is done and the other misses its (seconds-long) due time, so the meeting escalates through
 * `action-item-overdue` with the failed item named. Real clock: durations are seconds and minutes.
 */
const secretary = actor('liu-secretary', 'party-branch', compound);
const owners = actor('chen-ywh', 'owners-committee', compound);
const firm = actor('zhao-wuye', 'property-firm', compound);

let requests = 0;
function act(harness: CaseHarness, caseId: string, workItemId: string, action: string, input: object, by = secretary) {
  requests += 1;
  return harness.service.act(caseId, {
    requestId: `meeting-${requests}`,
    workItemId,
    action,
    input: { ...input },
    actor: by,
  });
}

const CONVENER = 'meeting.1~convener';

describe('joint meeting on a real Temporal server', () => {
  test('given a compound joint meeting, when it is adjourned once, then resolves with action items and one item is missed, then the case escalates naming the item', async () => {
    await withCaseWorker(testTemporalAddress(), async (harness) => {
      const definition = jointMeeting({
        noticePeriod: 'PT10M',
        actionItems: { within: 'PT1H', calendar: 'natural' },
      }).build();
      const { caseId } = await harness.service.start({
        runnable: runnable(definition, 1),
        orgUnit: compound,
        variables: {},
        startedBy: 'liu-secretary',
      });
      await waitForSnapshot(harness.service, caseId, (snapshot) => snapshot.workItems.length === 1);

      // Too little notice: refused by the validator on the workflow's clock.
      const soon = formatShanghai(Date.now() + 5 * 60_000);
      await expect(
        act(harness, caseId, CONVENER, 'schedule', { at: soon, place: '党群服务站', agenda: '电梯噪音' }),
      ).rejects.toMatchObject({ name: 'CaseCommandError', code: 'meeting.notice-period' });
      const at = formatShanghai(Date.now() + 15 * 60_000);
      await act(harness, caseId, CONVENER, 'schedule', { at, place: '党群服务站', agenda: '电梯噪音' });

      // Session 1: the owners' committee does not come; the meeting cannot resolve and is adjourned.
      await act(harness, caseId, CONVENER, 'sign-in', { party: 'party-branch', names: ['刘书记'] });
      await act(harness, caseId, 'meeting.1~party-1-property-firm', 'sign-in', { names: ['赵经理'] }, firm);
      await expect(
        act(harness, caseId, CONVENER, 'record-minutes', {
          text: '纪要',
          resolutions: [{ title: '整改', positions: {} }],
        }),
      ).rejects.toMatchObject({ name: 'CaseCommandError', code: 'meeting.quorum-not-met' });
      await act(harness, caseId, CONVENER, 'adjourn', { reason: '业委会未到会' });

      // Session 2: everyone required is there.
      await act(harness, caseId, CONVENER, 'schedule', {
        at,
        onlineLink: 'https://meeting.example.cn/2',
        agenda: '电梯噪音（二次）',
      });
      await act(harness, caseId, 'meeting.1~party-2-owners-committee', 'confirm', { attendees: ['陈主任'] }, owners);
      await act(harness, caseId, 'meeting.1~party-2-owners-committee', 'sign-in', { names: ['陈主任'] }, owners);
      await act(harness, caseId, CONVENER, 'sign-in', { party: 'party-branch', names: ['刘书记'] });
      await act(harness, caseId, CONVENER, 'sign-in', { party: 'property-firm', names: ['赵经理'] });
      const positions = { 'party-branch': 'agree', 'owners-committee': 'agree', 'property-firm': 'reserve' };
      await act(harness, caseId, CONVENER, 'record-minutes', {
        text: '物业限期更换曳引机',
        resolutions: [{ title: '更换曳引机', positions }],
      });
      const resolved = await act(harness, caseId, CONVENER, 'resolve', {
        outcome: 'settled',
        actionItems: [
          { description: '更换曳引机', role: 'property-firm' },
          { description: '公示维修方案', role: 'owners-committee', within: 'PT3S' },
        ],
      });
      expect(resolved.result).toEqual({ actionItems: ['meeting.1~action-1', 'meeting.1~action-2'] });
      await act(harness, caseId, 'meeting.1~action-1', 'complete-action-item', { note: '已更换' }, firm);

      const finished = await waitForSnapshot(
        harness.service,
        caseId,
        (snapshot) => snapshot.status !== 'running',
        20_000,
      );
      expect(finished.outcome?.key).toBe('action-item-overdue');
      const timeline = await timelineOf(harness.db, caseId);
      expect(timeline.map((entry) => entry.type)).toEqual(
        expect.arrayContaining(['meeting.adjourned', 'meeting.minutes-recorded', 'meeting.resolved', 'sla.breached']),
      );
      expect(timeline.find((entry) => entry.type === 'meeting.adjourned')).toMatchObject({
        actor: 'liu-secretary',
        note: '业委会未到会',
        data: { session: 1, missing: ['owners-committee'] },
      });
      expect(timeline.find((entry) => entry.type === 'meeting.minutes-recorded')?.data).toMatchObject({
        resolutions: [{ title: '更换曳引机', positions }],
      });
      expect(timeline.find((entry) => entry.type === 'meeting.escalated')?.data).toMatchObject({
        cause: 'action-item-overdue',
        workItemId: 'meeting.1~action-2',
        ownerRole: 'owners-committee',
        ownerUnit: compound,
        resolution: 'settled',
      });
    });
  }, 60_000);
});
