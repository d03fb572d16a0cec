import { z } from 'zod';
import type { LocalizedText } from '../../definitions/common';
import { OrgLevel } from '../../definitions/org';

/**
 * The roles a user can hold in the directory. The first six are the role keys the built-in templates address tasks
 * to (`definitions/templates/*.json`); the last three are the platform's own. A closed list, so an import with a
 * misspelt role is refused instead of creating a role no template or route knows; a new role is one line here.
 */
export const DirectoryRole = z.enum([
  'property-manager',
  'branch-secretary',
  'owners-committee',
  'community-staff',
  'community-secretary',
  'street-housing',
  'street-office',
  'district-supervision',
  'district-admin',
  'auditor',
  'department-member',
]);
export type DirectoryRole = z.infer<typeof DirectoryRole>;

/** What a role is called and at which org levels it may be held. */
export interface RoleScope {
  name: LocalizedText;
  levels: readonly OrgLevel[];
  /** Held in a department (attached to a district or street) rather than in the org unit itself. */
  inDepartment?: true;
}

/** Where each role may be held. */
export const roleScopes = {
  'property-manager': { name: { zh: '物业项目经理', en: 'Property manager' }, levels: ['compound'] },
  'branch-secretary': { name: { zh: '小区党支部书记', en: 'Compound party-branch secretary' }, levels: ['compound'] },
  'owners-committee': { name: { zh: '业委会主任', en: "Owners' committee chair" }, levels: ['compound'] },
  'community-staff': { name: { zh: '社区工作人员', en: 'Community staff' }, levels: ['community'] },
  'community-secretary': { name: { zh: '社区党委书记', en: 'Community party secretary' }, levels: ['community'] },
  'street-housing': { name: { zh: '街道住建科', en: 'Street housing office' }, levels: ['street'] },
  'street-office': { name: { zh: '街道吹哨办', en: 'Street whistle office' }, levels: ['street'] },
  'district-supervision': { name: { zh: '区级督办', en: 'District supervision' }, levels: ['district'] },
  'district-admin': { name: { zh: '区流程管理员', en: 'District administrator' }, levels: ['district'] },
  auditor: { name: { zh: '审计员', en: 'Auditor' }, levels: OrgLevel.options },
  'department-member': {
    name: { zh: '职能部门人员', en: 'Department member' },
    levels: ['district', 'street'],
    inDepartment: true,
  },
} as const satisfies Record<DirectoryRole, RoleScope>;

/** Whether `role` may be held at an org unit of `level`. */
export function roleFitsLevel(role: DirectoryRole, level: OrgLevel): boolean {
  return (roleScopes[role].levels as readonly OrgLevel[]).includes(level);
}
