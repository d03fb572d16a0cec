import { orgLevelOf, type OrgLevel } from '../../../definitions/org';
import { departmentKindNames, type DepartmentKind } from '../../../definitions/departments';
import { levelNames, say } from '../messages';
import { roleFitsLevel, roleScopes } from '../roles';
import type { ExistingRecords } from './existing-records';
import type { RowError, RowLocation } from './row-error';
import type { DeclaredKeys, Located, LocatedRows } from './validate-rows';

/**
 * The checks a single row cannot make alone: duplicates within the import, references to records that exist neither
 * in the import nor in the database, roles held at the wrong level, and changes to fields that identify a record.
 */
export function checkReferences(rows: LocatedRows, existing: ExistingRecords, declared: DeclaredKeys): RowError[] {
  const errors: RowError[] = [];
  const report = (location: RowLocation, field: string, code: string, message: string) =>
    errors.push({ source: location.source, section: location.section, row: location.row, field, code, message });
  const context: CheckContext = { rows, existing, declared, report, levelOf: levelLookup(rows, existing) };
  checkOrgUnits(context);
  checkDepartments(context);
  checkCompoundBodies(context);
  checkUsers(context);
  checkMemberships(context);
  return errors;
}

interface CheckContext {
  rows: LocatedRows;
  existing: ExistingRecords;
  declared: DeclaredKeys;
  report: (location: RowLocation, field: string, code: string, message: string) => void;
  /** The level of an org unit in the import or the database; undefined when it is in neither. */
  levelOf: (path: string) => OrgLevel | undefined;
}

function levelLookup(rows: LocatedRows, existing: ExistingRecords): (path: string) => OrgLevel | undefined {
  const imported = new Set(rows.orgUnits.map((unit) => unit.value.path));
  return (path) => (imported.has(path) ? orgLevelOf(path) : existing.orgUnits.get(path));
}

const level = (value: OrgLevel) => levelNames[value];

/** Reports each row whose key an earlier row of the same section already used. */
function reportDuplicates<T>(
  context: CheckContext,
  rows: readonly Located<T>[],
  key: (value: T) => string,
  field: string,
): void {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const value = key(row.value);
    const first = seen.get(value);
    if (first === undefined) seen.set(value, row.row);
    else {
      context.report(
        row,
        field,
        'directory.duplicate',
        say(`“${value}”与第 ${first} 行重复`, `"${value}" repeats row ${first}`),
      );
    }
  }
}

/** Reports a reference to an org unit that exists nowhere, or sits at a level the field does not allow. */
function checkUnitReference(
  context: CheckContext,
  row: RowLocation,
  field: string,
  path: string,
  allowed: readonly OrgLevel[],
): void {
  const found = context.levelOf(path);
  if (found === undefined) {
    if (!context.declared.orgUnits.has(path)) {
      context.report(
        row,
        field,
        'directory.unknown-org-unit',
        say(`组织单位“${path}”不存在`, `org unit "${path}" does not exist`),
      );
    }
  } else if (!allowed.includes(found)) {
    context.report(
      row,
      field,
      'directory.wrong-level',
      say(
        `“${path}”是${level(found).zh}，此处应为${allowed.map((item) => level(item).zh).join('或')}`,
        `"${path}" is a ${level(found).en}; expected a ${allowed.map((item) => level(item).en).join(' or ')}`,
      ),
    );
  }
}

function checkOrgUnits(context: CheckContext): void {
  const { rows, existing, declared } = context;
  reportDuplicates(context, rows.orgUnits, (unit) => unit.path, 'path');
  const firms = new Set(rows.propertyFirms.map((firm) => firm.value.id));
  for (const row of rows.orgUnits) {
    const unit = row.value;
    const parent = unit.path.includes('/') ? unit.path.slice(0, unit.path.lastIndexOf('/')) : undefined;
    if (parent !== undefined && context.levelOf(parent) === undefined && !declared.orgUnits.has(parent)) {
      context.report(
        row,
        'path',
        'directory.unknown-parent',
        say(
          `上级单位“${parent}”不存在：请先导入它，或在同一次导入中一并提供`,
          `parent unit "${parent}" does not exist: import it first or in the same import`,
        ),
      );
    }
    const unitLevel = orgLevelOf(unit.path);
    for (const field of ['households', 'propertyFirm'] as const) {
      if (unit[field] !== undefined && unitLevel !== 'compound') {
        context.report(
          row,
          field,
          'directory.wrong-level',
          say(
            `只有小区可填写此项，“${unit.path}”是${level(unitLevel).zh}`,
            `only compounds have this field; "${unit.path}" is a ${level(unitLevel).en}`,
          ),
        );
      }
    }
    const firm = unit.propertyFirm;
    if (
      firm !== undefined &&
      !firms.has(firm) &&
      !existing.propertyFirms.has(firm) &&
      !declared.propertyFirms.has(firm)
    ) {
      context.report(
        row,
        'propertyFirm',
        'directory.unknown-reference',
        say(`物业企业“${firm}”不存在`, `property firm "${firm}" does not exist`),
      );
    }
  }
  reportDuplicates(context, rows.propertyFirms, (firm) => firm.id, 'id');
}

function checkDepartments(context: CheckContext): void {
  const { rows, existing } = context;
  reportDuplicates(context, rows.departments, (department) => department.id, 'id');
  const kindHolders = new Map<string, string>();
  for (const [id, stored] of existing.departments) kindHolders.set(`${stored.orgUnit}\n${stored.kind}`, id);
  for (const row of rows.departments) {
    const department = row.value;
    checkUnitReference(context, row, 'orgUnit', department.orgUnit, roleScopes['department-member'].levels);
    const stored = existing.departments.get(department.id);
    if (stored && (stored.orgUnit !== department.orgUnit || stored.kind !== department.kind)) {
      context.report(
        row,
        stored.orgUnit !== department.orgUnit ? 'orgUnit' : 'kind',
        'directory.immutable-field',
        say(
          `部门“${department.id}”已存在于 ${stored.orgUnit}（${stored.kind}），所属单位和类别不可更改`,
          `department "${department.id}" already exists at ${stored.orgUnit} (${stored.kind}); its unit and kind cannot change`,
        ),
      );
    }
    const slot = `${department.orgUnit}\n${department.kind}`;
    const holder = kindHolders.get(slot);
    if (holder !== undefined && holder !== department.id) {
      const kindName = departmentKindNames[department.kind as DepartmentKind];
      context.report(
        row,
        'kind',
        'directory.duplicate',
        say(
          `${department.orgUnit} 已有${kindName.zh}部门“${holder}”`,
          `${department.orgUnit} already has a ${kindName.en} department "${holder}"`,
        ),
      );
    } else kindHolders.set(slot, department.id);
  }
}

/** Owners' committees (at most one per compound) and party branches, both attached to a compound. */
function checkCompoundBodies(context: CheckContext): void {
  const { rows, existing } = context;
  for (const [section, stored] of [
    ['ownersCommittees', existing.ownersCommittees],
    ['partyBranches', existing.partyBranches],
  ] as const) {
    reportDuplicates(context, rows[section], (body) => body.id, 'id');
    for (const row of rows[section]) {
      checkUnitReference(context, row, 'compound', row.value.compound, ['compound']);
      const before = stored.get(row.value.id);
      if (before && before.compound !== row.value.compound) {
        context.report(
          row,
          'compound',
          'directory.immutable-field',
          say(
            `“${row.value.id}”已属于小区 ${before.compound}，不可改属其他小区`,
            `"${row.value.id}" already belongs to compound ${before.compound} and cannot move`,
          ),
        );
      }
    }
  }
  const committeeOf = new Map<string, string>();
  for (const [id, committee] of existing.ownersCommittees) committeeOf.set(committee.compound, id);
  for (const row of rows.ownersCommittees) {
    const holder = committeeOf.get(row.value.compound);
    if (holder !== undefined && holder !== row.value.id) {
      context.report(
        row,
        'compound',
        'directory.duplicate',
        say(
          `小区 ${row.value.compound} 已有业委会“${holder}”`,
          `compound ${row.value.compound} already has owners' committee "${holder}"`,
        ),
      );
    } else committeeOf.set(row.value.compound, row.value.id);
  }
}

function checkUsers(context: CheckContext): void {
  reportDuplicates(context, context.rows.users, (user) => user.username, 'username');
}

function checkMemberships(context: CheckContext): void {
  const { rows, existing, declared } = context;
  const users = new Set(rows.users.map((user) => user.value.username));
  const departments = new Map(rows.departments.map((row) => [row.value.id, row.value.orgUnit]));
  for (const [id, stored] of existing.departments) if (!departments.has(id)) departments.set(id, stored.orgUnit);
  const seen = new Map<string, number>();
  for (const row of rows.memberships) {
    const membership = row.value;
    if (
      !users.has(membership.username) &&
      !existing.users.has(membership.username) &&
      !declared.users.has(membership.username)
    ) {
      context.report(
        row,
        'username',
        'directory.unknown-reference',
        say(`用户“${membership.username}”不存在`, `user "${membership.username}" does not exist`),
      );
    }
    const scope = roleScopes[membership.role];
    let unit = membership.orgUnit;
    if ('inDepartment' in scope) {
      if (membership.department === undefined) {
        context.report(
          row,
          'department',
          'directory.missing-department',
          say('职能部门人员须填写部门', 'a department member needs a department'),
        );
        continue;
      }
      const departmentUnit = departments.get(membership.department);
      if (departmentUnit === undefined) {
        if (!declared.departments.has(membership.department)) {
          context.report(
            row,
            'department',
            'directory.unknown-reference',
            say(`部门“${membership.department}”不存在`, `department "${membership.department}" does not exist`),
          );
        }
        continue;
      }
      if (unit !== undefined && unit !== departmentUnit) {
        context.report(
          row,
          'orgUnit',
          'directory.department-unit-mismatch',
          say(
            `部门“${membership.department}”属于 ${departmentUnit}，而不是 ${unit}`,
            `department "${membership.department}" belongs to ${departmentUnit}, not ${unit}`,
          ),
        );
        continue;
      }
      unit = departmentUnit;
    } else if (membership.department !== undefined) {
      context.report(
        row,
        'department',
        'directory.unexpected-department',
        say(
          `只有职能部门人员填写部门，“${scope.name.zh}”不填`,
          `only department members name a department, not "${scope.name.en}"`,
        ),
      );
      continue;
    } else if (unit === undefined) {
      context.report(row, 'orgUnit', 'directory.invalid-field', say('必填', 'required'));
      continue;
    } else {
      const unitLevel = context.levelOf(unit);
      if (unitLevel !== undefined && !roleFitsLevel(membership.role, unitLevel)) {
        context.report(
          row,
          'role',
          'directory.wrong-level',
          say(
            `“${scope.name.zh}”只能任职于${scope.levels.map((item) => level(item).zh).join('、')}，而“${unit}”是${level(unitLevel).zh}`,
            `"${scope.name.en}" is held at a ${scope.levels.map((item) => level(item).en).join(' or ')}, but "${unit}" is a ${level(unitLevel).en}`,
          ),
        );
      } else if (unitLevel === undefined) {
        checkUnitReference(context, row, 'orgUnit', unit, scope.levels);
      }
    }
    const key = [membership.username, membership.role, unit, membership.department ?? ''].join('\n');
    const first = seen.get(key);
    if (first !== undefined) {
      context.report(
        row,
        'role',
        'directory.duplicate',
        say(`与第 ${first} 行的任职重复`, `repeats the membership of row ${first}`),
      );
    } else seen.set(key, row.row);
  }
}
