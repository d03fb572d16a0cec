import { builtInTemplates } from '../../../definitions/templates';
import type { Database } from '../../db/database';
import { getDraft, getTemplate } from './read-templates';
import type { Authorship, DraftDefinition, DraftRecord, TemplateRecord, VersionRef } from './records';
import { assertStorableJson } from './storable-json';
import { keyMismatch, keyTaken } from './template-errors';

/** What a new template starts from. */
export interface NewTemplate {
  key: string;
  /** The owning district (callers check `editsTemplatesOf` first). */
  ownerUnit: string;
  /** The first draft; its `key` must equal the template key. */
  definition: DraftDefinition;
  derivedFrom?: VersionRef;
}

/** Refuses a draft whose own `key` differs from its template's (400 `template.key-mismatch`) or cannot be stored. */
export function assertDraftFits(key: string, definition: DraftDefinition): void {
  if (definition.key !== key) throw keyMismatch(key, definition.key);
  assertStorableJson(definition);
}

/**
 * Creates a template with its first draft (revision 1), atomically. 409 `template.key-taken` when the key exists or
 * belongs to a built-in (even before the built-ins are loaded); safe against two creates of one key at once.
 */
export async function createTemplate(
  db: Database,
  template: NewTemplate,
  author: Authorship,
): Promise<{ template: TemplateRecord; draft: DraftRecord }> {
  assertDraftFits(template.key, template.definition);
  if (Object.hasOwn(builtInTemplates, template.key)) throw keyTaken(template.key, true);
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO templates (key, owner_unit, derived_from_key, derived_from_version, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [
        template.key,
        template.ownerUnit,
        template.derivedFrom?.key ?? null,
        template.derivedFrom?.version ?? null,
        author.by,
        author.at,
      ],
    );
    if (inserted.rowCount === 0) throw keyTaken(template.key, false);
    await tx.query(
      `INSERT INTO template_drafts (template_key, definition, revision, updated_by, updated_at)
       VALUES ($1, $2::jsonb, 1, $3, $4)`,
      [template.key, JSON.stringify(template.definition), author.by, author.at],
    );
    const [record, draft] = [await getTemplate(tx, template.key), await getDraft(tx, template.key)];
    if (!record || !draft) throw new Error(`template ${template.key} vanished inside its creating transaction`);
    return { template: record, draft };
  });
}
