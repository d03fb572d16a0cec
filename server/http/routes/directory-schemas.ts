import { z } from 'zod';
import { LocalizedText } from '../../../definitions/common';
import { OrgLevel } from '../../../definitions/org';
import { DepartmentKind } from '../../../definitions/departments';

/** The directory routes' response shapes: pure (zod and the language only), so the designer parses with them too. */
export const RoleView = z.object({ key: z.string(), name: LocalizedText, levels: z.array(OrgLevel) });
export const DepartmentView = z.object({
  id: z.string(),
  name: z.string(),
  kind: DepartmentKind,
  kindName: LocalizedText,
  orgUnit: z.string(),
  /** The role key tasks address this department with, e.g. `dept-chengguan` (at the department's level). */
  roleKey: z.string(),
});
export const OrgUnitView = z.object({ path: z.string(), name: z.string(), level: OrgLevel });

export const RolesResponse = z.object({ roles: z.array(RoleView) });
export const DepartmentsResponse = z.object({ departments: z.array(DepartmentView) });
export const OrgUnitsResponse = z.object({ orgUnits: z.array(OrgUnitView) });
