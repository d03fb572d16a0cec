import { z } from 'zod';
import { parseAreaM2 } from '../../definitions/vote';
import { say } from '../directory/messages';
import { SafeText } from '../http/bounds';
import type { RowError } from '../directory/import/row-error';
import { readCsvTable } from './csv-table';

/** The columns of an electorate file: one row per part and owner (co-owners: a row each, the part's fields alike). */
export const electorateColumns = [
  'unit',
  'building',
  'stairwell',
  'room',
  'area_m2',
  'developer_held',
  'owner_id',
  'owner_name',
  'owner_phone',
  'owner_id_number',
] as const;

const text = (max: number) => SafeText({ max, trim: true });

/**
 * One row of an electorate file. Areas are decimal text (JSON numbers are refused: a binary float never stands for
 * an area). Empty optional cells are absent.
 */
export const ElectorateRow = z.object({
  unit: text(64).min(1, say('缺少专有部分编号', 'the unit is missing')),
  building: text(64).optional(),
  stairwell: text(64).optional(),
  room: text(64).optional(),
  area_m2: z.string().refine((value) => (parseAreaM2(value) ?? 0n) > 0n, {
    message: say(
      '面积应为正数（m²），至多两位小数，写作文本',
      'the area must be a positive number of m² with at most two decimals, written as text',
    ),
  }),
  developer_held: z.boolean().default(false),
  owner_id: text(64).optional(),
  owner_name: text(100).optional(),
  owner_phone: z
    .string()
    .regex(/^\+?[0-9][0-9 -]{4,19}$/, say('电话号码格式不对', 'not a phone number'))
    .optional(),
  owner_id_number: z
    .string()
    .regex(
      /^[0-9]{17}[0-9X]$/,
      say('身份证号应为 17 位数字加一位校验码', 'an ID number is 17 digits and a check character'),
    )
    .optional(),
});
export type ElectorateRow = z.infer<typeof ElectorateRow>;

/** A row and where it came from (CSV line, or position in the JSON array). */
export interface LocatedRow {
  row: number;
  value: ElectorateRow;
}

const booleans = new Map([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['是', true],
  ['否', false],
]);

/** Reads a CSV (`electorateColumns`) or a JSON array of row objects with the same keys into validated rows. */
export function readElectorateRows(source: { format: 'csv' | 'json'; text: string; source: string }): {
  rows: LocatedRow[];
  errors: RowError[];
} {
  const raw: { row: number; value: unknown }[] = [];
  const errors: RowError[] = [];
  if (source.format === 'csv') {
    const table = readCsvTable(source.text, source.source, electorateColumns, 'electorate.csv');
    errors.push(...table.errors);
    for (const { line, cells } of table.rows) {
      const value: Record<string, unknown> = {};
      for (const [key, cell] of Object.entries(cells)) {
        if (cell === '') continue;
        value[key] = key === 'developer_held' ? (booleans.get(cell.toLowerCase()) ?? cell) : cell;
      }
      raw.push({ row: line, value });
    }
  } else {
    let document: unknown;
    try {
      document = JSON.parse(source.text);
    } catch (error) {
      document = undefined;
      errors.push({
        source: source.source,
        row: 0,
        field: '',
        code: 'electorate.json-syntax',
        message: `${say('不是有效的 JSON', 'not valid JSON')}: ${String(error)}`,
      });
    }
    if (document !== undefined && !Array.isArray(document))
      errors.push({
        source: source.source,
        row: 0,
        field: '',
        code: 'electorate.json-shape',
        message: say('应为行对象的数组', 'expected an array of row objects'),
      });
    if (Array.isArray(document)) document.forEach((value: unknown, index) => raw.push({ row: index + 1, value }));
  }
  const rows: LocatedRow[] = [];
  for (const { row, value } of raw) {
    const parsed = ElectorateRow.strict().safeParse(value);
    if (parsed.success) rows.push({ row, value: parsed.data });
    else
      for (const issue of parsed.error.issues)
        errors.push({
          source: source.source,
          row,
          field: issue.path.join('.') || '',
          code: 'electorate.invalid-field',
          message:
            issue.code === 'invalid_type'
              ? say(`类型不对（${issue.message}）`, `wrong type (${issue.message})`)
              : issue.message,
        });
  }
  return { rows, errors };
}
