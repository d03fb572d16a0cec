import type { Queryable } from '../../server/db/database';
import type { DirectoryDocument } from '../../server/directory/schemas';

/** A small, valid directory: one branch of the tree down to a compound, with a firm, bodies, departments, users. */
export function smallDirectory(): Required<DirectoryDocument> {
  return {
    propertyFirms: [{ id: 'jinhua', name: '吉安市锦华物业有限公司', creditCode: '91360800MA35ABCD1X' }],
    orgUnits: [
      { path: 'jian', name: '吉安市' },
      { path: 'jian/jizhou', name: '吉州区' },
      { path: 'jian/jizhou/gunan', name: '古南街道' },
      { path: 'jian/jizhou/gunan/taoshuxia', name: '桃树下社区' },
      { path: 'jian/jizhou/gunan/taoshuxia/chengjian', name: '城建花苑', households: 864, propertyFirm: 'jinhua' },
    ],
    departments: [
      { id: 'jizhou-chengguan', name: '吉州区城市管理局', kind: 'chengguan', orgUnit: 'jian/jizhou' },
      { id: 'gunan-paichusuo', name: '古南派出所', kind: 'paichusuo', orgUnit: 'jian/jizhou/gunan' },
    ],
    ownersCommittees: [
      { id: 'chengjian-ywh', name: '城建花苑业委会', compound: 'jian/jizhou/gunan/taoshuxia/chengjian' },
    ],
    partyBranches: [{ id: 'chengjian-dzb', name: '城建花苑党支部', compound: 'jian/jizhou/gunan/taoshuxia/chengjian' }],
    users: [
      { username: 'zhao', displayName: '赵秋香', password: 'correct horse' },
      { username: 'he', displayName: '何庆芳', password: 'battery staple' },
      { username: 'fu', displayName: '傅先志', password: 'district admin 1' },
      { username: 'lin', displayName: '林城管', password: 'whistle-and-go' },
    ],
    memberships: [
      { username: 'zhao', role: 'branch-secretary', orgUnit: 'jian/jizhou/gunan/taoshuxia/chengjian' },
      { username: 'he', role: 'community-secretary', orgUnit: 'jian/jizhou/gunan/taoshuxia' },
      { username: 'he', role: 'community-staff', orgUnit: 'jian/jizhou/gunan/taoshuxia' },
      { username: 'fu', role: 'district-admin', orgUnit: 'jian/jizhou' },
      { username: 'fu', role: 'auditor', orgUnit: 'jian/jizhou' },
      { username: 'lin', role: 'department-member', department: 'jizhou-chengguan' },
    ],
  };
}

const tables = [
  'property_firms',
  'org_units',
  'departments',
  'owners_committees',
  'party_branches',
  'users',
  'memberships',
] as const;

/** Row counts of every directory table: compared before and after a refused import. */
export async function countDirectoryRows(db: Queryable): Promise<Record<(typeof tables)[number], number>> {
  const counts = {} as Record<(typeof tables)[number], number>;
  for (const table of tables) {
    const result = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = result.rows[0]?.n ?? -1;
  }
  return counts;
}
