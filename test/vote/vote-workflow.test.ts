import { createHash } from 'node:crypto';
import { ownersVote } from '../../definitions/test-support/owners-vote';
import { runnable } from '../../server/templates/built-in';
import { castBallot } from '../../server/votes/ballot-box';
import { importElectorate } from '../../server/votes/electorate-import';
import { electorateColumns } from '../../server/votes/electorate-rows';
import { actor, compound, timelineOf, waitForSnapshot, type CaseHarness } from '../support/case-harness';
import { useTimeSkippingServer } from '../support/time-skipping';

/**
 * 业主大会表决 on Temporal's time-skipping test server (the vote's P15D notice is a validation error below 15 days, so
 * the real periods are used and the clock jumps): a roll of five parts is imported, the organiser publishes the
 * notice, after 15 days the ballot box opens with the roll copied into it, four parts vote straight into the box with
 * `castBallot` on the worker's database, the window closes after 15 more days and is counted in one transaction, the
 * preliminary result stands for the 7-day objection window and the vote leaves through `passed`. The case's history
 * stays small and holds no owner's name: ballots never enter it.
 */
const server = useTimeSkippingServer();
const organiser = actor('ywh-chen', 'owners-committee', compound);
const OWNER_NAMES = ['王某某', '张某某', '赵某某', '钱某某', '孙某某'];
const ORGANISER_ITEM = 'vote.1~organiser';

async function seedRoll(harness: CaseHarness): Promise<void> {
  const units = [
    ['jian', null, 'city', '吉安市'],
    ['jian/jizhou', 'jian', 'district', '吉州区'],
    ['jian/jizhou/xigu', 'jian/jizhou', 'street', '溪谷街道'],
    ['jian/jizhou/xigu/jisheng-sq', 'jian/jizhou/xigu', 'community', '吉盛社区'],
    [compound, 'jian/jizhou/xigu/jisheng-sq', 'compound', '吉盛小区'],
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
      `1-101,,,,100,false,o-wang,${OWNER_NAMES[0]},,`,
      `1-102,,,,100,false,o-zhang,${OWNER_NAMES[1]},,`,
      `1-201,,,,100,false,o-zhao,${OWNER_NAMES[2]},,`,
      `1-202,,,,100,false,o-qian,${OWNER_NAMES[3]},,`,
      `1-301,,,,100,false,o-sun,${OWNER_NAMES[4]},,`,
    ].join('\n'),
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
}

/** Every payload's bytes in a history, decoded as UTF-8 (the JSON payloads the workflow records). */
function payloadText(value: unknown, found: string[] = []): string[] {
  if (value instanceof Uint8Array) found.push(Buffer.from(value).toString('utf8'));
  else if (Array.isArray(value)) for (const item of value) payloadText(item, found);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) payloadText(item, found);
  return found;
}

async function stageOf(harness: CaseHarness, caseId: string, stage: string) {
  return waitForSnapshot(
    harness.service,
    caseId,
    (snapshot) => snapshot.workItems.some((item) => item.id === ORGANISER_ITEM && item.stage === stage),
    30_000,
  );
}

describe("owners' vote (time-skipping server)", () => {
  test('given a roll of five parts, when four vote and three of them agree, then the vote passes after its windows, the timeline carries the figures and the ballot digest, and the history is small and nameless', async () => {
    await server.run(async (harness) => {
      const { service, client, db } = harness;
      await seedRoll(harness);
      const { caseId } = await service.start({
        runnable: runnable(ownersVote().build(), 1),
        orgUnit: compound,
        variables: {},
        startedBy: 'ywh-chen',
      });
      await stageOf(harness, caseId, 'notice');
      await service.act(caseId, {
        requestId: 'vote-notice',
        workItemId: ORGANISER_ITEM,
        action: 'publish-notice',
        input: { text: '定于本月召开业主大会，表决修改管理规约' },
        actor: organiser,
      });

      await server.env.sleep('15 days');
      await server.env.sleep('1 minute');
      await stageOf(harness, caseId, 'voting');
      const boxId = `${caseId}~vote.1`;
      const choices = { '1-101': 'agree', '1-102': 'agree', '1-201': 'agree', '1-202': 'oppose' } as const;
      for (const [unit, choice] of Object.entries(choices)) {
        const cast = await castBallot(db, {
          boxId,
          unit,
          choices: { rules: choice },
          channel: 'electronic',
          castAt: new Date(await server.env.currentTimeMs()),
          receiptHash: createHash('sha256').update(`${unit}-receipt`).digest('hex'),
        });
        expect(cast).toEqual({ ok: true, duplicate: false });
      }

      await server.env.sleep('15 days');
      await server.env.sleep('1 minute');
      await stageOf(harness, caseId, 'objection');
      const late = await castBallot(db, {
        boxId,
        unit: '1-301',
        choices: { rules: 'agree' },
        channel: 'paper',
        castAt: new Date(await server.env.currentTimeMs()),
        receiptHash: createHash('sha256').update('1-301-receipt').digest('hex'),
      });
      expect(late).toMatchObject({ ok: false, refusal: { code: 'ballot.box-closed' } });

      await server.env.sleep('7 days');
      await server.env.sleep('1 minute');
      const finished = await waitForSnapshot(service, caseId, (snapshot) => snapshot.status !== 'running', 30_000);
      expect(finished.outcome?.key).toBe('passed');

      const timeline = await timelineOf(db, caseId);
      expect(timeline.map((entry) => entry.type)).toEqual(
        expect.arrayContaining([
          'vote.notice-published',
          'vote.box-opened',
          'vote.preliminary-result',
          'vote.result-final',
        ]),
      );
      expect(timeline.find((entry) => entry.type === 'vote.box-opened')?.data).toMatchObject({
        boxId,
        units: 5,
        area: '500.00',
        heads: 5,
        electorateHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const preliminary = timeline.find((entry) => entry.type === 'vote.preliminary-result');
      expect(preliminary?.data).toMatchObject({
        outcome: 'passed',
        ballots: 4,
        ballotDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
        participants: { units: 4, area: '400.00', heads: 4 },
        matters: [
          {
            key: 'rules',
            passed: true,
            participation: {
              area: { numerator: '400.00', denominator: '500.00', met: true, percent: '80.00%' },
              heads: { numerator: 4, denominator: 5, met: true },
            },
            approval: { area: { numerator: '300.00', denominator: '400.00', met: true } },
          },
        ],
      });

      const history = await client.workflow.getHandle(caseId).fetchHistory();
      expect(history.events?.length).toBeLessThan(200);
      const text = payloadText(history).join('\n');
      // The check reads the payloads: the notice text the organiser sent is there, the owners are not.
      expect(text).toContain('定于本月召开业主大会');
      for (const name of OWNER_NAMES) expect(text).not.toContain(name);
      expect(text).not.toContain('o-wang');
    });
  }, 240_000);
});
