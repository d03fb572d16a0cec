import { createHash } from 'node:crypto';
import { builtInTemplates } from '../../definitions/templates';
import { validateDefinition } from '../../definitions/validate';
import { runnable } from '../../server/templates/built-in';
import { castBallot } from '../../server/votes/ballot-box';
import { importElectorate } from '../../server/votes/electorate-import';
import { electorateColumns } from '../../server/votes/electorate-rows';
import { actor, community, compound, street, timelineOf, type CaseHarness } from '../support/case-harness';
import { useTimeSkippingServer } from '../support/time-skipping';
import { pdf, scenarioSteps } from './scenario-steps';

/**
 * The built-in `replace-property-firm` (issue 12 §6) end to end on Temporal's time-skipping server: the owners'
 * committee proposes, the vote's 15-day notice and 15-day window pass with three of four parts agreeing to all three
 * matters (ballots go straight into the box with `castBallot`), the 7-day objection window ends and the vote passes;
 * the result is published and reported to the 居委会, the dismissal notice is served without a contract date, so the
 * statutory 60 days run; the old firm hands over premises, facilities and records, which the committee verifies with
 * the new firm's receipts, and lets the fees item run past its 15 days: the item escalates to the street housing
 * office, which gets it handed over; the committee verifies it and closes the case as replaced.
 */
const server = useTimeSkippingServer();
const committee = actor('ywh-chen', 'owners-committee', compound);
const oldFirm = actor('changfang-wang', 'property-manager', compound);
const streetHousing = actor('xigu-housing', 'street-housing', street);
const definition = builtInTemplates['replace-property-firm'];

async function seedRoll(harness: CaseHarness): Promise<void> {
  const units = [
    ['jian', null, 'city', '吉安市'],
    ['jian/jizhou', 'jian', 'district', '吉州区'],
    [street, 'jian/jizhou', 'street', '溪谷街道'],
    [community, street, 'community', '吉盛社区'],
    [compound, community, 'compound', '吉盛小区'],
  ];
  for (const unit of units)
    await harness.db.query(
      'INSERT INTO org_units (path, parent_path, level, name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      unit,
    );
  const imported = await importElectorate(harness.db, compound, {
    format: 'csv',
    text: [
      electorateColumns.join(','),
      '1-101,,,,100,false,o-1,业主一,,',
      '1-102,,,,100,false,o-2,业主二,,',
      '1-201,,,,100,false,o-3,业主三,,',
      '1-202,,,,100,false,o-4,业主四,,',
    ].join('\n'),
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
}

test('given the built-in replace-property-firm, when it is validated, then it has no issue at all and its notices say the old firm serves until handover', () => {
  const { issues, definition: parsed } = validateDefinition(definition);
  expect(issues).toEqual([]);
  const notice = parsed!.nodes.find((node) => node.id === 'notify-handover');
  expect(notice?.kind === 'notify' && notice.config.message.zh).toContain('第九百五十条');
  expect(parsed!.description?.zh).toContain('第九百五十条');
  const vote = parsed!.nodes.find((node) => node.id === 'vote');
  expect(vote?.kind === 'vote' && vote.config.matters.map((matter) => [matter.key, matter.item])).toEqual([
    ['dismiss', 4],
    ['hire', 4],
    ['contract', 4],
  ]);
});

test('given a passed vote, when the firm withholds one handover item past its deadline, then the street housing office gets it handed over and the case closes as replaced', async () => {
  await server.run(async (harness) => {
    const { service, db } = harness;
    const sleep = async (duration: string) => {
      await server.env.sleep(duration);
      await server.env.sleep('1 minute');
    };
    await seedRoll(harness);
    const { caseId } = await service.start({
      runnable: runnable(definition, 1),
      orgUnit: compound,
      variables: { currentFirm: '长房集团物业发展有限公司' },
      startedBy: 'ywh-chen',
    });
    const steps = scenarioSteps(harness, caseId);

    await steps.complete(
      'propose.1',
      'proposed',
      {
        reason: '服务质量长期不达标，业主投诉集中',
        newFirm: '红心物业服务有限公司',
        contract: pdf('物业服务合同（草案）.pdf'),
      },
      committee,
    );
    await steps.act(
      'vote.1~organiser',
      'publish-notice',
      { text: '定于十五日后召开业主大会，表决更换物业' },
      committee,
    );
    await sleep('15 days');
    const voting = await steps.item('vote.1~organiser');
    expect(voting.stage).toBe('voting');
    const boxId = `${caseId}~vote.1`;
    const ballots = { '1-101': 'agree', '1-102': 'agree', '1-201': 'agree', '1-202': 'oppose' } as const;
    for (const [unit, choice] of Object.entries(ballots)) {
      const cast = await castBallot(db, {
        boxId,
        unit,
        choices: { dismiss: choice, hire: choice, contract: choice },
        channel: unit === '1-202' ? 'paper' : 'electronic',
        castAt: new Date(await server.env.currentTimeMs()),
        receiptHash: createHash('sha256').update(`${unit}-receipt`).digest('hex'),
      });
      expect(cast).toEqual({ ok: true, duplicate: false });
    }
    await sleep('15 days');
    await sleep('7 days');

    await steps.complete('publish-passed.1', 'published', { resultNotice: pdf('表决结果公告.pdf') }, committee);
    await steps.complete(
      'dismissal-notice.1',
      'served',
      { notice: pdf('解聘通知书.pdf'), servedOn: '2027-01-05' },
      committee,
    );
    // 民法典 Arts. 201, 203: the period starts the next day and ends at 24:00 of its 60th day.
    await sleep('61 days');

    const handedOver = ['premises', 'facilities', 'records'];
    for (const item of handedOver) {
      await steps.complete(
        `hand-${item}.1`,
        'handed-over',
        { note: `已移交${item}`, list: pdf(`${item}.pdf`) },
        oldFirm,
      );
      await steps.complete(
        `verify-${item}.1`,
        'accepted',
        { note: '与新物业共同验收', receipt: pdf(`${item}-签收.pdf`) },
        committee,
      );
    }
    await sleep('16 days');
    await steps.complete('street-fees.1', 'handed-over', { note: '约谈原物业，已移交预收费用台账' }, streetHousing);
    await steps.complete(
      'verify-fees.1',
      'accepted',
      { note: '账目核对无误', receipt: pdf('费用结算签收.pdf') },
      committee,
    );
    await steps.complete(
      'final-acceptance.1',
      'complete',
      { summary: '四项交接完成，新物业进场', notice: pdf('交接公示.pdf') },
      committee,
    );

    const finished = await steps.finished();
    expect(finished.outcome?.key).toBe('replaced');
    expect(finished.variables).toMatchObject({
      newFirm: '红心物业服务有限公司',
      resolution: '四项交接完成，新物业进场',
    });

    const timeline = await timelineOf(db, caseId);
    expect(timeline.find((entry) => entry.type === 'vote.result-final')?.data).toMatchObject({ outcome: 'passed' });
    const breached = timeline.filter((entry) => entry.type === 'sla.breached').map((entry) => entry.nodeId);
    expect(breached).toEqual(['hand-fees']);
    const visited = finished.path.map((step) => step.nodeId);
    expect(visited).toEqual(
      expect.arrayContaining(['report-passed', 'statutory-period', 'notify-handover', 'street-fees', 'handover-done']),
    );
    expect(visited).not.toContain('contract-period');
    expect(visited).not.toContain('district-fees');
    expect(visited.filter((node) => node.startsWith('street-'))).toEqual(['street-fees']);
  });
}, 180_000);
