import { builtInTemplateVersions } from '../../definitions/templates';
import { formatShanghai } from '../../definitions/time';
import { validateDefinition } from '../../definitions/validate';
import { runnable } from '../../server/templates/built-in';
import { actor, community, compound, street, timelineOf } from '../support/case-harness';
import { useTimeSkippingServer } from '../support/time-skipping';
import { scenarioSteps } from './scenario-steps';

/**
 * `resident-complaint` version 2 (issue 13 §3) through the whole ladder on Temporal's time-skipping server — the path
 * of issue 13's "Done when": the property firm misses its 24 hours; the compound's three-party meeting is adjourned
 * once because the 业委会 did not come, then resolves 提交社区 with each party's position; the community council
 * resolves with two action items, one is done and the other misses its due date, so the case goes to the street
 * whistle; the summoned 住建 department reports in and back, the office accepts and closes it as settled, and the
 * resident's callback closes the case. Version 1 stays the store's version 1 (its file is never edited).
 */
const server = useTimeSkippingServer();
const versions = builtInTemplateVersions['resident-complaint']!;
const district = 'jian/jizhou';
const branch = actor('li-branch', 'branch-secretary', compound);
const committee = actor('zhou-committee', 'owners-committee', compound);
const secretary = actor('zhao-secretary', 'community-secretary', community);
const staff = actor('chen-staff', 'community-staff', community);
const office = actor('xigu-office', 'street-office', street);
const zhujian = actor('zj-li', 'dept-zhujian', district);

test('given resident-complaint, when its shipped versions are validated, then both have no issue, and version 2 keeps the firm and callback steps of version 1', () => {
  expect(versions).toHaveLength(2);
  for (const version of versions) expect(validateDefinition(version).issues).toEqual([]);
  const [first, second] = versions.map((version) => validateDefinition(version).definition!);
  const kinds = (definition: typeof first) => Object.fromEntries(definition!.nodes.map((node) => [node.id, node.kind]));
  expect(kinds(second)).toMatchObject({
    'property-handles': 'task',
    'compound-meeting': 'meeting',
    'community-meeting': 'meeting',
    whistle: 'whistle',
    'district-supervision': 'task',
    callback: 'task',
  });
  for (const id of ['notify-property', 'property-handles', 'callback'])
    expect(second!.nodes.find((node) => node.id === id)?.config).toEqual(
      first!.nodes.find((node) => node.id === id)?.config,
    );
  expect(second!.ladder?.rungs.map((rung) => [rung.id, rung.nodes])).toEqual([
    ['compound', ['property-handles', 'compound-meeting']],
    ['community', ['community-meeting']],
    ['street', ['whistle']],
    ['district', ['district-supervision']],
  ]);
});

test('given a complaint the firm lets lapse, when it climbs the ladder to the street whistle, then the whistle settles it and the callback closes the case', async () => {
  await server.run(async (harness) => {
    const { caseId } = await harness.service.start({
      runnable: runnable(versions[1], 2),
      orgUnit: compound,
      variables: { summary: '3 号楼电梯频繁停运', channel: '12345' },
      startedBy: 'chen-staff',
    });
    const steps = scenarioSteps(harness, caseId);
    const tomorrow = async () => formatShanghai((await server.env.currentTimeMs()) + 25 * 3_600_000);
    const untilTheMeeting = () => server.env.sleep(24.5 * 3_600_000);
    const signIn = (convenerItem: string, by: ReturnType<typeof actor>, parties: Record<string, string>) =>
      Promise.all(
        Object.entries(parties).map(([party, name]) =>
          steps.act(convenerItem, 'sign-in', { party, names: [name] }, by),
        ),
      );

    // Rung 1, the compound: the firm's 24 hours pass.
    await steps.item('property-handles.1');
    await server.env.sleep(25 * 3_600_000);

    const compoundMeeting = 'compound-meeting.1~convener';
    await steps.act(
      compoundMeeting,
      'schedule',
      { at: await tomorrow(), place: '小区党群服务站', agenda: '电梯停运' },
      branch,
    );
    await untilTheMeeting();
    await signIn(compoundMeeting, branch, { 'branch-secretary': '李书记', 'property-manager': '王经理' });
    await expect(
      steps.act(
        compoundMeeting,
        'record-minutes',
        { text: '纪要', resolutions: [{ title: '维修', positions: {} }] },
        branch,
      ),
    ).rejects.toMatchObject({ code: 'meeting.quorum-not-met' });
    await steps.act(compoundMeeting, 'adjourn', { reason: '业委会未到会' }, branch);

    await steps.act(
      compoundMeeting,
      'schedule',
      { at: await tomorrow(), place: '小区党群服务站', agenda: '电梯停运（续）' },
      branch,
    );
    await untilTheMeeting();
    await steps.act('compound-meeting.1~party-2-owners-committee', 'sign-in', { names: ['周主任'] }, committee);
    await signIn(compoundMeeting, branch, { 'branch-secretary': '李书记', 'property-manager': '王经理' });
    const compoundPositions = {
      'branch-secretary': 'agree',
      'owners-committee': 'agree',
      'property-manager': 'reserve',
    };
    await steps.act(
      compoundMeeting,
      'record-minutes',
      {
        text: '更换主板须动用维修资金，提交社区协调',
        resolutions: [{ title: '提交社区党群议事', positions: compoundPositions }],
      },
      branch,
    );
    await steps.act(
      compoundMeeting,
      'resolve',
      { outcome: 'escalate', reason: '需动用维修资金，小区层面无法决定' },
      branch,
    );

    // Rung 2, the community council: two action items, the firm's is missed.
    const council = 'community-meeting.1~convener';
    await steps.act(
      council,
      'schedule',
      { at: await tomorrow(), place: '吉盛社区议事厅', agenda: '电梯主板更换' },
      secretary,
    );
    await untilTheMeeting();
    await signIn(council, secretary, {
      'community-secretary': '赵书记',
      'community-staff': '陈干事',
      'branch-secretary': '李书记',
      'property-manager': '王经理',
    });
    const councilPositions = {
      'community-secretary': 'agree',
      'community-staff': 'agree',
      'branch-secretary': 'agree',
      'property-manager': 'agree',
    };
    await steps.act(
      council,
      'record-minutes',
      {
        text: '物业三日内更换主板，社区协调维修资金',
        resolutions: [{ title: '更换主板', positions: councilPositions }],
      },
      secretary,
    );
    const resolved = await steps.act(
      council,
      'resolve',
      {
        outcome: 'resolved',
        actionItems: [
          { description: '更换电梯主板', role: 'property-manager', within: 'P3D', calendar: 'natural' },
          { description: '办理维修资金使用手续', role: 'community-staff' },
        ],
      },
      secretary,
    );
    expect(resolved.result).toEqual({ actionItems: ['community-meeting.1~action-1', 'community-meeting.1~action-2'] });
    await steps.act('community-meeting.1~action-2', 'complete-action-item', { note: '已报街道备案' }, staff);
    await server.env.sleep(4 * 86_400_000);

    // Rung 3, the street whistle.
    await steps.act('whistle.1~office', 'summon', { role: 'dept-zhujian', unit: district }, office);
    const department = 'whistle.1~dept-zhujian';
    await steps.act(department, 'report-in', {}, zhujian);
    await steps.act(department, 'report-back', { summary: '督促维保单位更换主板，已恢复运行' }, zhujian);
    await steps.act(department, 'accept', { note: '现场核验' }, office);
    await steps.act(
      'whistle.1~office',
      'close',
      { result: 'settled', note: '电梯恢复运行', ratings: { [department]: 'satisfied' } },
      office,
    );
    await steps.complete('callback.1', 'satisfied', { rating: 'good' }, staff);

    const finished = await steps.finished();
    expect(finished.outcome?.key).toBe('resolved');
    const timeline = await timelineOf(harness.db, caseId);
    expect(timeline.find((entry) => entry.type === 'sla.breached')).toMatchObject({ nodeId: 'property-handles' });
    expect(timeline.find((entry) => entry.type === 'meeting.adjourned')).toMatchObject({
      nodeId: 'compound-meeting',
      note: '业委会未到会',
      data: { session: 1, missing: ['owners-committee'] },
    });
    expect(
      timeline.find((entry) => entry.type === 'meeting.minutes-recorded' && entry.nodeId === 'compound-meeting')?.data,
    ).toMatchObject({ resolutions: [{ positions: compoundPositions }] });
    const escalations = timeline.filter((entry) => entry.type === 'meeting.escalated');
    expect(escalations.map((entry) => [entry.nodeId, entry.data])).toEqual([
      ['compound-meeting', expect.objectContaining({ cause: 'decision', outcome: 'escalate' })],
      [
        'community-meeting',
        expect.objectContaining({
          cause: 'action-item-overdue',
          workItemId: 'community-meeting.1~action-1',
          ownerRole: 'property-manager',
          resolution: 'resolved',
        }),
      ],
    ]);
    expect(timeline.find((entry) => entry.type === 'whistle.closed')).toMatchObject({ outcome: 'settled' });

    // The ladder (engine version 4): entered at the compound, two escalations with their causes, settled on the street.
    const ladder = timeline.filter((entry) => entry.type.startsWith('ladder.') && entry.type !== 'ladder.deadline-set');
    expect(ladder.map((entry) => [entry.type, entry.data])).toEqual([
      ['ladder.entered', expect.objectContaining({ to: 'compound', toIndex: 0 })],
      ['ladder.escalated', expect.objectContaining({ from: 'compound', to: 'community', cause: 'decision' })],
      ['ladder.escalated', expect.objectContaining({ from: 'community', to: 'street', cause: 'action-item' })],
      ['ladder.settled', expect.objectContaining({ rung: 'street', index: 2 })],
    ]);
  });
}, 150_000);
