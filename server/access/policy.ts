import type { Actor } from '../../definitions/org';

/**
 * Who may see and do what, as pure functions of the caller's resolved memberships ({@link Actor}) and the org unit a
 * resource belongs to. Routes ask these; SQL filters take the same units from {@link caseVisibility}. The rules:
 *
 * - district admin: templates owned by their district (read and write); built-in templates (read, derive);
 * - community staff (and the community's secretary): start, advance and cancel cases in their community and its
 *   compounds;
 * - department member: only cases holding a work item (of any kind: a task, a whistle's summons, …) addressed to
 *   their department (`dept-<kind>` at its unit);
 * - auditor: reads everything under their unit, writes nothing;
 * - incidents (an activity that failed for good): district admins of the district a case runs in retry or resolve
 *   them;
 * - anybody else with a role reads the cases under the unit they hold it in (a property manager their compound).
 *
 * Out-of-scope reads answer 404 (existence is not leaked); in-scope writes the role does not allow answer 403.
 */

/** `unit` is `ancestor` itself or lies below it in the org tree. */
export function isWithin(unit: string, ancestor: string): boolean {
  return unit === ancestor || unit.startsWith(`${ancestor}/`);
}

/** A role a department member acts in: their department's role (`dept-<kind>`) at the department's unit. */
export interface TaskRole {
  role: string;
  unit: string;
}

/** Which cases a caller may read: those under `units`, plus those with a work item addressed to one of `taskRoles`. */
export interface CaseVisibility {
  units: string[];
  taskRoles: TaskRole[];
}

const departmentRolePrefix = 'dept-';

/** Roles whose holders read every case under the unit they hold them in. */
function readsCasesByJurisdiction(role: string): boolean {
  return role !== 'department-member' && !role.startsWith(departmentRolePrefix);
}

/** The units a caller holds `role` in (one of `roles` if an array). */
export function unitsWithRole(actor: Actor, roles: string | readonly string[]): string[] {
  const wanted = typeof roles === 'string' ? [roles] : roles;
  return [...new Set(actor.memberships.filter((m) => wanted.includes(m.role)).map((m) => m.orgUnit))];
}

/** The caller's case visibility, for routes and for the read model's SQL filters. */
export function caseVisibility(actor: Actor): CaseVisibility {
  const units = new Set<string>();
  const taskRoles: TaskRole[] = [];
  for (const membership of actor.memberships) {
    if (membership.role.startsWith(departmentRolePrefix)) {
      taskRoles.push({ role: membership.role, unit: membership.orgUnit });
    } else if (readsCasesByJurisdiction(membership.role)) {
      units.add(membership.orgUnit);
    }
  }
  // A unit inside another listed unit adds nothing.
  const minimal = [...units].filter((unit) => ![...units].some((other) => other !== unit && isWithin(unit, other)));
  return { units: minimal.sort(), taskRoles };
}

/** Whether a case at `caseUnit` is visible by jurisdiction (department members need a work-item check besides). */
export function seesCaseUnit(visibility: CaseVisibility, caseUnit: string): boolean {
  return visibility.units.some((unit) => isWithin(caseUnit, unit));
}

/** Whether one of the caller's task roles is `role` at `unit` (a department's work item). */
export function holdsTaskRole(visibility: CaseVisibility, role: string, unit: string): boolean {
  return visibility.taskRoles.some((taskRole) => taskRole.role === role && taskRole.unit === unit);
}

/** Roles that start, advance and cancel cases: community staff in their community, a street's whistle office in its street. */
export const caseOperatorRoles = ['community-staff', 'community-secretary', 'street-office'] as const;

/** Whether the caller may start (or cancel) a case at `caseUnit`: an operator of that unit or of one above it. */
export function operatesCasesAt(actor: Actor, caseUnit: string): boolean {
  return unitsWithRole(actor, caseOperatorRoles).some((unit) => isWithin(caseUnit, unit));
}

/**
 * Whether the caller may retry or resolve the incidents of a case at `caseUnit`: district admins of the district the
 * case runs in.
 */
export function decidesIncidentsAt(actor: Actor, caseUnit: string): boolean {
  return unitsWithRole(actor, 'district-admin').some((district) => isWithin(caseUnit, district));
}

/** The owner of built-in templates: not an org unit, so nobody can edit them. */
export const BUILT_IN_OWNER = null;

/** Whether the caller may read templates owned by `ownerUnit` (null: built-in, readable by everyone signed in). */
export function readsTemplatesOf(actor: Actor, ownerUnit: string | null): boolean {
  if (ownerUnit === null) return true;
  return actor.memberships.some(
    (membership) =>
      // Admins and auditors of the owning district (or above it) read its drafts and versions; everyone working
      // below the owner reads what it publishes (staff pick the process they start from it).
      isWithin(ownerUnit, membership.orgUnit) || isWithin(membership.orgUnit, ownerUnit),
  );
}

/** Whether the caller may change templates owned by `ownerUnit`: district admins of exactly that district. */
export function editsTemplatesOf(actor: Actor, ownerUnit: string | null): boolean {
  return ownerUnit !== null && unitsWithRole(actor, 'district-admin').includes(ownerUnit);
}

/** The districts whose templates the caller edits (where derived drafts may go). */
export function editableTemplateOwners(actor: Actor): string[] {
  return unitsWithRole(actor, 'district-admin');
}

/** Whether the caller holds only read-only roles (an auditor writes nothing anywhere). */
export function isAuditorOnly(actor: Actor): boolean {
  return actor.memberships.length > 0 && actor.memberships.every((membership) => membership.role === 'auditor');
}

/** Whether the caller may read the drafts and history of templates owned by `ownerUnit`: its admins and auditors. */
export function readsTemplateDraftsOf(actor: Actor, ownerUnit: string | null): boolean {
  if (ownerUnit === null) return true;
  return actor.memberships.some(
    (membership) =>
      (membership.role === 'district-admin' && membership.orgUnit === ownerUnit) ||
      (membership.role === 'auditor' && isWithin(ownerUnit, membership.orgUnit)),
  );
}

/**
 * Roles that run a compound's owners' vote (issue 12): the compound's owners' committee (业委会, who organises the
 * 业主大会), and the community staff and secretary of the community holding it (who organise it where there is no
 * committee, as for starting any case there). Not the property manager: the firm may be the very matter on the
 * ballot. Not the street's whistle office: votes are not its business.
 */
export const voteManagerRoles = ['owners-committee', 'community-staff', 'community-secretary'] as const;

/**
 * Whether the caller runs votes of `compound`: import and edit its roll, issue ballot tokens, enter paper and proxy
 * ballots, read the staff log, conflicts and overview.
 */
export function managesVotesAt(actor: Actor, compound: string): boolean {
  return unitsWithRole(actor, voteManagerRoles).some((unit) => isWithin(compound, unit));
}

/** Whether the caller reads a compound's vote (overview, log, conflicts) without running it: its managers and auditors above it. */
export function readsVotesAt(actor: Actor, compound: string): boolean {
  return managesVotesAt(actor, compound) || unitsWithRole(actor, 'auditor').some((unit) => isWithin(compound, unit));
}
