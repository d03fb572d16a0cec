import { orgLevelOf, type OrgLevel } from '../../../definitions/org';
import { roleScopes, type DirectoryRole } from '../roles';
import type { DirectoryDocument } from '../schemas';
import { demoDirectory } from './demo-directory';

/**
 * The password of every demo user — a fixed, published value so testers and scripts can log in. The demo data is
 * for trying Gongzhi out and is turned off for real deployments (`GONGZHI_DEMO=off`).
 */
export const demoPassword = 'gongzhi-demo';

/** One demo login, as `npx gongzhi demo-users` prints it. `department` is set for department members only. */
export interface DemoLogin {
  username: string;
  password: string;
  role: DirectoryRole;
  orgUnit: string;
  department?: string;
}

/** Which roles each org level gets a demo user for; auditors sit at the city and at each district. */
const demoRolesByLevel: Record<OrgLevel, DirectoryRole[]> = {
  city: ['auditor'],
  district: ['district-admin', 'auditor', 'district-supervision'],
  street: ['street-housing', 'street-office'],
  community: ['community-staff', 'community-secretary'],
  compound: ['property-manager', 'branch-secretary', 'owners-committee'],
};

/** The username suffix of each role: `jisheng-pm` is the property manager of 吉盛小区. */
const roleSuffix: Record<Exclude<DirectoryRole, 'department-member'>, string> = {
  'property-manager': 'pm',
  'branch-secretary': 'branch',
  'owners-committee': 'committee',
  'community-staff': 'staff',
  'community-secretary': 'secretary',
  'street-housing': 'housing',
  'street-office': 'office',
  'district-supervision': 'supervision',
  'district-admin': 'admin',
  auditor: 'auditor',
};

/**
 * Every demo login: one user for every role in each scope of the demo directory — the three compound roles in each
 * compound, the two community roles in each community, street housing in each street, a district admin and an
 * auditor in each district, an auditor for the city, and one member of each department (username = department id).
 * Usernames read `<unit id>-<role>` (`jisheng-pm`, `jisheng-sq-staff`, `jizhou-admin`, `jizhou-chengguan`).
 */
export function listDemoUsers(): DemoLogin[] {
  const logins: DemoLogin[] = [];
  for (const unit of demoDirectory.orgUnits) {
    const unitId = unit.path.slice(unit.path.lastIndexOf('/') + 1);
    for (const role of demoRolesByLevel[orgLevelOf(unit.path)]) {
      logins.push({
        username: `${unitId}-${roleSuffix[role as keyof typeof roleSuffix]}`,
        password: demoPassword,
        role,
        orgUnit: unit.path,
      });
    }
  }
  for (const department of demoDirectory.departments) {
    logins.push({
      username: department.id,
      password: demoPassword,
      role: 'department-member',
      orgUnit: department.orgUnit,
      department: department.id,
    });
  }
  return logins;
}

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
];
const givenNames = [
  '建华',
  '秋香',
  '志清',
  '丽萍',
  '国强',
  '海燕',
  '明',
  '红梅',
  '卫东',
  '静',
  '庆芳',
  '晓东',
  '桂英',
  '俊杰',
  '春燕',
];

/** 吉盛社区 + 社区工作人员 → 吉盛社区工作人员: the words the unit's name ends with and the role's begins with, once. */
function joinUnitAndRole(unitName: string, roleName: string): string {
  for (let overlap = Math.min(unitName.length, roleName.length); overlap > 0; overlap -= 1) {
    if (unitName.endsWith(roleName.slice(0, overlap))) return `${unitName}${roleName.slice(overlap)}`;
  }
  return `${unitName}${roleName}`;
}

/**
 * The demo directory with its users and memberships, ready for `importDirectory`. With `passwordHash` every user
 * gets that (one scrypt hash of {@link demoPassword}, computed once instead of 56 times — the password is public
 * anyway); without it each user's password is hashed on import.
 */
export function demoDirectoryDocument(passwordHash?: string): DirectoryDocument {
  const logins = listDemoUsers();
  const names = new Map(demoDirectory.orgUnits.map((unit) => [unit.path, unit.name]));
  const departments = new Map(demoDirectory.departments.map((department) => [department.id, department.name]));
  return {
    ...demoDirectory,
    users: logins.map((login, index) => ({
      username: login.username,
      displayName: `${surnames[index % surnames.length]}${givenNames[index % givenNames.length]}（${
        login.department
          ? departments.get(login.department)
          : joinUnitAndRole(names.get(login.orgUnit) ?? login.orgUnit, roleScopes[login.role].name.zh)
      }）`,
      ...(passwordHash === undefined ? { password: login.password } : { passwordHash }),
    })),
    memberships: logins.map((login) =>
      login.department
        ? { username: login.username, role: login.role, department: login.department }
        : { username: login.username, role: login.role, orgUnit: login.orgUnit },
    ),
  };
}
