import { parse as parseCsv } from 'csv-parse/sync';
import { say } from '../messages';
import { DirectorySection, directorySections } from '../schemas';
import type { RowError, RowLocation } from './row-error';

/** Text to import: a JSON document with any of the sections, or one CSV file holding one section. */
export type ImportSource =
  | { format: 'json'; text: string; source?: string }
  | { format: 'csv'; section: DirectorySection; text: string; source?: string };

/** One row as read from its file, before validation. */
export interface RawRow extends RowLocation {
  value: unknown;
}

/** CSV headers may be the field names or their Chinese labels. */
const headerAliases = new Map<string, string>(
  Object.entries({
    路径: 'path',
    名称: 'name',
    户数: 'households',
    物业企业: 'propertyFirm',
    编号: 'id',
    统一社会信用代码: 'creditCode',
    类别: 'kind',
    所属单位: 'orgUnit',
    小区: 'compound',
    用户名: 'username',
    姓名: 'displayName',
    密码: 'password',
    密码哈希: 'passwordHash',
    停用: 'disabled',
    角色: 'role',
    部门: 'department',
  }),
);

const booleanCells = new Map<string, boolean>([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['是', true],
  ['否', false],
]);

/** Reads every source into rows; problems with a file's structure come back as errors. */
export function readSources(sources: readonly ImportSource[]): { rows: RawRow[]; errors: RowError[] } {
  const rows: RawRow[] = [];
  const errors: RowError[] = [];
  for (const source of sources) {
    const read = source.format === 'json' ? readJson(source) : readCsv(source);
    rows.push(...read.rows);
    errors.push(...read.errors);
  }
  return { rows, errors };
}

function readJson(source: { text: string; source?: string }): { rows: RawRow[]; errors: RowError[] } {
  const name = source.source ?? 'directory.json';
  const fileError = (field: string, code: string, message: string) => ({
    rows: [],
    errors: [{ source: name, row: 0, field, code, message }],
  });
  let document: unknown;
  try {
    document = JSON.parse(source.text);
  } catch (error) {
    return fileError('', 'directory.json-syntax', say('不是有效的 JSON', 'not valid JSON') + `: ${String(error)}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return fileError(
      '',
      'directory.json-shape',
      say(
        `应为对象，键为 ${DirectorySection.options.join('、')}`,
        `expected an object with keys ${DirectorySection.options.join(', ')}`,
      ),
    );
  }
  const rows: RawRow[] = [];
  const errors: RowError[] = [];
  for (const [key, value] of Object.entries(document)) {
    const section = DirectorySection.safeParse(key);
    if (!section.success) {
      errors.push({
        source: name,
        row: 0,
        field: key,
        code: 'directory.unknown-section',
        message: say(
          `未知的部分“${key}”，可用：${DirectorySection.options.join('、')}`,
          `unknown section "${key}"; expected ${DirectorySection.options.join(', ')}`,
        ),
      });
    } else if (!Array.isArray(value)) {
      errors.push({
        source: name,
        section: section.data,
        row: 0,
        field: key,
        code: 'directory.json-shape',
        message: say(`“${key}”应为数组`, `"${key}" must be an array`),
      });
    } else {
      value.forEach((item: unknown, index) =>
        rows.push({ source: name, section: section.data, row: index + 1, value: item }),
      );
    }
  }
  return { rows, errors };
}

function readCsv(source: { section: DirectorySection; text: string; source?: string }): {
  rows: RawRow[];
  errors: RowError[];
} {
  const { section } = source;
  const name = source.source ?? `${directorySections[section].csvName}.csv`;
  let records: CsvRecord[];
  try {
    // With `info: true` each record comes with its line number; csv-parse's types do not model that option.
    records = parseCsv(source.text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 0;
    return {
      rows: [],
      errors: [
        {
          source: name,
          section,
          row: line,
          field: '',
          code: 'directory.csv-syntax',
          message: say('CSV 格式错误', 'malformed CSV') + `: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [] };
  const errors: RowError[] = [];
  const known = Object.keys(directorySections[section].schema.shape);
  const fields = header.record.map((cell) => headerAliases.get(cell) ?? cell);
  fields.forEach((field, index) => {
    const problem = !known.includes(field)
      ? say(
          `未知的列“${header.record[index]}”，可用：${known.join('、')}`,
          `unknown column "${header.record[index]}"; expected ${known.join(', ')}`,
        )
      : fields.indexOf(field) !== index
        ? say(`列“${header.record[index]}”重复`, `column "${header.record[index]}" appears twice`)
        : undefined;
    if (problem) {
      errors.push({
        source: name,
        section,
        row: header.info.lines,
        field: header.record[index] ?? '',
        code: 'directory.csv-header',
        message: problem,
      });
    }
  });
  if (errors.length > 0) return { rows: [], errors };
  const cells: Record<string, string> = directorySections[section].cells;
  const rows: RawRow[] = [];
  for (const { info, record } of body) {
    if (record.length > fields.length) {
      errors.push({
        source: name,
        section,
        row: info.lines,
        field: '',
        code: 'directory.csv-columns',
        message: say(
          `有 ${record.length} 列，多于表头的 ${fields.length} 列`,
          `${record.length} cells but the header has ${fields.length} columns`,
        ),
      });
      continue;
    }
    const value: Record<string, unknown> = {};
    record.forEach((cell, index) => {
      const field = fields[index];
      if (field === undefined || cell === '') return;
      value[field] = readCell(cell, cells[field]);
    });
    rows.push({ source: name, section, row: info.lines, value });
  }
  return { rows, errors };
}

/** A parsed CSV record and the line it ends on. */
interface CsvRecord {
  info: { lines: number };
  record: string[];
}

/** A cell as the schema expects it; a cell that does not read as its kind is passed on for the schema to report. */
function readCell(cell: string, kind: string | undefined): unknown {
  if (kind === 'integer' && /^-?\d{1,15}$/.test(cell)) return Number(cell);
  if (kind === 'boolean' && booleanCells.has(cell.toLowerCase())) return booleanCells.get(cell.toLowerCase());
  return cell;
}
