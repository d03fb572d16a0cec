import { LocalizedText } from '../../../definitions/common';
import { ProcessDefinition } from '../../../definitions/schema';
import type { Queryable } from '../../db/database';
import {
  DraftDefinition,
  type DraftRecord,
  type TemplateRecord,
  type VersionRecord,
  type VersionSummary,
} from './records';

interface TemplateRow {
  key: string;
  owner_unit: string | null;
  derived_from_key: string | null;
  derived_from_version: number | null;
  created_by: string;
  created_at: Date;
  retired_at: Date | null;
  retired_by: string | null;
  retire_reason: string | null;
  draft_revision: number | null;
  draft_name: unknown;
  latest_version: number | null;
  version_name: unknown;
}

const templateSelect = `
  SELECT t.key, t.owner_unit, t.derived_from_key, t.derived_from_version, t.created_by, t.created_at,
         t.retired_at, t.retired_by, t.retire_reason,
         d.revision AS draft_revision, d.definition -> 'name' AS draft_name,
         v.version AS latest_version, v.definition -> 'name' AS version_name
  FROM templates t
  LEFT JOIN template_drafts d ON d.template_key = t.key
  LEFT JOIN LATERAL (
    SELECT version, definition FROM template_versions WHERE template_key = t.key ORDER BY version DESC LIMIT 1
  ) v ON true`;

function nameOf(row: TemplateRow): LocalizedText {
  for (const candidate of [row.version_name, row.draft_name]) {
    const parsed = LocalizedText.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return { zh: row.key, en: row.key };
}

function toTemplate(row: TemplateRow): TemplateRecord {
  return {
    key: row.key,
    name: nameOf(row),
    ownerUnit: row.owner_unit,
    derivedFrom:
      row.derived_from_key !== null && row.derived_from_version !== null
        ? { key: row.derived_from_key, version: row.derived_from_version }
        : null,
    latestVersion: row.latest_version,
    draftRevision: row.draft_revision,
    createdBy: row.created_by,
    createdAt: row.created_at,
    retirement:
      row.retired_at !== null
        ? { at: row.retired_at, by: row.retired_by ?? '', reason: row.retire_reason ?? '' }
        : null,
  };
}

/** Every template, ordered by key (callers filter by what the actor may read). */
export async function listTemplates(db: Queryable): Promise<TemplateRecord[]> {
  const result = await db.query<TemplateRow>(`${templateSelect} ORDER BY t.key COLLATE "C"`);
  return result.rows.map(toTemplate);
}

/** One template, or undefined. */
export async function getTemplate(db: Queryable, key: string): Promise<TemplateRecord | undefined> {
  const result = await db.query<TemplateRow>(`${templateSelect} WHERE t.key = $1`, [key]);
  const row = result.rows[0];
  return row && toTemplate(row);
}

/**
 * The org unit owning template `key`: a district path, `null` for a built-in, `undefined` when there is no such
 * template. For access checks (`readsTemplatesOf`, `editsTemplatesOf` in server/access/policy.ts).
 */
export async function templateOwner(db: Queryable, key: string): Promise<string | null | undefined> {
  const result = await db.query<{ owner_unit: string | null }>('SELECT owner_unit FROM templates WHERE key = $1', [
    key,
  ]);
  return result.rows[0]?.owner_unit;
}

/** A `template_drafts` row as {@link toDraft} reads it. */
export interface DraftRow {
  definition: unknown;
  revision: number;
  updated_by: string;
  updated_at: Date;
}

/** The draft of a `template_drafts` row (selected or RETURNING `definition, revision, updated_by, updated_at`). */
export function toDraft(row: DraftRow): DraftRecord {
  return {
    definition: DraftDefinition.parse(row.definition),
    revision: row.revision,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** The working draft of template `key`, or undefined (built-ins have none). */
export async function getDraft(db: Queryable, key: string): Promise<DraftRecord | undefined> {
  const result = await db.query<DraftRow>(
    'SELECT definition, revision, updated_by, updated_at FROM template_drafts WHERE template_key = $1',
    [key],
  );
  const row = result.rows[0];
  return row && toDraft(row);
}

interface VersionRow {
  template_key: string;
  version: number;
  content_hash: string;
  change_note: string;
  published_by: string;
  published_at: Date;
}

function toVersionSummary(row: VersionRow): VersionSummary {
  return {
    version: row.version,
    contentHash: row.content_hash,
    changeNote: row.change_note,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
  };
}

/** The published versions of template `key`, newest first. */
export async function listVersions(db: Queryable, key: string): Promise<VersionSummary[]> {
  const result = await db.query<VersionRow>(
    `SELECT template_key, version, content_hash, change_note, published_by, published_at
     FROM template_versions WHERE template_key = $1 ORDER BY version DESC`,
    [key],
  );
  return result.rows.map(toVersionSummary);
}

/** One published version with its definition, or undefined. */
export async function getVersion(db: Queryable, key: string, version: number): Promise<VersionRecord | undefined> {
  const result = await db.query<VersionRow & { definition: unknown }>(
    `SELECT template_key, version, definition, content_hash, change_note, published_by, published_at
     FROM template_versions WHERE template_key = $1 AND version = $2`,
    [key, version],
  );
  const row = result.rows[0];
  return (
    row && { ...toVersionSummary(row), key: row.template_key, definition: ProcessDefinition.parse(row.definition) }
  );
}
