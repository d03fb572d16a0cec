import { Router } from 'express';
import type { OrgLevel } from '../../../definitions/org';
import type { Database } from '../../db/database';
import { DepartmentKind, departmentKindNames, departmentRoleKey } from '../../../definitions/departments';
import { DepartmentsResponse, OrgUnitsResponse, RolesResponse } from './directory-schemas';
import { DirectoryRole, roleScopes } from '../../directory/roles';
import type { ApiOperation } from '../api-operation';
import { requireActor } from './require-actor';

/**
 * What the designer's pickers and the staff views need from the org directory: the role catalogue, the departments
 * and the org units. Org units and departments are listed within the caller's reach (a unit they hold a role in,
 * its ancestors and everything below it); the role catalogue is the same for everyone.
 */
export function directoryRoutes(deps: { db: Database }): Router {
  const router = Router();
  router.get('/directory/roles', (_req, res) => {
    const roles = DirectoryRole.options.map((key) => ({
      key,
      name: roleScopes[key].name,
      levels: [...roleScopes[key].levels],
    }));
    const departmentRoles = DepartmentKind.options.map((kind) => ({
      key: departmentRoleKey(kind),
      name: departmentKindNames[kind],
      levels: ['district', 'street'] as OrgLevel[],
    }));
    res.json(RolesResponse.parse({ roles: [...roles, ...departmentRoles] }));
  });

  router.get('/directory/departments', async (req, res) => {
    const held = requireActor(req).memberships.map((m) => m.orgUnit);
    const { rows } = await deps.db.query<{ id: string; name: string; kind: DepartmentKind; org_unit: string }>(
      `SELECT id, name, kind, org_unit FROM departments
       WHERE org_unit = ANY($1::text[]) OR EXISTS (SELECT 1 FROM unnest($2::text[]) u WHERE left(org_unit, length(u) + 1) = u || '/')
       ORDER BY org_unit COLLATE "C", kind COLLATE "C"`,
      [withAncestors(held), held],
    );
    res.json(
      DepartmentsResponse.parse({
        departments: rows.map((row) => ({
          id: row.id,
          name: row.name,
          kind: row.kind,
          kindName: departmentKindNames[row.kind],
          orgUnit: row.org_unit,
          roleKey: departmentRoleKey(row.kind),
        })),
      }),
    );
  });

  router.get('/directory/org-units', async (req, res) => {
    const held = requireActor(req).memberships.map((m) => m.orgUnit);
    const { rows } = await deps.db.query<{ path: string; name: string; level: OrgLevel }>(
      `SELECT path, name, level FROM org_units
       WHERE path = ANY($1::text[]) OR EXISTS (SELECT 1 FROM unnest($2::text[]) u WHERE left(path, length(u) + 1) = u || '/')
       ORDER BY path COLLATE "C"`,
      [withAncestors(held), held],
    );
    res.json(OrgUnitsResponse.parse({ orgUnits: rows }));
  });
  return router;
}

/** The caller's units and every ancestor of them (a compound's staff see their street's departments too). */
function withAncestors(held: string[]): string[] {
  const reach = new Set<string>();
  for (const unit of held) {
    const segments = unit.split('/');
    for (let depth = 1; depth <= segments.length; depth += 1) reach.add(segments.slice(0, depth).join('/'));
  }
  return [...reach];
}

export const directoryOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/directory/roles',
    tag: 'directory',
    summary: '角色目录（含职能部门任务角色） / the role catalogue, department task roles included',
    responses: { 200: { description: 'roles', body: RolesResponse } },
  },
  {
    method: 'get',
    path: '/api/directory/departments',
    tag: 'directory',
    summary: '可见范围内的职能部门 / departments within the caller’s reach',
    responses: { 200: { description: 'departments', body: DepartmentsResponse } },
  },
  {
    method: 'get',
    path: '/api/directory/org-units',
    tag: 'directory',
    summary: '可见范围内的组织单位 / org units within the caller’s reach',
    responses: { 200: { description: 'org units', body: OrgUnitsResponse } },
  },
];
