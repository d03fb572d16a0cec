import { z } from 'zod';

/**
 * The org tree of DOMAIN §1 as Gongzhi addresses it: an org unit is a slash-separated path of ids, one segment per
 * level, city → district → street → community → compound (e.g. `jian/jizhou/xigu/jisheng-sq/jisheng`).
 */
export const OrgLevel = z.enum(['city', 'district', 'street', 'community', 'compound']);
export type OrgLevel = z.infer<typeof OrgLevel>;

export const orgLevelDepth: Record<OrgLevel, number> = { city: 1, district: 2, street: 3, community: 4, compound: 5 };

export const OrgUnitPath = z
  .string()
  .regex(
    /^[^\s/]{1,64}(\/[^\s/]{1,64}){0,4}$/,
    '组织单位路径形如 市/区/街道/社区/小区 / an org unit path looks like city/district/street/community/compound',
  );
export type OrgUnitPath = z.infer<typeof OrgUnitPath>;

/** The level an org unit path sits at (its depth). */
export function orgLevelOf(path: OrgUnitPath): OrgLevel {
  const depth = path.split('/').length;
  const level = OrgLevel.options.find((candidate) => orgLevelDepth[candidate] === depth);
  if (!level) throw new Error(`org unit path too deep: ${path}`);
  return level;
}

/** The ancestor-or-self of `path` at `level`, or undefined when `path` sits above that level. */
export function orgUnitAtLevel(path: OrgUnitPath, level: OrgLevel): OrgUnitPath | undefined {
  const segments = path.split('/');
  const depth = orgLevelDepth[level];
  return segments.length >= depth ? segments.slice(0, depth).join('/') : undefined;
}

/** Every ancestor-or-self path, shortest first: `a`, `a/b`, `a/b/c`. Used for subtree queries. */
export function orgUnitAncestry(path: OrgUnitPath): OrgUnitPath[] {
  const segments = path.split('/');
  return segments.map((_, index) => segments.slice(0, index + 1).join('/'));
}

/** A role a person holds in one org unit. */
export const Membership = z.object({ role: z.string().min(1).max(64), orgUnit: OrgUnitPath });
export type Membership = z.infer<typeof Membership>;

/** Who acts on a case. The server resolves memberships from the directory; the workflow checks them. */
export const Actor = z.object({
  id: z.string().trim().min(1).max(128),
  memberships: z.array(Membership).max(200),
});
export type Actor = z.infer<typeof Actor>;
