import { ProcessDefinition } from '../../../definitions/schema';
import type { Queryable } from '../../db/database';
import type { RunnableTemplate } from '../built-in';
import type { PublishedVersion } from './records';
import { retired, templateNotFound, versionNotFound, notPublished } from './template-errors';

/**
 * The published version `version` of template `key` — or its latest version when `version` is omitted — with its
 * exact definition, content hash and owner. Undefined when the template or that version does not exist (or nothing
 * is published yet). A retired template's versions are still found, with `retired: true`: cases already running on
 * them and auditors read them; {@link requireStartableVersion} is what refuses new cases.
 */
export async function findPublishedVersion(
  db: Queryable,
  key: string,
  version?: number,
): Promise<PublishedVersion | undefined> {
  const result = await db.query<{
    key: string;
    version: number;
    owner_unit: string | null;
    definition: unknown;
    content_hash: string;
    retired: boolean;
  }>(
    `SELECT t.key, v.version, t.owner_unit, v.definition, v.content_hash, t.retired_at IS NOT NULL AS retired
     FROM templates t JOIN template_versions v ON v.template_key = t.key
     WHERE t.key = $1 AND ($2::integer IS NULL OR v.version = $2::integer)
     ORDER BY v.version DESC LIMIT 1`,
    [key, version ?? null],
  );
  const row = result.rows[0];
  return (
    row && {
      key: row.key,
      version: row.version,
      ownerUnit: row.owner_unit,
      definition: ProcessDefinition.parse(row.definition),
      contentHash: row.content_hash,
      retired: row.retired,
    }
  );
}

/**
 * The version a new case starts from (the latest when `version` is omitted), or the refusal the case routes answer
 * with: 404 `template.not-found`, 404 `template.version-not-found`, 409 `template.not-published` (nothing published
 * yet), 409 `template.retired` (a retired template starts no new cases, whichever version is asked for). Access
 * checks are the caller's: `readsTemplatesOf(actor, found.ownerUnit)` (a 404 when it fails).
 */
export async function requireStartableVersion(db: Queryable, key: string, version?: number): Promise<PublishedVersion> {
  const found = await findPublishedVersion(db, key, version);
  if (!found) {
    const exists = await db.query('SELECT 1 FROM templates WHERE key = $1', [key]);
    if (exists.rowCount === 0) throw templateNotFound(key);
    throw version === undefined ? notPublished(key) : versionNotFound(key, version);
  }
  if (found.retired) throw retired(key);
  return found;
}

/** A published version as the case service starts it: the exact definition and its template reference. */
export function asRunnable(published: PublishedVersion): RunnableTemplate {
  return {
    definition: published.definition,
    template: { key: published.key, version: published.version, contentHash: published.contentHash },
  };
}
