import { z } from 'zod';
import type { Actor } from '../../../definitions/org';
import { caseOperatorRoles, editableTemplateOwners, isAuditorOnly, unitsWithRole } from '../../../server/access/policy';
import type { Session } from '../session/session';

const DepartmentRef = z.object({ kind: z.string() });

/**
 * The signed-in person as the server's access rules see them: each membership as `{ role, orgUnit }` and, for a
 * department member, also the department's task role `dept-<kind>` at the department's unit — the same expansion as
 * the server's `resolveActor`, so the pure rules of server/access/policy.ts answer here as they do in the API.
 */
export function sessionActor(session: Session): Actor {
  const memberships: Actor['memberships'] = [];
  for (const membership of session.user.memberships) {
    memberships.push({ role: membership.role, orgUnit: membership.orgUnit });
    const department = DepartmentRef.safeParse(membership.department);
    if (department.success) memberships.push({ role: `dept-${department.data.kind}`, orgUnit: membership.orgUnit });
  }
  return { id: session.user.username, memberships };
}

/** The workspaces of the app; which of them a person sees follows from their roles. */
export type Workspace =
  'inbox' | 'meetings' | 'cases' | 'department' | 'dashboard' | 'templates' | 'audit' | 'calendar';

/** Roles that read 三率 for their unit (the dashboard): the street office, district supervision and admins, auditors. */
export const dashboardRoles = ['street-office', 'district-supervision', 'district-admin', 'auditor'] as const;

/** The units whose 三率 the person reads (the dashboard's unit choice). */
export function dashboardUnits(actor: Actor): string[] {
  return unitsWithRole(actor, dashboardRoles);
}

/** The units where the person starts and runs cases (community staff and secretaries). */
export function caseOperatorUnits(actor: Actor): string[] {
  return unitsWithRole(actor, caseOperatorRoles);
}

/** The department task roles the person acts in (`dept-<kind>` at the department's unit). */
export function departmentRoles(actor: Actor): { role: string; unit: string }[] {
  return actor.memberships
    .filter((membership) => membership.role.startsWith('dept-'))
    .map((membership) => ({ role: membership.role, unit: membership.orgUnit }));
}

/**
 * Whether joint meetings call the person (我的会议): the parties of a compound or community meeting — 党支部, 业委会,
 * 物业, 居委会 and community staff hold their roles at a compound or community — and departments ("三方+").
 */
export function attendsMeetings(actor: Actor): boolean {
  return (
    departmentRoles(actor).length > 0 ||
    actor.memberships.some((membership) => membership.orgUnit.split('/').length >= communityDepth)
  );
}

/** Org unit paths are 市/区/街道/社区/小区: a community's path has four segments. */
const communityDepth = 4;

/**
 * The workspaces the person may use, in navigation order. Auditors (read-only everywhere) get the audit search and the
 * template list; district admins the designer; department members their department's board; everybody who holds a
 * role that work is addressed to an inbox; everybody who reads cases the case list.
 */
export function workspacesOf(actor: Actor): Workspace[] {
  if (actor.memberships.length === 0) return [];
  if (isAuditorOnly(actor)) return ['audit', 'dashboard', 'templates'];
  const spaces: Workspace[] = ['inbox'];
  if (departmentRoles(actor).length > 0) spaces.push('department');
  if (attendsMeetings(actor)) spaces.push('meetings');
  spaces.push('cases');
  if (dashboardUnits(actor).length > 0) spaces.push('dashboard');
  if (editableTemplateOwners(actor).length > 0) spaces.push('templates');
  // The holiday schedules (issue 11 §4): national data that district admins import.
  if (editableTemplateOwners(actor).length > 0) spaces.push('calendar');
  return spaces;
}

/** Where a person lands after login: the first workspace of their work (admins: templates; auditors: audit). */
export function homePath(actor: Actor): string {
  if (isAuditorOnly(actor)) return '/audit';
  if (editableTemplateOwners(actor).length > 0 && caseOperatorUnits(actor).length === 0) return '/templates';
  if (departmentRoles(actor).length > 0) return '/department';
  return '/inbox';
}

/** Whether the person may start cases somewhere (the 立案 button). */
export function startsCases(actor: Actor): boolean {
  return caseOperatorUnits(actor).length > 0;
}
