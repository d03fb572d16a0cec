import { OrgLevel, orgLevelDepth } from '../../../../definitions/org';
import type { ProcessDefinition } from '../../../../definitions/schema';

/**
 * Where a simulated case runs by default: the user's own unit, extended with placeholder segments down to the
 * deepest level the template's roles need (a compound-level role cannot resolve at a district). Simulation only:
 * the units need not exist.
 */
export function defaultSimulationUnit(userUnit: string | undefined, definition: ProcessDefinition): string {
  const segments = (userUnit ?? 'city').split('/');
  const depth = Math.max(segments.length, ...definition.roles.map((role) => orgLevelDepth[role.level]));
  while (segments.length < depth) segments.push(`demo-${OrgLevel.options[segments.length] ?? 'unit'}`);
  return segments.join('/');
}
