import { builtInTemplates } from '../../../definitions/templates';
import type { Database } from '../../db/database';
import { runnable } from '../built-in';

/** Who built-in templates are created and published by in the store's records. */
export const BUILT_IN_AUTHOR = 'gongzhi:built-in';

/** What {@link ensureBuiltInTemplates} did with one built-in template. */
export interface BuiltInOutcome {
  key: string;
  /**
   * `published`: version 1 (new) or a new version (the shipped definition changed); `unchanged`: already there;
   * `key-owned-elsewhere`: a district's template holds the key (left alone).
   */
  result: 'published' | 'unchanged' | 'key-owned-elsewhere';
  version?: number;
}

/**
 * Makes the store hold every built-in reference template (definitions/templates) as a template owned by nobody whose
 * latest published version is the shipped definition: version 1 the first time, the next version when a release
 * ships a changed definition (published versions are immutable, so it never rewrites one). Idempotent and safe on
 * every start and from several processes at once (ON CONFLICT, then the template's row lock). Throws if a shipped
 * definition is invalid (a programmer error the built-in tests catch).
 */
export async function ensureBuiltInTemplates(db: Database, now: Date = new Date()): Promise<BuiltInOutcome[]> {
  const outcomes: BuiltInOutcome[] = [];
  for (const [key, raw] of Object.entries(builtInTemplates)) {
    const { definition, template } = runnable(raw, 1);
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
        const latest = (
          await tx.query<{ version: number; content_hash: string }>(
            'SELECT version, content_hash FROM template_versions WHERE template_key = $1 ORDER BY version DESC LIMIT 1',
            [key],
          )
        ).rows[0];
        if (latest?.content_hash === template.contentHash) {
          return { key, result: 'unchanged', version: latest.version };
        }
        const version = (latest?.version ?? 0) + 1;
        await tx.query(
          `INSERT INTO template_versions (template_key, version, definition, content_hash, change_note, published_by, published_at)
           VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)`,
          [
            key,
            version,
            JSON.stringify(definition),
            template.contentHash,
            version === 1
              ? '内置参考模板 / built-in reference template'
              : '随 Gongzhi 新版本更新的内置参考模板 / built-in reference template updated with a Gongzhi release',
            BUILT_IN_AUTHOR,
            now,
          ],
        );
        return { key, result: 'published', version };
      }),
    );
  }
  return outcomes;
}
