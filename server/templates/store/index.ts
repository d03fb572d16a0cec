/**
 * The template store: templates, their one working draft, and their immutable published versions (migration
 * 003-templates.sql). Access rules are the callers' (server/access/policy.ts); these functions keep the data sound:
 * keys match, drafts are storable, revisions guard concurrent edits, versions are numbered under a lock and never
 * change.
 */
export { createTemplate, assertDraftFits, type NewTemplate } from './create-template';
export { defaultDerivedKey, deriveTemplate, type Derivation } from './derive-template';
export { BUILT_IN_AUTHOR, ensureBuiltInTemplates, type BuiltInOutcome } from './ensure-built-in-templates';
export { asRunnable, findPublishedVersion, requireStartableVersion } from './find-published-version';
export { publishDraft, type DraftPublication } from './publish-draft';
export { getDraft, getTemplate, getVersion, listTemplates, listVersions, templateOwner } from './read-templates';
export * from './records';
export { retireTemplate } from './retire-template';
export { saveDraft, type DraftSave } from './save-draft';
export { starterDefinition } from '../../../definitions/templates/starter';
