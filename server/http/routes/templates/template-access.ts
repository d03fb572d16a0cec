import type { Actor } from '../../../../definitions/org';
import { validateDefinition } from '../../../../definitions/validate';
import { editsTemplatesOf, readsTemplateDraftsOf, readsTemplatesOf } from '../../../access/policy';
import type { Queryable } from '../../../db/database';
import { getTemplate, type DraftRecord, type TemplateRecord, type VersionSummary } from '../../../templates/store';
import { templateNotFound } from '../../../templates/store/template-errors';
import { HttpError, say } from '../../errors';
import type { DraftView, TemplateSummary, VersionView } from './template-schemas';

/**
 * Who sees which template, applying server/access/policy.ts: a template is visible to those who read its owner's
 * templates, except that one never published is visible only to those who also read its owner's drafts (its admins
 * and auditors). Invisible templates answer 404, so their existence does not leak.
 */
export function seesTemplate(actor: Actor, template: TemplateRecord): boolean {
  return (
    readsTemplatesOf(actor, template.ownerUnit) &&
    (template.latestVersion !== null || readsTemplateDraftsOf(actor, template.ownerUnit))
  );
}

/** The template `key` if the caller sees it, else 404 `template.not-found`. */
export async function visibleTemplate(db: Queryable, actor: Actor, key: string): Promise<TemplateRecord> {
  const template = await getTemplate(db, key);
  if (!template || !seesTemplate(actor, template)) throw templateNotFound(key);
  return template;
}

/**
 * Refuses a write on a visible template the caller may not change: 403 `template.built-in-read-only` for built-ins
 * (derive a copy instead), 403 `template.forbidden` otherwise (auditors, staff, admins of a district above).
 */
export function requireEditable(actor: Actor, template: TemplateRecord): void {
  if (template.ownerUnit === null) {
    throw new HttpError(
      403,
      'template.built-in-read-only',
      say(
        `内置模板“${template.key}”不能修改，请派生一份本区的副本再改`,
        `built-in template "${template.key}" cannot change; derive your district's copy and edit that`,
      ),
      { key: template.key },
    );
  }
  if (!editsTemplatesOf(actor, template.ownerUnit)) throw forbiddenOwner(template.ownerUnit, template.key);
}

/** 403 `template.forbidden`: only the district admins of `ownerUnit` change its templates. */
export function forbiddenOwner(ownerUnit: string, key?: string): HttpError {
  return new HttpError(
    403,
    'template.forbidden',
    say(
      `只有 ${ownerUnit} 的区级管理员可以修改其流程模板`,
      `only district admins of ${ownerUnit} may change its templates`,
    ),
    { ownerUnit, ...(key !== undefined && { key }) },
  );
}

/** A template as the caller sees it in lists and details. */
export function toSummary(actor: Actor, template: TemplateRecord): TemplateSummary {
  return {
    key: template.key,
    name: template.name,
    ownerUnit: template.ownerUnit,
    builtIn: template.ownerUnit === null,
    ...(template.derivedFrom && { derivedFrom: template.derivedFrom }),
    latestVersion: template.latestVersion,
    hasDraft: template.draftRevision !== null,
    draftRevision: template.draftRevision,
    retired: template.retirement !== null,
    ...(template.retirement && {
      retiredAt: template.retirement.at.toISOString(),
      retiredBy: template.retirement.by,
      retireReason: template.retirement.reason,
    }),
    editable: editsTemplatesOf(actor, template.ownerUnit),
  };
}

/** A draft with the validator's issues (computed on every read: the validator's rules may have changed). */
export function toDraftView(draft: DraftRecord): DraftView {
  return {
    definition: draft.definition,
    revision: draft.revision,
    updatedAt: draft.updatedAt.toISOString(),
    updatedBy: draft.updatedBy,
    issues: validateDefinition(draft.definition).issues,
  };
}

export function toVersionView(version: VersionSummary): VersionView {
  return {
    version: version.version,
    contentHash: version.contentHash,
    changeNote: version.changeNote,
    publishedAt: version.publishedAt.toISOString(),
    publishedBy: version.publishedBy,
  };
}
