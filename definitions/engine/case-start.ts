import { z } from 'zod';
import { issue, Issue } from '../common';
import { Actor, OrgUnitPath, orgUnitAtLevel } from '../org';
import type { ProcessDefinition } from '../schema';
import { variablesSchema } from '../variables';

/** Where and with what data a case starts. */
export const CaseStartRequest = z.object({
  orgUnit: OrgUnitPath,
  variables: z.record(z.string(), z.unknown()).default({}),
  startedBy: Actor.shape.id,
});
export type CaseStartRequest = z.infer<typeof CaseStartRequest>;

/**
 * Checks that a definition can run in an org unit with the given variables: every role resolves (the unit is at or
 * below each role's level) and the variables match the schema. Returns the parsed variables when there is no issue.
 */
export function checkCaseStart(
  definition: ProcessDefinition,
  orgUnit: string,
  variables: unknown,
): { issues: Issue[]; variables?: Record<string, unknown> } {
  const problems: Issue[] = [];
  const unit = OrgUnitPath.safeParse(orgUnit);
  if (!unit.success) {
    return {
      issues: [
        issue('case.org-unit-invalid', `组织单位“${orgUnit}”格式不对 / org unit "${orgUnit}" is not a valid path`),
      ],
    };
  }
  for (const role of definition.roles) {
    if (!orgUnitAtLevel(orgUnit, role.level)) {
      problems.push(
        issue(
          'case.org-level-too-high',
          `“${orgUnit}”层级不够，无法确定“${role.name.zh}”（需${role.level}级） / "${orgUnit}" is above the ${role.level} level role "${role.key}" needs`,
        ),
      );
    }
  }
  const parsed = variablesSchema(definition.variables).safeParse(variables);
  if (!parsed.success) {
    for (const problem of parsed.error.issues) {
      problems.push(
        issue(
          'case.variables-invalid',
          `变量 ${problem.path.join('.') || '(全部)'}: ${problem.message} / variable ${problem.path.join('.') || '(all)'} is invalid`,
          {
            path: problem.path.map(String),
          },
        ),
      );
    }
  }
  return problems.length > 0 || !parsed.success ? { issues: problems } : { issues: [], variables: parsed.data };
}
