import { z } from 'zod';
import { Identifier } from '../../definitions/common';
import { OrgUnitPath } from '../../definitions/org';
import { isPasswordHash } from '../auth/passwords';
import { DepartmentKind } from '../../definitions/departments';
import { say } from './messages';
import { DirectoryRole } from './roles';

/**
 * The directory's records as they are imported (JSON or CSV) — one schema per section, each the single source of the
 * record's shape and of the types derived from it.
 */

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, say('不能为空', 'must not be empty'))
    .max(max, say(`最多 ${max} 个字符`, `at most ${max} characters`));

/** Ids of property firms, departments, owners' committees and party branches. */
export const EntityId = Identifier;

/** Login names: lowercase, so `Wang` and `wang` cannot be two people. */
export const Username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    say(
      '用户名只能用小写字母、数字和 . _ -，以字母或数字开头，最长 64 个字符',
      'a username is lowercase letters, digits and . _ -, starting with a letter or digit, at most 64 characters',
    ),
  );

/** A password a person sets: long enough to resist guessing, bounded so hashing stays cheap. */
export const Password = z
  .string()
  .min(8, say('密码至少 8 个字符', 'a password has at least 8 characters'))
  .max(256, say('密码最多 256 个字符', 'a password has at most 256 characters'));

/** 统一社会信用代码: 18 characters (GB 32100-2015 alphabet, no I, O, S, V, Z). */
const CreditCode = z
  .string()
  .trim()
  .regex(
    /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
    say('统一社会信用代码应为 18 位', 'a unified social credit code has 18 characters'),
  );

/** A unit of the org tree; `households` and `propertyFirm` apply to compounds only. */
export const OrgUnitRow = z.strictObject({
  path: OrgUnitPath,
  name: text(100),
  households: z.int().min(0).max(1_000_000).optional(),
  propertyFirm: EntityId.optional(),
});
export type OrgUnitRow = z.infer<typeof OrgUnitRow>;

/** A property service firm (物业服务企业). */
export const PropertyFirmRow = z.strictObject({
  id: EntityId,
  name: text(200),
  creditCode: CreditCode.optional(),
});
export type PropertyFirmRow = z.infer<typeof PropertyFirmRow>;

/** A functional department attached to a district or street. */
export const DepartmentRow = z.strictObject({
  id: EntityId,
  name: text(100),
  kind: DepartmentKind,
  orgUnit: OrgUnitPath,
});
export type DepartmentRow = z.infer<typeof DepartmentRow>;

/** An owners' committee (业委会) of a compound; at most one per compound. */
export const OwnersCommitteeRow = z.strictObject({ id: EntityId, name: text(100), compound: OrgUnitPath });
export type OwnersCommitteeRow = z.infer<typeof OwnersCommitteeRow>;

/** A party branch (党支部) of a compound. */
export const PartyBranchRow = z.strictObject({ id: EntityId, name: text(100), compound: OrgUnitPath });
export type PartyBranchRow = z.infer<typeof PartyBranchRow>;

/**
 * A user. `password` is hashed on import; `passwordHash` takes an existing scrypt hash (moving users between
 * installations); with neither the user cannot log in with a password (on re-import: keeps the current one).
 */
export const UserRow = z
  .strictObject({
    username: Username,
    displayName: text(64),
    password: Password.optional(),
    passwordHash: z
      .string()
      .refine(isPasswordHash, say('不是有效的 scrypt 密码哈希', 'not a valid scrypt password hash'))
      .optional(),
    disabled: z.boolean().default(false),
  })
  .refine((user) => user.password === undefined || user.passwordHash === undefined, {
    path: ['passwordHash'],
    error: say('password 与 passwordHash 只能填一个', 'give either password or passwordHash, not both'),
  });
export type UserRow = z.infer<typeof UserRow>;

/**
 * A role a user holds in an org unit. Department members name their `department`; their org unit is the
 * department's (given or not).
 */
export const MembershipRow = z.strictObject({
  username: Username,
  role: DirectoryRole,
  orgUnit: OrgUnitPath.optional(),
  department: EntityId.optional(),
});
export type MembershipRow = z.infer<typeof MembershipRow>;

/** How a CSV cell of a field is read before validation (cells are text; empty means absent). */
type CellKind = 'text' | 'integer' | 'boolean';

interface SectionSpec {
  schema: z.ZodType;
  /** CSV file name without `.csv` (`org-units.csv`). */
  csvName: string;
  /** Fields whose CSV cells are not plain text. */
  cells: Record<string, CellKind>;
}

/**
 * The sections of a directory import, in the order they are written (referenced records first). A JSON import is
 * one object with these keys; a CSV import is one file per section.
 */
export const DirectorySection = z.enum([
  'propertyFirms',
  'orgUnits',
  'departments',
  'ownersCommittees',
  'partyBranches',
  'users',
  'memberships',
]);
export type DirectorySection = z.infer<typeof DirectorySection>;

/** Each section's row schema, CSV file name and cell kinds. */
export const directorySections = {
  propertyFirms: {
    schema: PropertyFirmRow,
    csvName: 'property-firms',
    cells: {},
  },
  orgUnits: {
    schema: OrgUnitRow,
    csvName: 'org-units',
    cells: { households: 'integer' },
  },
  departments: {
    schema: DepartmentRow,
    csvName: 'departments',
    cells: {},
  },
  ownersCommittees: {
    schema: OwnersCommitteeRow,
    csvName: 'owners-committees',
    cells: {},
  },
  partyBranches: {
    schema: PartyBranchRow,
    csvName: 'party-branches',
    cells: {},
  },
  users: { schema: UserRow, csvName: 'users', cells: { disabled: 'boolean' } },
  memberships: {
    schema: MembershipRow,
    csvName: 'memberships',
    cells: {},
  },
} as const satisfies Record<DirectorySection, SectionSpec>;

/** A whole directory as one JSON document: each section an array of its rows, every section optional. */
export type DirectoryDocument = { [S in DirectorySection]?: z.input<(typeof directorySections)[S]['schema']>[] };

/** The validated rows of every section. */
export type DirectoryRows = { [S in DirectorySection]: z.output<(typeof directorySections)[S]['schema']>[] };
