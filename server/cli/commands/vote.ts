import fs from 'node:fs/promises';
import path from 'node:path';
import {
  Art278Item,
  MatterClass,
  NonParticipantRule,
  reconcileBallots,
  RuleSetId,
  tallyVote,
  type MatterResult,
  type TallyResult,
} from '../../../definitions/vote';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/open-database';
import { formatRowErrors, type RowError } from '../../directory/import/row-error';
import { importElectorate, loadRoll } from '../../votes/electorate-import';
import { ballotSetDigest, snapshotElectorate } from '../../votes/digests';
import { readBallotsCsv, readRollCsv, type BallotRow } from '../../votes/vote-files';
import { CliError, printJson } from '../output';

const usage =
  '用法 / usage: gongzhi vote tally --roll <roll.csv> --ballots <ballots.csv> --matter <1-9|ordinary|special> [--rule civil-code-2021|property-law-2007] [--non-participants not-counted|follow-majority --clause <议事规则条款>] [--json]';

/** The key of the one matter an offline tally counts. */
const matterKey = 'matter';

export interface VoteTallyOptions {
  roll?: string;
  ballots?: string;
  matter?: string;
  rule?: string;
  nonParticipants?: string;
  clause?: string;
  json?: boolean;
}

/**
 * `gongzhi vote tally`: an offline count of one matter from a roll and a ballot list, for re-checking a published
 * result. The earliest ballot per part counts; later ones are listed as conflicts. Bad files print every bad row
 * with its line and no result, and exit non-zero. `--rule` defaults to the Civil Code.
 */
export async function voteTallyCommand(options: VoteTallyOptions): Promise<void> {
  if (!options.roll || !options.ballots || !options.matter) throw new CliError('cli.usage', usage, 2);
  const matter = parseMatter(options.matter);
  const rule = RuleSetId.safeParse(options.rule ?? 'civil-code-2021');
  if (!rule.success)
    throw new CliError(
      'vote.unknown-rule',
      `--rule 须为 ${RuleSetId.options.join(' 或 ')} / --rule must be ${RuleSetId.options.join(' or ')}`,
      2,
    );
  const nonParticipants = NonParticipantRule.safeParse(options.nonParticipants ?? 'not-counted');
  if (!nonParticipants.success)
    throw new CliError(
      'vote.unknown-non-participant-rule',
      `--non-participants 须为 ${NonParticipantRule.options.join(' 或 ')} / --non-participants must be ${NonParticipantRule.options.join(' or ')}`,
      2,
    );
  const roll = readRollCsv(await readText(options.roll), path.basename(options.roll));
  if (!roll.ok) refuse(roll.errors);
  const ballots = readBallotsCsv(
    await readText(options.ballots),
    new Set(roll.roll.map((entry) => entry.unit)),
    path.basename(options.ballots),
  );
  if (!ballots.ok) refuse(ballots.errors);

  const { counted, conflicts } = reconcileBallots(ballots.ballots);
  const outcome = tallyVote({
    roll: roll.roll,
    ballots: counted.map((ballot) => ({ unit: ballot.unit, choices: { [matterKey]: ballot.choice } })),
    matters: [{ key: matterKey, ...matter }],
    ruleSet: rule.data,
    nonParticipants: nonParticipants.data,
    ...(options.clause !== undefined ? { nonParticipantsClause: options.clause } : {}),
  });
  const snapshot = snapshotElectorate(roll.roll);
  if (!outcome.ok || !snapshot.ok) {
    const issues = !outcome.ok ? outcome.issues : !snapshot.ok ? snapshot.issues : [];
    throw new CliError('vote.tally-refused', issues.map((issue) => `${issue.code}: ${issue.message}`).join('\n'));
  }
  const report = tallyReport(outcome.result, counted, conflicts, snapshot.snapshot.hash);
  if (options.json) printJson(report);
  else process.stdout.write(summary(report));
}

function parseMatter(text: string): { item: Art278Item } | { class: MatterClass } {
  const item = Art278Item.safeParse(/^\d$/.test(text) ? Number(text) : undefined);
  if (item.success) return { item: item.data };
  const matterClass = MatterClass.safeParse(text);
  if (matterClass.success) return { class: matterClass.data };
  throw new CliError(
    'vote.unknown-matter',
    `--matter 须为第二百七十八条的项 1–9、ordinary 或 special / --matter must be an Art. 278 item 1–9, ordinary or special`,
    2,
  );
}

async function readText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new CliError('vote.unreadable-file', `无法读取 ${file} / cannot read ${file}: ${(error as Error).message}`);
  }
}

function refuse(errors: RowError[]): never {
  process.stderr.write(`${formatRowErrors(errors)}\n`);
  throw new CliError(
    'vote.invalid-file',
    `${errors.length} 处错误，未计票 / ${errors.length} error(s); nothing counted`,
  );
}

/** The CLI's answer: the issue's shape (passed, reason, participation, approval, conflicts) plus what a checker needs. */
function tallyReport(
  result: TallyResult,
  counted: BallotRow[],
  conflicts: { ballot: BallotRow; counted: BallotRow }[],
  rollHash: string,
) {
  const matter: MatterResult = result.matters[0]!;
  return {
    passed: matter.passed,
    reason: matter.reason,
    failed: matter.failed,
    participation: matter.participation,
    approval: matter.approval,
    conflicts: conflicts.map(({ ballot, counted: first }) => ({
      unit: ballot.unit,
      line: ballot.line,
      channel: ballot.channel,
      castAt: ballot.castAt,
      choice: ballot.choice,
      counted: { line: first.line, channel: first.channel, castAt: first.castAt },
    })),
    matter: { ...(matter.item !== undefined ? { item: matter.item } : {}), class: matter.class },
    counts: matter.counts,
    ruleSet: result.ruleSet,
    nonParticipants: result.nonParticipants,
    ...(result.nonParticipantsClause !== undefined
      ? {
          nonParticipantsClause: result.nonParticipantsClause,
          nonParticipantsCountedAs: matter.nonParticipantsCountedAs,
        }
      : {}),
    electorate: { ...result.electorate, hash: rollHash },
    participants: result.participants,
    ballotDigest: ballotSetDigest(
      counted.map(({ unit, channel, castAt, choice }) => ({ unit, channel, castAt, choices: { [matterKey]: choice } })),
    ),
  };
}

type TallyReport = ReturnType<typeof tallyReport>;

const reasons: Record<MatterResult['reason'], string> = {
  passed: '通过 / passed',
  'participation-not-met': '未通过：参与表决的业主未达法定比例 / not passed: participation not met',
  'approval-not-met': '未通过：同意的业主未达法定比例 / not passed: approval not met',
};

/** The readable summary: every figure as numerator / denominator and a display percentage, with ✓ or ✗. */
function summary(report: TallyReport): string {
  const mark = (met: boolean) => (met ? '✓' : '✗');
  const test = (name: string, figures: TallyReport['participation']) =>
    [
      `${name}${figures.threshold ? ` ${figures.threshold.text}` : '（本规则无此项 / none under this rule）'}: ${mark(figures.met)}`,
      `  面积 / area   ${figures.area.numerator} / ${figures.area.denominator} m² = ${figures.area.percent ?? '—'} ${mark(figures.area.met)}`,
      `  人数 / heads  ${figures.heads.numerator} / ${figures.heads.denominator} = ${figures.heads.percent ?? '—'} ${mark(figures.heads.met)}`,
    ].join('\n');
  const matter =
    report.matter.item !== undefined
      ? `第二百七十八条第 ${report.matter.item} 项 / Art. 278 item ${report.matter.item}`
      : '';
  const lines = [
    `表决结果 / result: ${reasons[report.reason]}`,
    `规则 / rule: ${report.ruleSet.law} — ${report.ruleSet.articles.join('；')}`,
    `事项 / matter: ${matter} ${report.matter.class === 'special' ? '特别多数 / special' : '一般多数 / ordinary'}`.trim(),
    `名册 / roll: ${report.electorate.units} 个专有部分 / units, ${report.electorate.area} m², ${report.electorate.heads} 人 / heads`,
    test('参与表决 / participation', report.participation),
    test('同意 / approval', report.approval),
    `同意 / agree ${report.counts.agree.units}，反对 / oppose ${report.counts.oppose.units}，弃权 / abstain ${report.counts.abstain.units}` +
      (report.counts.splitHeads > 0 ? `，分票业主 / split owners ${report.counts.splitHeads}` : ''),
    `重复投票（未计入）/ conflicts (not counted): ${report.conflicts.length}`,
    ...report.conflicts.map(
      (conflict) =>
        `  ${conflict.unit}: 第 ${conflict.line} 行 / line ${conflict.line} ${conflict.channel} ${conflict.castAt} — 已计入 / counted: 第 ${conflict.counted.line} 行 / line ${conflict.counted.line} ${conflict.counted.channel} ${conflict.counted.castAt}`,
    ),
    `名册摘要 / roll hash: ${report.electorate.hash}`,
    `选票摘要 / ballot digest: ${report.ballotDigest}`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `gongzhi vote roll import --compound <path> <file.csv|file.json>`: replaces the compound's roll (业主名册); any bad
 * row is listed with its line and nothing is imported.
 */
export async function voteRollImportCommand(
  files: string[],
  options: { compound?: string; json?: boolean },
): Promise<void> {
  const [file] = files;
  if (!options.compound || file === undefined || files.length > 1)
    throw new CliError(
      'cli.usage',
      '用法 / usage: gongzhi vote roll import --compound <小区路径> <名册.csv|名册.json>',
      2,
    );
  const format = file.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  const text = await readText(file);
  const config = loadConfig();
  const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const result = await importElectorate(db, options.compound, { format, text, source: path.basename(file) });
    if (!result.ok) {
      process.stderr.write(`${formatRowErrors(result.errors)}\n`);
      throw new CliError(
        'electorate.import-invalid',
        `${result.errors.length} 处错误，未导入任何数据 / ${result.errors.length} error(s); nothing imported`,
      );
    }
    const snapshot = snapshotElectorate(await loadRoll(db, options.compound));
    const answer = { ...result.counts, snapshot: snapshot.ok ? snapshot.snapshot : null };
    if (options.json) printJson(answer);
    else process.stdout.write(`✓ 已导入 / imported: ${JSON.stringify(answer)}\n`);
  } finally {
    await db.close();
  }
}
