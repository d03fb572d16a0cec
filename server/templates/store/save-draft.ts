import type { Database } from '../../db/database';
import { assertDraftFits } from './create-template';
import { getDraft, toDraft, type DraftRow } from './read-templates';
import type { Authorship, DraftDefinition, DraftRecord } from './records';
import { draftConflict, retired, templateNotFound } from './template-errors';

/** A save of a template's draft, based on the revision the client last saw (0: there was no draft). */
export interface DraftSave {
  key: string;
  definition: DraftDefinition;
  revision: number;
}

/**
 * Replaces the draft of template `key` if it is still at `save.revision`, in one statement (`UPDATE … WHERE revision =
 * $n`), so of two saves based on the same revision exactly one wins. Refusals: 409 `template.draft-conflict` (someone
 * saved since: who, when, the current revision), 409 `template.retired`, 404 `template.not-found`, and the draft's own
 * (`template.key-mismatch`, `template.unsupported-text`, `template.too-deep`). Returns the new draft.
 */
export async function saveDraft(db: Database, save: DraftSave, author: Authorship): Promise<DraftRecord> {
  assertDraftFits(save.key, save.definition);
  const json = JSON.stringify(save.definition);
  const written =
    save.revision === 0
      ? await db.query<DraftRow>(
          `INSERT INTO template_drafts (template_key, definition, revision, updated_by, updated_at)
           SELECT key, $2::jsonb, 1, $3, $4 FROM templates WHERE key = $1 AND retired_at IS NULL
           ON CONFLICT (template_key) DO NOTHING
           RETURNING definition, revision, updated_by, updated_at`,
          [save.key, json, author.by, author.at],
        )
      : await db.query<DraftRow>(
          `UPDATE template_drafts d SET definition = $2::jsonb, revision = d.revision + 1, updated_by = $3, updated_at = $4
           FROM templates t
           WHERE t.key = d.template_key AND t.retired_at IS NULL AND d.template_key = $1 AND d.revision = $5
           RETURNING d.definition, d.revision, d.updated_by, d.updated_at`,
          [save.key, json, author.by, author.at, save.revision],
        );
  const row = written.rows[0];
  if (row) return toDraft(row);
  const template = await db.query<{ retired: boolean }>(
    'SELECT retired_at IS NOT NULL AS retired FROM templates WHERE key = $1',
    [save.key],
  );
  if (!template.rows[0]) throw templateNotFound(save.key);
  if (template.rows[0].retired) throw retired(save.key);
  const current = await getDraft(db, save.key);
  throw draftConflict(save.key, {
    revision: current?.revision ?? 0,
    updatedBy: current?.updatedBy ?? null,
    updatedAt: current?.updatedAt ?? null,
  });
}
