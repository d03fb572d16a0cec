import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../server/db/open-database';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { formatAreaM2, reconcileBallots, tallyVote } from '../../definitions/vote';
import { generateVote } from './generated-roll';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '../../bin/gongzhi.mjs');
const fixtures = path.resolve(__dirname, 'fixtures');
const cliTimeout = 180_000;

/** Runs `gongzhi …` as a user would; returns exit code and output instead of throwing. */
async function gongzhi(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      timeout: cliTimeout,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function files(contents: Record<string, string>): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-vote-'));
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(contents)) {
    paths[name] = path.join(dir, name);
    await writeFile(paths[name], text);
  }
  return paths;
}

const tally = (roll: string, ballots: string, ...rest: string[]) =>
  gongzhi(['vote', 'tally', '--roll', roll, '--ballots', ballots, ...rest]);

const roll = path.join(fixtures, 'roll.csv');
const ballots = path.join(fixtures, 'ballots.csv');

describe('gongzhi vote tally', () => {
  jest.setTimeout(cliTimeout * 2);

  test('given the fixture roll (co-owners, a two-part owner, two developer parts) and ballots with a conflict, when tallied as JSON, then it answers the figures exactly', async () => {
    const result = await tally(roll, ballots, '--matter', '4', '--json');

    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer).toMatchObject({
      passed: true,
      reason: 'passed',
      participation: {
        area: { numerator: '574.25', denominator: '735.00', met: true },
        heads: { numerator: 5, denominator: 6, met: true },
      },
      approval: {
        area: { numerator: '384.75', denominator: '574.25', met: true },
        heads: { numerator: 3, denominator: 5, met: true },
      },
      conflicts: [
        {
          unit: '1-1-101',
          line: 8,
          channel: 'paper',
          castAt: '2026-03-04T09:00:00+08:00',
          counted: { line: 2, channel: 'electronic', castAt: '2026-03-01T09:00:00+08:00' },
        },
      ],
      electorate: { units: 8, area: '735.00', heads: 6 },
      ruleSet: { id: 'civil-code-2021' },
    });
    expect(answer.ballotDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.electorate.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('given the same files, when tallied for a special matter under the 2007 Property Law, then total denominators reject it', async () => {
    const result = await tally(roll, ballots, '--matter', 'special', '--rule', 'property-law-2007', '--json');

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      passed: false,
      reason: 'approval-not-met',
      participation: { threshold: null, met: true },
      approval: {
        area: { numerator: '384.75', denominator: '735.00', met: false },
        heads: { numerator: 3, denominator: 6, met: false },
      },
      ruleSet: { id: 'property-law-2007' },
    });
  });

  test('given a 议事规则 clause counting non-participants with the majority, when tallied, then the silent owners join the agreeing majority on total denominators and the clause is cited', async () => {
    const clause = '议事规则第十二条';
    const result = await tally(
      roll,
      ballots,
      '--matter',
      'special',
      '--non-participants',
      'follow-majority',
      '--clause',
      clause,
      '--json',
    );

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      passed: false,
      reason: 'approval-not-met',
      approval: {
        area: { numerator: '545.50', denominator: '735.00', met: false },
        heads: { numerator: 4, denominator: 6, met: false },
      },
      nonParticipants: 'follow-majority',
      nonParticipantsClause: clause,
      nonParticipantsCountedAs: 'agree',
    });
  });

  test('given follow-majority without the clause, when tallied, then it is refused and prints no result', async () => {
    const result = await tally(roll, ballots, '--matter', '4', '--non-participants', 'follow-majority', '--json');

    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('vote.non-participants-clause-missing');
  });

  test('given the fixture files without --json, then it prints a bilingual summary with every figure', async () => {
    const result = await tally(roll, ballots, '--matter', '7');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('表决结果 / result: 未通过：同意的业主未达法定比例 / not passed: approval not met');
    expect(result.stdout).toContain('面积 / area   574.25 / 735.00 m² = 78.13% ✓');
    expect(result.stdout).toContain('人数 / heads  3 / 5 = 60.00% ✗');
    expect(result.stdout).toContain('1-1-101: 第 8 行 / line 8 paper');
  });

  test.each([
    [
      'a roll with a bad area, a missing owner and a bad flag',
      { 'roll.csv': 'unit,area_m2,owner_id,developer_held\na,1.234,x,false\nb,10,,false\nc,10,y,maybe\n' },
      ['badroll'],
      [
        'roll.csv 第 2 行 / row 2 [area_m2]',
        'vote.roll-bad-area',
        '第 3 行 / row 3 [owner_id]',
        '第 4 行 / row 4 [developer_held]',
      ],
    ],
    [
      'ballots naming an unknown unit, a bad choice and a time without offset',
      {
        'ballots.csv':
          'unit,choice,channel,cast_at\nzz,agree,paper,2026-03-01T09:00:00+08:00\n1-1-101,yes,paper,2026-03-01T09:00:00+08:00\n1-1-102,agree,fax,2026-03-01 09:00\n',
      },
      ['badballots'],
      [
        '第 2 行 / row 2 [unit]',
        'vote.ballot-unknown-unit',
        'vote.ballot-bad-choice',
        'vote.ballot-bad-channel',
        'vote.ballot-bad-time',
      ],
    ],
    ['a roll with the wrong header', { 'roll.csv': 'unit,area,owner\na,1,x\n' }, ['badroll'], ['vote.roll-csv-header']],
    ['an unknown rule', {}, ['--rule', 'property-law-1995'], ['vote.unknown-rule']],
    ['an Art. 278 item out of range', {}, ['--matter', '10'], ['vote.unknown-matter']],
  ])(
    'given %s, then it exits non-zero, names each problem and prints no result',
    async (_name, contents, args, expected) => {
      const written = await files(contents);
      const rollFile = args[0] === 'badroll' ? written['roll.csv']! : roll;
      const ballotFile = args[0] === 'badballots' ? written['ballots.csv']! : ballots;
      const flags = args[0]!.startsWith('--') ? args : [];
      const extra = flags.includes('--matter') ? flags : ['--matter', '4', ...flags];

      const result = await tally(rollFile, ballotFile, ...extra, '--json');

      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe('');
      for (const text of expected) expect(result.stderr).toContain(text);
    },
  );

  test('given a generated 9,980-unit roll in 465 stairwells with every ballot and three conflicts, when tallied, then the CLI agrees with the library and with sums taken here', async () => {
    const vote = generateVote();
    const written = await files({ 'roll.csv': vote.rollCsv, 'ballots.csv': vote.ballotsCsv });

    const result = await tally(written['roll.csv']!, written['ballots.csv']!, '--matter', '4', '--json');

    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    const totalArea = vote.parts.reduce((sum, part) => sum + part.areaCenti, 0n);
    const agreeArea = vote.parts.reduce(
      (sum, part, index) => (vote.ballots[index]!.choice === 'agree' ? sum + part.areaCenti : sum),
      0n,
    );
    expect(new Set(vote.parts.map((part) => part.stairwell)).size).toBe(465);
    expect(answer).toMatchObject({
      electorate: { units: 9980, area: formatAreaM2(totalArea), heads: 100 + 9700 + 1 },
      participation: {
        area: { numerator: formatAreaM2(totalArea), met: true },
        heads: { numerator: 9801, denominator: 9801 },
      },
      approval: { area: { numerator: formatAreaM2(agreeArea), denominator: formatAreaM2(totalArea) } },
    });
    expect(answer.conflicts.map((conflict: { unit: string }) => conflict.unit)).toEqual(['1-1', '1-8', '1-15']);
    const { counted } = reconcileBallots(vote.ballots);
    const library = tallyVote({
      roll: vote.parts.map((part) => ({
        unit: part.unit,
        areaCenti: part.areaCenti,
        ownerIds: part.ownerId ? [part.ownerId] : [],
        developerHeld: part.developerHeld,
      })),
      ballots: counted.map((ballot) => ({ unit: ballot.unit, choices: { matter: ballot.choice } })),
      matters: [{ key: 'matter', item: 4 }],
      ruleSet: 'civil-code-2021',
    });
    expect(library.ok && library.result.matters[0]).toMatchObject({
      passed: answer.passed,
      participation: answer.participation,
      approval: answer.approval,
      counts: answer.counts,
    });
  });
});

describe('gongzhi vote roll import', () => {
  jest.setTimeout(cliTimeout * 2);
  const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
  const header = 'unit,building,stairwell,room,area_m2,developer_held,owner_id,owner_name,owner_phone,owner_id_number';

  async function unitsIn(dataDir: string): Promise<number> {
    const db = await openDatabase({ dataDir });
    try {
      const result = await db.query<{ n: number }>('SELECT count(*) AS n FROM electorate_units WHERE compound = $1', [
        compound,
      ]);
      return Number(result.rows[0]!.n);
    } finally {
      await db.close();
    }
  }

  test('given the demo directory, when a roll is imported for 吉盛小区 and then a bad one, then the first lands with its snapshot and the second names its row and changes nothing', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-vote-cli-'));
    const db = await openDatabase({ dataDir });
    await ensureDemoData(db).finally(() => db.close());
    const written = await files({
      'good.csv': [header, '1-1-101,1,1,101,89.50,false,o-1,王某,,', '1-1-102,1,1,102,90.5,true,,,,'].join('\n'),
      'bad.csv': [header, '1-1-101,1,1,101,89.5O,false,o-1,王某,,'].join('\n'),
    });
    const env = { GONGZHI_DATA_DIR: dataDir, TEMPORAL_ADDRESS: '127.0.0.1:1' };

    const good = await gongzhi(['vote', 'roll', 'import', '--compound', compound, written['good.csv']!, '--json'], env);
    const bad = await gongzhi(['vote', 'roll', 'import', '--compound', compound, written['bad.csv']!], env);

    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      units: 2,
      owners: 1,
      links: 1,
      snapshot: { units: 2, area: '180.00', heads: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('bad.csv 第 2 行 / row 2 [area_m2]');
    expect(await unitsIn(dataDir)).toBe(2);
  });
});
