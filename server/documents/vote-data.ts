import { z } from 'zod';
import type { TimelineEntry } from '../../definitions/engine/state';
import { ballotBoxParts, VoteNode } from '../../definitions/kinds/vote-config';
import type { Actor } from '../../definitions/org';
import { formatShanghai } from '../../definitions/time';
import { Choice, formatAreaM2, Matter, RuleSetId, tallyVote, type RollEntry } from '../../definitions/vote';
import type { Queryable } from '../db/database';
import { getOrgUnit } from '../directory/org-units';
import { HttpError, say } from '../http/errors';
import { assertCanReadCase, listWholeTimeline, type CaseRow } from '../read-model';
import { findPublishedVersion } from '../templates/store';
import { ballotSetDigest } from '../votes/digests';
import { assertPrintsCaseDocuments } from './access';
import type { BallotUnit, PaperBallotsData } from './paper-ballots';
import type { ResultNoticeData } from './result-notice';
import type { VoteNoticeData } from './vote-notice';
import { printedMatter, type PrintedMatter } from './vote-texts';

/**
 * What the vote documents are made of, read from the database: the case (read model and its template version), the
 * ballot box's rows (server/votes/ballot-box.ts writes them; read here only) and the vote's timeline entries.
 */

interface BoxRow {
  compound: string;
  matters: unknown;
  rule_set: string;
  electorate_hash: string;
  opened_at: Date;
  closed_at: Date | null;
}

export interface VoteContext {
  boxId: string;
  caseId: string;
  row: CaseRow;
  compoundName: string;
  compound: string;
  box?: BoxRow;
  voteTitle: string;
  ruleSet: RuleSetId;
  matters: PrintedMatter[];
  noticePeriod: string;
  window: string;
  /** The vote's entries on the case timeline (its node's). */
  entries: TimelineEntry[];
}

function unknownBox(boxId: string): HttpError {
  return new HttpError(404, 'ballot.unknown-box', say(`没有投票箱“${boxId}”`, `no ballot box "${boxId}"`));
}

/**
 * The vote of a box id as the caller may print it: 404 when the case is unknown or out of the caller's reach, or
 * it has no vote at that instance (neither a box nor a vote node); 403 when the caller may read but not print.
 */
export async function loadVoteContext(db: Queryable, actor: Actor, boxId: string): Promise<VoteContext> {
  const split = ballotBoxParts(boxId);
  if (!split) throw unknownBox(boxId);
  let row: CaseRow;
  try {
    row = await assertCanReadCase(db, actor, split.caseId);
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) throw unknownBox(boxId);
    throw error;
  }
  const found = await db.query<BoxRow>(
    'SELECT compound, matters, rule_set, electorate_hash, opened_at, closed_at FROM ballot_boxes WHERE id = $1',
    [boxId],
  );
  const box = found.rows[0];
  const version = await findPublishedVersion(db, row.templateKey, row.templateVersion);
  const { nodeId } = split;
  const parsedNode = VoteNode.safeParse(version?.definition.nodes.find((node) => node.id === nodeId));
  const node = parsedNode.success ? parsedNode.data : undefined;
  if (!box && !node) throw unknownBox(boxId);
  assertPrintsCaseDocuments(actor, row.orgUnit);

  const ruleSet = box ? RuleSetId.parse(box.rule_set) : node!.config.ruleSet;
  const titles = new Map(node?.config.matters.map((matter) => [matter.key, matter.title.zh]) ?? []);
  const matterSource = box ? z.array(Matter).parse(box.matters) : node!.config.matters;
  const matters = matterSource.map((matter) =>
    printedMatter(ruleSet, { ...matter, title: titles.get(matter.key) ?? matter.key }),
  );
  const compound = box?.compound ?? row.orgUnit;
  const timeline = await listWholeTimeline(db, row.caseId);
  return {
    boxId,
    caseId: row.caseId,
    row,
    compound,
    compoundName: (await getOrgUnit(db, compound))?.name ?? compound,
    ...(box && { box }),
    voteTitle: node?.title.zh ?? '业主大会表决',
    ruleSet,
    matters,
    noticePeriod: node?.config.noticePeriod ?? 'P15D',
    window: node?.config.window ?? 'P15D',
    entries: timeline.filter((entry) => entry.nodeId === nodeId),
  };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const dataOf = (entry: TimelineEntry | undefined, key: string): string | undefined => text(entry?.data?.[key]);
const instant = (value: Date): string => formatShanghai(value.getTime());

/** The vote's dates as far as the case and the box know them. */
export function voteDates(context: VoteContext): {
  noticePublishedAt?: string;
  noticeText?: string;
  opensAt?: string;
  closesAt?: string;
  objectionsUntil?: string;
} {
  const { entries, box, boxId } = context;
  const opened = entries.findLast((entry) => entry.type === 'vote.box-opened' && dataOf(entry, 'boxId') === boxId);
  const notice = entries.findLast(
    (entry) => entry.type === 'vote.notice-published' && (!opened || entry.seq < opened.seq),
  );
  const extended = entries.findLast(
    (entry) => entry.type === 'vote.window-extended' && (!opened || entry.seq > opened.seq),
  );
  const preliminary = entries.findLast(
    (entry) => entry.type === 'vote.preliminary-result' && dataOf(entry, 'boxId') === boxId,
  );
  const noticePublishedAt = dataOf(notice, 'publishedAt');
  const opensAt = box ? instant(box.opened_at) : dataOf(notice, 'opensAt');
  const closesAt = box?.closed_at ? instant(box.closed_at) : (dataOf(extended, 'to') ?? dataOf(opened, 'windowEnd'));
  const objectionsUntil = dataOf(preliminary, 'objectionsUntil');
  return {
    ...(noticePublishedAt !== undefined && { noticePublishedAt }),
    ...(notice?.note !== undefined && { noticeText: notice.note }),
    ...(opensAt !== undefined && { opensAt }),
    ...(closesAt !== undefined && { closesAt }),
    ...(objectionsUntil !== undefined && { objectionsUntil }),
  };
}

/** The generic address of the owners' ballot page printed on the notice (each owner's code is on their letter). */
export function ballotPageUrl(origin: string, boxId: string): string {
  return `${origin.replace(/\/$/, '')}/ballot?box=${encodeURIComponent(boxId)}`;
}

export function voteNoticeData(context: VoteContext, origin: string, printedAt: string): VoteNoticeData {
  const { noticePublishedAt, noticeText, opensAt, closesAt } = voteDates(context);
  return {
    boxId: context.boxId,
    caseId: context.caseId,
    compoundName: context.compoundName,
    voteTitle: context.voteTitle,
    ...(noticeText !== undefined && { noticeText }),
    matters: context.matters,
    ruleSet: context.ruleSet,
    noticePeriod: context.noticePeriod,
    window: context.window,
    ...(noticePublishedAt !== undefined && { noticePublishedAt }),
    ...(opensAt !== undefined && { opensAt }),
    ...(closesAt !== undefined && { closesAt }),
    ballotUrl: ballotPageUrl(origin, context.boxId),
    printedAt,
  };
}

/** Units named in `?units=` that the roll does not hold: 422, nothing printed. */
function unknownUnits(missing: string[]): HttpError {
  return new HttpError(
    422,
    'documents.units-unknown',
    say(
      `名册中没有这些专有部分：${missing.slice(0, 20).join('、')}`,
      `not on the roll: ${missing.slice(0, 20).join(', ')}`,
    ),
    { missing },
  );
}

/**
 * The paper ballots' data: the box's copy of the roll once it is open, the compound's roll before (the box copies
 * it when voting opens); only `units` when given (in roll order).
 */
export async function paperBallotsData(
  db: Queryable,
  context: VoteContext,
  units: readonly string[] | undefined,
  printedAt: string,
): Promise<PaperBallotsData> {
  const filter = units && units.length > 0 ? [...new Set(units)] : undefined;
  const rows = context.box
    ? await db.query<{
        unit: string;
        area: string;
        building: string | null;
        stairwell: string | null;
        room: string | null;
      }>(
        `SELECT p.unit, p.area_centi::text AS area, u.building, u.stairwell, u.room
           FROM ballot_box_parts p LEFT JOIN electorate_units u ON u.compound = $2 AND u.unit = p.unit
          WHERE p.box_id = $1 AND ($3::text[] IS NULL OR p.unit = ANY($3::text[]))
          ORDER BY p.unit COLLATE "C"`,
        [context.boxId, context.compound, filter ?? null],
      )
    : await db.query<{
        unit: string;
        area: string;
        building: string | null;
        stairwell: string | null;
        room: string | null;
      }>(
        `SELECT unit, area_centi::text AS area, building, stairwell, room FROM electorate_units
          WHERE compound = $1 AND ($2::text[] IS NULL OR unit = ANY($2::text[]))
          ORDER BY unit COLLATE "C"`,
        [context.compound, filter ?? null],
      );
  if (filter) {
    const found = new Set(rows.rows.map((row) => row.unit));
    const missing = filter.filter((unit) => !found.has(unit));
    if (missing.length > 0) throw unknownUnits(missing);
  }
  const ballotUnits = rows.rows.map((row): BallotUnit => ({
    unit: row.unit,
    area: formatAreaM2(BigInt(row.area)),
    ...(row.building && { building: row.building }),
    ...(row.stairwell && { stairwell: row.stairwell }),
    ...(row.room && { room: row.room }),
  }));
  const { closesAt } = voteDates(context);
  return {
    boxId: context.boxId,
    compoundName: context.compoundName,
    voteTitle: context.voteTitle,
    matters: context.matters,
    units: ballotUnits,
    ...(closesAt !== undefined && { closesAt }),
    rollSource: context.box ? 'box' : 'compound',
    printedAt,
  };
}

/**
 * The result notice's data: counted again here from the closed box's rows with the pure tally (the same count
 * closeAndTally made when it closed the box), with the ballot-set digest and the roll's hash. 409 before the close.
 */
export async function resultNoticeData(
  db: Queryable,
  context: VoteContext,
  printedAt: string,
): Promise<ResultNoticeData> {
  const { box } = context;
  if (!box?.closed_at) {
    throw new HttpError(
      409,
      'documents.vote-not-closed',
      say('投票尚未截止，表决结果尚不能公示', 'voting has not closed; there is no result to publish yet'),
    );
  }
  const parts = await db.query<{ unit: string; area: string; owner_ids: string[]; developer_held: boolean }>(
    `SELECT unit, area_centi::text AS area, owner_ids, developer_held FROM ballot_box_parts WHERE box_id = $1
      ORDER BY unit COLLATE "C"`,
    [context.boxId],
  );
  const roll: RollEntry[] = parts.rows.map((row) => ({
    unit: row.unit,
    areaCenti: BigInt(row.area),
    ownerIds: row.owner_ids,
    developerHeld: row.developer_held,
  }));
  const cast = await db.query<{ unit: string; choices: Record<string, unknown>; channel: string; cast_at: Date }>(
    'SELECT unit, choices, channel, cast_at FROM ballots WHERE box_id = $1',
    [context.boxId],
  );
  const ballots = cast.rows.map((row) => ({
    unit: row.unit,
    channel: row.channel,
    castAt: row.cast_at.toISOString(),
    choices: z.record(z.string(), Choice).parse(row.choices),
  }));
  const counted = tallyVote({
    roll,
    ballots: ballots.map(({ unit, choices }) => ({ unit, choices })),
    matters: z.array(Matter).parse(box.matters),
    ruleSet: context.ruleSet,
  });
  if (!counted.ok) {
    throw new HttpError(
      409,
      'documents.vote-uncountable',
      say(
        `投票箱无法计票：${counted.issues.map((issue) => issue.message).join('；')}`,
        'the ballot box cannot be counted',
      ),
      { issues: counted.issues },
    );
  }
  const { objectionsUntil } = voteDates(context);
  return {
    boxId: context.boxId,
    caseId: context.caseId,
    compoundName: context.compoundName,
    voteTitle: context.voteTitle,
    matters: context.matters,
    result: counted.result,
    openedAt: instant(box.opened_at),
    closedAt: instant(box.closed_at),
    ballots: ballots.length,
    ballotDigest: ballotSetDigest(ballots),
    electorateHash: box.electorate_hash,
    ...(objectionsUntil !== undefined && { objectionsUntil }),
    printedAt,
  };
}
