import { z } from 'zod';
import type { LocalizedText } from '../../definitions/common';
import { ballotBoxParts } from '../../definitions/kinds/vote-config';
import { Matter, matterClassOf, RuleSetId, ruleSets } from '../../definitions/vote';
import type { Queryable } from '../db/database';
import { HttpError, say } from '../http/errors';
import { getVersion } from '../templates/store';
import type { BoxView, UnitView } from './ballot-api-schemas';
import { formatAreaM2 } from '../../definitions/vote';

/** A ballot box's row as the casting routes need it. */
export interface BoxRow {
  id: string;
  compound: string;
  matters: Matter[];
  ruleSet: RuleSetId;
  openedAt: Date;
  closedAt: Date | null;
}

/** A `ballot_boxes` row as selected. */
export interface RawBox {
  id: string;
  compound: string;
  matters: unknown;
  rule_set: string;
  opened_at: Date;
  closed_at: Date | null;
}

export const toBox = (row: RawBox): BoxRow => ({
  id: row.id,
  compound: row.compound,
  matters: z.array(Matter).parse(row.matters),
  ruleSet: RuleSetId.parse(row.rule_set),
  openedAt: row.opened_at,
  closedAt: row.closed_at,
});

/** The box, or a 404 `ballot.unknown-box`. `lock` takes the box's row lock (`FOR SHARE`: casting; `FOR UPDATE`: issuing). */
export async function requireBox(
  db: Queryable,
  boxId: string,
  lock: '' | 'FOR SHARE' | 'FOR UPDATE' = '',
): Promise<BoxRow> {
  const found = await db.query<RawBox>(
    `SELECT id, compound, matters, rule_set, opened_at, closed_at FROM ballot_boxes WHERE id = $1 ${lock}`,
    [boxId],
  );
  const row = found.rows[0];
  if (!row) throw new HttpError(404, 'ballot.unknown-box', say('没有这个投票箱', 'no such ballot box'), { boxId });
  return toBox(row);
}

/** The case a box belongs to (`ballotBoxParts`); a box opened outside a case is its own "case", with no node. */
export function caseOfBox(boxId: string): { caseId: string; nodeId: string | undefined } {
  const parts = ballotBoxParts(boxId);
  return parts ? { caseId: parts.caseId, nodeId: parts.nodeId } : { caseId: boxId, nodeId: undefined };
}

const VoteNodeMatters = z.object({
  id: z.string(),
  kind: z.literal('vote'),
  config: z.object({
    matters: z.array(z.object({ key: z.string(), title: z.object({ zh: z.string(), en: z.string() }) })),
  }),
});

/** Published versions never change, so their matter titles are cached by template key and version. */
const titleCache = new Map<string, Map<string, LocalizedText>>();

async function matterTitles(db: Queryable, boxId: string): Promise<Map<string, LocalizedText>> {
  const { caseId, nodeId } = caseOfBox(boxId);
  const found = await db.query<{ template_key: string; template_version: number }>(
    'SELECT template_key, template_version FROM cases WHERE case_id = $1',
    [caseId],
  );
  const row = found.rows[0];
  if (!row || nodeId === undefined) return new Map();
  const cacheKey = `${row.template_key}@${row.template_version}#${nodeId}`;
  const cached = titleCache.get(cacheKey);
  if (cached) return cached;
  const version = await getVersion(db, row.template_key, row.template_version);
  const node = version?.definition.nodes.find((candidate) => candidate.id === nodeId);
  const parsed = VoteNodeMatters.safeParse(node);
  const titles = new Map(parsed.success ? parsed.data.config.matters.map((matter) => [matter.key, matter.title]) : []);
  if (version) titleCache.set(cacheKey, titles);
  return titles;
}

/** The notice text and the window's current end from the vote case's timeline (read model), when there is one. */
async function caseFacts(db: Queryable, boxId: string): Promise<{ notice: string | null; windowEnd: string | null }> {
  const { caseId, nodeId } = caseOfBox(boxId);
  if (nodeId === undefined) return { notice: null, windowEnd: null };
  const entries = await db.query<{ type: string; entry: { note?: string; data?: Record<string, unknown> } }>(
    `SELECT type, entry FROM case_timeline
      WHERE case_id = $1 AND node_id = $2 AND type IN ('vote.notice-published', 'vote.box-opened', 'vote.window-extended')
      ORDER BY seq`,
    [caseId, nodeId],
  );
  let notice: string | null = null;
  let windowEnd: string | null = null;
  for (const { type, entry } of entries.rows) {
    if (type === 'vote.notice-published') notice = entry.note ?? notice;
    else if (type === 'vote.box-opened' && typeof entry.data?.windowEnd === 'string') windowEnd = entry.data.windowEnd;
    else if (type === 'vote.window-extended' && typeof entry.data?.to === 'string') windowEnd = entry.data.to;
  }
  return { notice, windowEnd };
}

/** The box as owners and staff read it: compound name, matters with titles and Art. 278 class, notice, window. */
export async function boxView(db: Queryable, box: BoxRow): Promise<BoxView> {
  const [unit, titles, facts] = await Promise.all([
    db.query<{ name: string }>('SELECT name FROM org_units WHERE path = $1', [box.compound]),
    matterTitles(db, box.id),
    caseFacts(db, box.id),
  ]);
  const rules = ruleSets[box.ruleSet];
  return {
    boxId: box.id,
    compound: box.compound,
    compoundName: unit.rows[0]?.name ?? box.compound,
    ruleSet: box.ruleSet,
    matters: box.matters.map((matter) => ({
      key: matter.key,
      title: titles.get(matter.key) ?? { zh: matter.key, en: matter.key },
      ...(matter.item !== undefined && { item: matter.item }),
      class: matterClassOf(rules, matter),
    })),
    notice: facts.notice,
    state: box.closedAt ? 'closed' : 'open',
    openedAt: box.openedAt.toISOString(),
    windowEnd: facts.windowEnd,
    closedAt: box.closedAt?.toISOString() ?? null,
  };
}

/** Units of a box as published (room, building, area from the roll; the snapshot's area): no names. */
export async function unitViews(db: Queryable, box: BoxRow, units: readonly string[]): Promise<UnitView[]> {
  const found = await db.query<{
    unit: string;
    area: string;
    building: string | null;
    stairwell: string | null;
    room: string | null;
  }>(
    `SELECT p.unit, p.area_centi::text AS area, u.building, u.stairwell, u.room
       FROM ballot_box_parts p LEFT JOIN electorate_units u ON u.compound = $2 AND u.unit = p.unit
      WHERE p.box_id = $1 AND p.unit = ANY($3::text[])
      ORDER BY p.unit COLLATE "C"`,
    [box.id, box.compound, units],
  );
  return found.rows.map((row) => ({
    unit: row.unit,
    building: row.building,
    stairwell: row.stairwell,
    room: row.room,
    area: formatAreaM2(BigInt(row.area)),
  }));
}

/** Every matter answered, and nothing else: else 422 `ballot.bad-matters` naming the missing and unknown keys. */
export function assertChoicesComplete(box: BoxRow, choices: Record<string, unknown>): void {
  const keys = box.matters.map((matter) => matter.key);
  const missing = keys.filter((key) => !(key in choices));
  const unknown = Object.keys(choices).filter((key) => !keys.includes(key));
  if (missing.length > 0 || unknown.length > 0)
    throw new HttpError(
      422,
      'ballot.bad-matters',
      say(
        `选票须对每个表决事项作出选择，且只能回答本次表决的事项（缺少：${missing.join('、') || '无'}；多余：${unknown.join('、') || '无'}）`,
        `a ballot answers every matter of this vote and nothing else (missing: ${missing.join(', ') || 'none'}; unknown: ${unknown.join(', ') || 'none'})`,
      ),
      { missing, unknown },
    );
}

/** 409 `ballot.box-closed` when the box no longer takes ballots. */
export function assertOpen(box: BoxRow): void {
  if (box.closedAt)
    throw new HttpError(409, 'ballot.box-closed', say('投票已截止', 'voting has closed'), {
      closedAt: box.closedAt.toISOString(),
    });
}
