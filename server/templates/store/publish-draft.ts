import { isValid, validateDefinition } from '../../../definitions/validate';
import type { Database } from '../../db/database';
import { contentHash } from '../content-hash';
import { toDraft, type DraftRow } from './read-templates';
import type { Authorship, VersionSummary } from './records';
import { draftConflict, invalidDefinition, keyMismatch, retired, templateNotFound, unchanged } from './template-errors';

/** A publish of a template's draft as it was at `revision`, with a note saying what changed and why. */
export interface DraftPublication {
  key: string;
  revision: number;
  changeNote: string;
}

/**
 * Publishes the draft of template `key` as its next version (the draft stays, for further editing). Holds the
 * template's row lock while numbering, so concurrent publishes get distinct versions (the primary key backs this up).
 * Refusals: 404 `template.not-found`, 409 `template.retired`, 409 `template.draft-conflict` (the draft is no longer at
 * `revision`: the caller would publish something they have not seen), 422 `template.invalid` with `details.issues`,
 * 409 `template.unchanged` (the draft equals the latest version, by content hash).
 */
export async function publishDraft(
  db: Database,
  publication: DraftPublication,
  author: Authorship,
): Promise<VersionSummary> {
  const { key } = publication;
  return db.transaction(async (tx) => {
    const template = await tx.query<{ retired: boolean }>(
      'SELECT retired_at IS NOT NULL AS retired FROM templates WHERE key = $1 FOR UPDATE',
      [key],
    );
    if (!template.rows[0]) throw templateNotFound(key);
    if (template.rows[0].retired) throw retired(key);
    const draftRow = (
      await tx.query<DraftRow>(
        'SELECT definition, revision, updated_by, updated_at FROM template_drafts WHERE template_key = $1',
        [key],
      )
    ).rows[0];
    const draft = draftRow && toDraft(draftRow);
    if (!draft || draft.revision !== publication.revision) {
      throw draftConflict(key, {
        revision: draft?.revision ?? 0,
        updatedBy: draft?.updatedBy ?? null,
        updatedAt: draft?.updatedAt ?? null,
      });
    }
    const { definition, issues } = validateDefinition(draft.definition);
    if (!definition || !isValid(issues)) throw invalidDefinition(key, issues);
    if (definition.key !== key) throw keyMismatch(key, definition.key);
    const hash = contentHash(definition);
    const latest = (
      await tx.query<{ version: number; content_hash: string }>(
        'SELECT version, content_hash FROM template_versions WHERE template_key = $1 ORDER BY version DESC LIMIT 1',
        [key],
      )
    ).rows[0];
    if (latest?.content_hash === hash) throw unchanged(key, latest.version);
    const version = (latest?.version ?? 0) + 1;
    const changeNote = publication.changeNote.trim();
    await tx.query(
      `INSERT INTO template_versions (template_key, version, definition, content_hash, change_note, published_by, published_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)`,
      [key, version, JSON.stringify(definition), hash, changeNote, author.by, author.at],
    );
    return { version, contentHash: hash, changeNote, publishedBy: author.by, publishedAt: author.at };
  });
}
