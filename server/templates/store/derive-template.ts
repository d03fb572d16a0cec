import { Identifier } from '../../../definitions/common';
import type { Database } from '../../db/database';
import { HttpError, say } from '../../http/errors';
import { createTemplate } from './create-template';
import { findPublishedVersion } from './find-published-version';
import type { Authorship, DraftRecord, TemplateRecord } from './records';
import { notPublished, versionNotFound } from './template-errors';

/** What to derive: a published version of a template, copied into a new template owned by `ownerUnit`. */
export interface Derivation {
  sourceKey: string;
  /** The source version; its latest when omitted. */
  version?: number;
  ownerUnit: string;
  /** The new template's key; `<last segment of ownerUnit>-<source key>` when omitted. */
  newKey?: string;
}

/** `jian/jizhou` + `resident-complaint` → `jizhou-resident-complaint`: the district's own copy of a process. */
export function defaultDerivedKey(ownerUnit: string, sourceKey: string): string {
  return `${ownerUnit.split('/').at(-1)}-${sourceKey}`;
}

/**
 * Creates a template whose draft is a copy of a published version (with the new key), recording where it came from.
 * Callers check that the actor reads the source and edits `ownerUnit`. Refusals: 404 `template.version-not-found`,
 * 409 `template.not-published`, 400 `template.key-invalid` (the default key is not a valid key: pass `newKey`), and
 * those of {@link createTemplate}.
 */
export async function deriveTemplate(
  db: Database,
  derivation: Derivation,
  author: Authorship,
): Promise<{ template: TemplateRecord; draft: DraftRecord }> {
  const source = await findPublishedVersion(db, derivation.sourceKey, derivation.version);
  if (!source) {
    throw derivation.version === undefined
      ? notPublished(derivation.sourceKey)
      : versionNotFound(derivation.sourceKey, derivation.version);
  }
  const key = derivation.newKey ?? defaultDerivedKey(derivation.ownerUnit, derivation.sourceKey);
  if (!Identifier.safeParse(key).success) {
    throw new HttpError(
      400,
      'template.key-invalid',
      say(
        `派生模板的默认标识“${key}”不合规（只能用字母、数字、- 和 _，最长 64 位），请用 newKey 指定`,
        `the derived template's default key "${key}" is not a valid key (letters, digits, - and _, at most 64); give newKey`,
      ),
      { key },
    );
  }
  return createTemplate(
    db,
    {
      key,
      ownerUnit: derivation.ownerUnit,
      definition: { ...source.definition, key },
      derivedFrom: { key: source.key, version: source.version },
    },
    author,
  );
}
