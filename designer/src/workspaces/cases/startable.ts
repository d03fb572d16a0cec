import type { TemplateSummary } from '../../api/schemas';
import type { OrgUnit } from '../../api/case-schemas';
import { isWithin } from '../../../../server/access/policy';

/**
 * Templates a case can be started from at `unit`: published, not retired, and built-in or owned by a unit above it
 * (the API's own `template.out-of-scope` rule).
 */
export function startableTemplates(templates: readonly TemplateSummary[], unit: string | undefined): TemplateSummary[] {
  return templates.filter(
    (template) =>
      template.latestVersion !== null &&
      !template.retired &&
      (template.ownerUnit === null || unit === undefined || isWithin(unit, template.ownerUnit)),
  );
}

/**
 * The units where the person may start cases: the streets, communities and compounds under a unit where they operate
 * cases (community staff in their community, a street's whistle office in its street).
 */
export function startUnits(units: readonly OrgUnit[], operatorUnits: readonly string[]): OrgUnit[] {
  return units.filter(
    (unit) =>
      (unit.level === 'compound' || unit.level === 'community' || unit.level === 'street') &&
      operatorUnits.some((operator) => isWithin(unit.path, operator)),
  );
}
