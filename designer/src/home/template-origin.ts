import type { TemplateSummary } from '../api/schemas';

/** How the home page groups a template: shipped with Gongzhi, derived from another, or drawn from scratch. */
export type TemplateOrigin = 'builtIn' | 'derived' | 'own';

export function templateOrigin(template: TemplateSummary): TemplateOrigin {
  if (template.builtIn) return 'builtIn';
  return template.derivedFrom ? 'derived' : 'own';
}

/** What a derived template was copied from, as "key v2". */
export function derivedFromLabel(template: TemplateSummary): string | undefined {
  const from = template.derivedFrom;
  return from ? `${from.key} v${from.version}` : undefined;
}

/**
 * Whether the user may derive their own copy: built-in templates and city-level ones (an org path of one segment)
 * are the ones districts adapt.
 */
export function isDerivable(template: TemplateSummary): boolean {
  return !template.retired && (template.builtIn || (template.ownerUnit !== null && !template.ownerUnit.includes('/')));
}
