import { builtInTemplates } from '../../definitions/templates';
import { formatShanghai } from '../../definitions/time';
import { validateDefinition } from '../../definitions/validate';
import { runnable } from '../../server/templates/built-in';
import { actor, community, compound, timelineOf } from '../support/case-harness';
import { useTimeSkippingServer } from '../support/time-skipping';
import { pdf, scenarioSteps } from './scenario-steps';

/**
 * The built-in `neighbour-mediation` (矛盾纠纷调解, issue 13 §3) end to end on Temporal's time-skipping server: the
 * mediator hears both sides, the first session with both parties ends without agreement and calls another, the second
 * resolves 达成调解协议 with the signed agreement attached to its minutes and both parties agreeing, the mediator files
 * the signed agreement, follows it up and the case closes as mediated.
 */
const server = useTimeSkippingServer();
const mediator = actor('sq-zhou', 'community-staff', community);
const agreement = pdf('调解协议书（双方签字）.pdf');

test('given the built-in neighbour-mediation, when it is validated, then it has no issue at all', () => {
  expect(validateDefinition(builtInTemplates['neighbour-mediation']).issues).toEqual([]);
});

test('given a leak between neighbours, when the second session reaches a signed agreement, then the case closes as mediated', async () => {
  await server.run(async (harness) => {
    const { caseId } = await harness.service.start({
      runnable: runnable(builtInTemplates['neighbour-mediation'], 1),
      orgUnit: compound,
      variables: { summary: '楼上卫生间漏水殃及楼下' },
      startedBy: 'sq-zhou',
    });
    const steps = scenarioSteps(harness, caseId);
    const tomorrow = async () => formatShanghai((await server.env.currentTimeMs()) + 25 * 3_600_000);
    const untilTheMeeting = () => server.env.sleep(24.5 * 3_600_000);
    const bothParties = async (session: string) => {
      await steps.act(`${session}~convener`, 'sign-in', { party: 'community-staff', names: ['周调解员'] }, mediator);
      await steps.act(`${session}~convener`, 'sign-in', { party: 'applicant', names: ['楼下住户'] }, mediator);
      await steps.act(`${session}~convener`, 'sign-in', { party: 'respondent', names: ['楼上住户'] }, mediator);
    };

    await steps.complete('prepare.1', 'mediate', { facts: '楼上卫生间防水层破损，楼下天花板渗水' }, mediator);

    // Session 1: both parties come, no agreement yet: another session.
    await steps.act(
      'session.1~convener',
      'schedule',
      { at: await tomorrow(), place: '社区调解室', agenda: '漏水责任与修复费用' },
      mediator,
    );
    await untilTheMeeting();
    await bothParties('session.1');
    await steps.act(
      'session.1~convener',
      'record-minutes',
      {
        text: '双方对修复费用分担有分歧，约定请物业检测后再议',
        resolutions: [
          {
            title: '物业检测后再次调解',
            positions: { 'community-staff': 'agree', applicant: 'agree', respondent: 'reserve' },
          },
        ],
      },
      mediator,
    );
    await steps.act('session.1~convener', 'resolve', { outcome: 'another-session' }, mediator);

    // Session 2: the agreement, signed by both, attached to the minutes.
    await steps.act(
      'session.2~convener',
      'schedule',
      { at: await tomorrow(), place: '社区调解室', agenda: '签订调解协议' },
      mediator,
    );
    await untilTheMeeting();
    await bothParties('session.2');
    const positions = { 'community-staff': 'agree', applicant: 'agree', respondent: 'agree' };
    await steps.act(
      'session.2~convener',
      'record-minutes',
      {
        text: '楼上住户七日内修复防水层并赔偿楼下吊顶修复费 1,800 元',
        attachments: [agreement],
        resolutions: [{ title: '签订调解协议', positions }],
      },
      mediator,
    );
    await steps.act('session.2~convener', 'resolve', { outcome: 'agreement' }, mediator);
    await steps.complete(
      'agreement-signed.1',
      'signed',
      { agreement, terms: '七日内修复防水层，赔偿 1,800 元' },
      mediator,
    );
    await steps.complete('follow-up.1', 'fulfilled', { note: '已修复，款项已付' }, mediator);

    const finished = await steps.finished();
    expect(finished.outcome?.key).toBe('mediated');
    expect(finished.variables).toMatchObject({ resolution: '七日内修复防水层，赔偿 1,800 元' });
    const timeline = await timelineOf(harness.db, caseId);
    const minutes = timeline.filter((entry) => entry.type === 'meeting.minutes-recorded');
    expect(minutes).toHaveLength(2);
    expect(minutes[1]?.data).toMatchObject({
      attachments: [agreement],
      resolutions: [{ title: '签订调解协议', positions }],
    });
    const resolved = timeline.filter((entry) => entry.type === 'meeting.resolved');
    expect(resolved.map((entry) => [entry.nodeId, entry.outcome])).toEqual([
      ['session', 'another-session'],
      ['session', 'agreement'],
    ]);
    const filed = timeline.find((entry) => entry.type === 'task.completed' && entry.nodeId === 'agreement-signed');
    expect(JSON.stringify(filed?.data)).toContain(agreement.sha256);
  });
}, 120_000);
