import { Channel, Choice, parseAreaM2, type CastBallot, type RollEntry } from '../../definitions/vote';
import { say } from '../directory/messages';
import type { RowError } from '../directory/import/row-error';
import { readCsvTable } from './csv-table';

/** The columns of an offline roll: one row per exclusive part and owner (co-owners: one row each, same area). */
export const rollColumns = ['unit', 'area_m2', 'owner_id', 'developer_held'] as const;
/** The columns of an offline ballot list: one row per ballot cast (a part may appear again: a conflict). */
export const ballotColumns = ['unit', 'choice', 'channel', 'cast_at'] as const;

const booleans = new Map([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['yes', true],
  ['no', false],
  ['是', true],
  ['否', false],
  ['', false],
]);

const choiceAliases = new Map<string, Choice>([
  ['同意', 'agree'],
  ['反对', 'oppose'],
  ['弃权', 'abstain'],
]);

/** ISO-8601 instant with seconds and an explicit offset (Z or ±hh:mm): a ballot's time is never local guesswork. */
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads `roll.csv` (`unit,area_m2,owner_id,developer_held`). A unit on several rows is one part with co-owners; its
 * rows must agree on area and developer flag. Every bad row is reported with its line; rows are returned only when
 * there is none.
 */
export function readRollCsv(
  text: string,
  source = 'roll.csv',
): { ok: true; roll: RollEntry[] } | { ok: false; errors: RowError[] } {
  const table = readCsvTable(text, source, rollColumns, 'vote.roll-csv');
  const errors = [...table.errors];
  const parts = new Map<string, RollEntry & { line: number }>();
  for (const { line, cells } of table.rows) {
    const fail = (field: string, code: string, zh: string, en: string) =>
      void errors.push({ source, row: line, field, code, message: say(zh, en) });
    const unit = cells.unit ?? '';
    const areaCenti = parseAreaM2(cells.area_m2 ?? '');
    const developerHeld = booleans.get((cells.developer_held ?? '').toLowerCase());
    const ownerId = cells.owner_id ?? '';
    if (unit === '') fail('unit', 'vote.roll-missing-unit', '缺少专有部分编号', 'the unit is missing');
    if (areaCenti === undefined || areaCenti === 0n)
      fail(
        'area_m2',
        'vote.roll-bad-area',
        `面积“${cells.area_m2}”应为正数，至多两位小数（m²）`,
        `area "${cells.area_m2}" must be a positive number of m² with at most two decimals`,
      );
    if (developerHeld === undefined)
      fail(
        'developer_held',
        'vote.roll-bad-flag',
        `“${cells.developer_held}”应为 true/false`,
        `"${cells.developer_held}" must be true or false`,
      );
    if (developerHeld === false && ownerId === '')
      fail(
        'owner_id',
        'vote.roll-missing-owner',
        '非建设单位持有的专有部分须有业主',
        'a part the developer does not hold needs an owner',
      );
    if (unit === '' || areaCenti === undefined || areaCenti === 0n || developerHeld === undefined) continue;
    const before = parts.get(unit);
    if (!before) {
      parts.set(unit, { unit, areaCenti, ownerIds: ownerId === '' ? [] : [ownerId], developerHeld, line });
    } else if (before.areaCenti !== areaCenti || before.developerHeld !== developerHeld) {
      fail(
        'area_m2',
        'vote.roll-inconsistent-unit',
        `专有部分“${unit}”在第 ${before.line} 行的面积或建设单位标记与此不同`,
        `unit "${unit}" has a different area or developer flag on line ${before.line}`,
      );
    } else if (ownerId !== '' && before.ownerIds.includes(ownerId)) {
      fail(
        'owner_id',
        'vote.roll-duplicate-row',
        `专有部分“${unit}”与业主“${ownerId}”重复`,
        `unit "${unit}" and owner "${ownerId}" appear twice`,
      );
    } else if (ownerId !== '') {
      before.ownerIds.push(ownerId);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  if (parts.size === 0)
    return {
      ok: false,
      errors: [
        { source, row: 0, field: '', code: 'vote.empty-electorate', message: say('业主名册为空', 'the roll is empty') },
      ],
    };
  return { ok: true, roll: [...parts.values()].map(({ line: _line, ...entry }) => entry) };
}

/** One ballot as read from `ballots.csv`, with its line. */
export interface BallotRow extends CastBallot {
  choice: Choice;
  line: number;
}

/**
 * Reads `ballots.csv` (`unit,choice,channel,cast_at`; choice `agree|oppose|abstain` or 同意/反对/弃权). Units must be
 * on the roll (`units`). Every bad row is reported with its line; rows are returned only when there is none.
 */
export function readBallotsCsv(
  text: string,
  units: ReadonlySet<string>,
  source = 'ballots.csv',
): { ok: true; ballots: BallotRow[] } | { ok: false; errors: RowError[] } {
  const table = readCsvTable(text, source, ballotColumns, 'vote.ballots-csv');
  const errors = [...table.errors];
  const ballots: BallotRow[] = [];
  for (const { line, cells } of table.rows) {
    const fail = (field: string, code: string, zh: string, en: string) =>
      void errors.push({ source, row: line, field, code, message: say(zh, en) });
    const unit = cells.unit ?? '';
    const choiceText = cells.choice ?? '';
    const choice = choiceAliases.get(choiceText) ?? Choice.safeParse(choiceText.toLowerCase()).data;
    const channel = Channel.safeParse((cells.channel ?? '').toLowerCase()).data;
    const castAt = cells.cast_at ?? '';
    const before = errors.length;
    if (!units.has(unit))
      fail('unit', 'vote.ballot-unknown-unit', `专有部分“${unit}”不在名册中`, `unit "${unit}" is not on the roll`);
    if (choice === undefined)
      fail(
        'choice',
        'vote.ballot-bad-choice',
        `“${choiceText}”应为 agree、oppose 或 abstain`,
        `"${choiceText}" must be agree, oppose or abstain`,
      );
    if (channel === undefined)
      fail(
        'channel',
        'vote.ballot-bad-channel',
        `“${cells.channel}”应为 electronic、paper 或 proxy`,
        `"${cells.channel}" must be electronic, paper or proxy`,
      );
    if (!instant.test(castAt) || Number.isNaN(Date.parse(castAt)))
      fail(
        'cast_at',
        'vote.ballot-bad-time',
        `“${castAt}”应为带时区的 ISO-8601 时刻`,
        `"${castAt}" must be an ISO-8601 instant with its offset`,
      );
    if (errors.length === before && choice !== undefined && channel !== undefined)
      ballots.push({ unit, choice, channel, castAt, line });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, ballots };
}
