import { z } from 'zod';
import type { LocalizedText } from './common';

/** The kinds of functional department a street "whistles" for (DOMAIN §4); at most one of each per district/street. */
export const DepartmentKind = z.enum([
  'chengguan',
  'zhujian',
  'shichang-jianguan',
  'paichusuo',
  'shengtai-huanjing',
  'shuiwu',
  'sifa',
  'minzheng',
  'yingji',
]);
export type DepartmentKind = z.infer<typeof DepartmentKind>;

/** What each kind is called. */
export const departmentKindNames = {
  chengguan: { zh: '城管执法', en: 'Urban management enforcement' },
  zhujian: { zh: '住建', en: 'Housing and construction' },
  'shichang-jianguan': { zh: '市场监管', en: 'Market regulation' },
  paichusuo: { zh: '派出所', en: 'Police station' },
  'shengtai-huanjing': { zh: '生态环境', en: 'Ecology and environment' },
  shuiwu: { zh: '水务', en: 'Water affairs' },
  sifa: { zh: '司法所', en: 'Justice office' },
  minzheng: { zh: '民政', en: 'Civil affairs' },
  yingji: { zh: '应急管理', en: 'Emergency management' },
} as const satisfies Record<DepartmentKind, LocalizedText>;

/**
 * The template role key of a department kind, e.g. `dept-chengguan`. A template addresses "the 城管 department of
 * this case's district" as role `dept-chengguan` at level `district`; the members of that district's 城管 department
 * hold exactly that role there (see `resolveActor`).
 */
export function departmentRoleKey(kind: DepartmentKind): string {
  return `dept-${kind}`;
}

/** What a department role is called: `dept-chengguan` → 城管执法; undefined for a role that is not a department's. */
export function departmentRoleName(role: string): LocalizedText | undefined {
  const kind = DepartmentKind.safeParse(role.replace(/^dept-/, ''));
  return role.startsWith('dept-') && kind.success ? departmentKindNames[kind.data] : undefined;
}
