import type { Database } from '../../db/database';
import { getTemplate } from './read-templates';
import type { Authorship, TemplateRecord } from './records';
import { alreadyRetired, templateNotFound } from './template-errors';

/**
 * Retires template `key`: it starts no new cases (running cases keep their version) and is listed as retired. One
 * conditional UPDATE, so two retires at once leave the first one's record. Refusals: 404 `template.not-found`, 409
 * `template.already-retired` (with who and when).
 */
export async function retireTemplate(
  db: Database,
  key: string,
  reason: string,
  author: Authorship,
): Promise<TemplateRecord> {
  const updated = await db.query(
    `UPDATE templates SET retired_at = $2, retired_by = $3, retire_reason = $4
     WHERE key = $1 AND retired_at IS NULL RETURNING key`,
    [key, author.at, author.by, reason.trim()],
  );
  const template = await getTemplate(db, key);
  if (!template) throw templateNotFound(key);
  if (updated.rowCount === 0 && template.retirement) {
    throw alreadyRetired(key, template.retirement.at, template.retirement.by);
  }
  return template;
}
