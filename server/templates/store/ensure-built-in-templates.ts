import { builtInTemplateVersions } from '../../../definitions/templates';
import type { Database } from '../../db/database';
import { runnable } from '../built-in';

/** Who built-in templates are created and published by in the store's records. */
export const BUILT_IN_AUTHOR = 'gongzhi:built-in';

/** What {@link ensureBuiltInTemplates} did with one built-in template. */
export interface BuiltInOutcome {
  key: string;
  /**
   * `published`: one or more shipped versions were new to the store (on an empty store: all of them); `unchanged`:
   * all there; `key-owned-elsewhere`: a district's template holds the key (left alone).
   */
  result: 'published' | 'unchanged' | 'key-owned-elsewhere';
  /** The latest published version after the call. */
  version?: number;
}

/**
 * Makes the store hold every built-in reference template (definitions/templates) as a template owned by nobody whose
 * published versions include every shipped version of it, in the order shipped (`builtInTemplateVersions`): on an
 * empty store version 1, 2, … are the shipped versions; a shipped version the store lacks (a release shipped a new
 * one, or a changed one) becomes the next version (published versions are immutable, so it never rewrites one).
 * Idempotent and safe on every start and from several processes at once (ON CONFLICT, then the template's row lock).
 * One outcome per key, naming its latest version. Throws if a shipped definition is invalid (a programmer error the
 * built-in tests catch).
 */
export async function ensureBuiltInTemplates(db: Database, now: Date = new Date()): Promise<BuiltInOutcome[]> {
  const outcomes: BuiltInOutcome[] = [];
  for (const [key, shipped] of Object.entries(builtInTemplateVersions)) {
    const runnables = shipped.map((raw, index) => runnable(raw, index + 1));
    outcomes.push(
      await db.transaction(async (tx): Promise<BuiltInOutcome> => {
        await tx.query(
          `INSERT INTO templates (key, owner_unit, created_by, created_at) VALUES ($1, NULL, $2, $3)
           ON CONFLICT (key) DO NOTHING`,
          [key, BUILT_IN_AUTHOR, now],
        );
        const owner = await tx.query<{ owner_unit: string | null }>(
          'SELECT owner_unit FROM templates WHERE key = $1 FOR UPDATE',
          [key],
        );
        if (owner.rows[0]?.owner_unit !== null) return { key, result: 'key-owned-elsewhere' };
        const stored = (
          await tx.query<{ version: number; content_hash: string }>(
            'SELECT version, content_hash FROM template_versions WHERE template_key = $1 ORDER BY version',
            [key],
          )
        ).rows;
        const storedHashes = new Set(stored.map((row) => row.content_hash));
        let latest = stored.at(-1)?.version ?? 0;
        let published = false;
        for (const { definition, template } of runnables) {
          if (storedHashes.has(template.contentHash)) continue;
          latest += 1;
          published = true;
          await tx.query(
            `INSERT INTO template_versions (template_key, version, definition, content_hash, change_note, published_by, published_at)
             VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)`,
            [
              key,
              latest,
              JSON.stringify(definition),
              template.contentHash,
              latest === 1
                ? '内置参考模板 / built-in reference template'
                : '随 Gongzhi 新版本更新的内置参考模板 / built-in reference template updated with a Gongzhi release',
              BUILT_IN_AUTHOR,
              now,
            ],
          );
          storedHashes.add(template.contentHash);
        }
        return { key, result: published ? 'published' : 'unchanged', version: latest };
      }),
    );
  }
  return outcomes;
}
