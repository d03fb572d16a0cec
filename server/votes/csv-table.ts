import { parse as parseCsv } from 'csv-parse/sync';
import { say } from '../directory/messages';
import type { RowError } from '../directory/import/row-error';

/** One CSV body row by column name, with the line it ends on (the header is line 1). */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/**
 * Reads a CSV file whose header must name exactly `columns` (any order; a BOM and blank lines are allowed). Structure
 * problems come back as row errors with line numbers, never as exceptions.
 */
export function readCsvTable(
  text: string,
  source: string,
  columns: readonly string[],
  code: string,
): { rows: CsvRow[]; errors: RowError[] } {
  let records: { info: { lines: number }; record: string[] }[];
  try {
    // With `info: true` each record comes with its line number; csv-parse's types do not model that option.
    records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 0;
    const detail = error instanceof Error ? error.message : String(error);
    return {
      rows: [],
      errors: [
        {
          source,
          row: line,
          field: '',
          code: `${code}-syntax`,
          message: `${say('CSV 格式错误', 'malformed CSV')}: ${detail}`,
        },
      ],
    };
  }
  const [header, ...body] = records;
  const fileError = (message: string): { rows: CsvRow[]; errors: RowError[] } => ({
    rows: [],
    errors: [{ source, row: header?.info.lines ?? 0, field: '', code: `${code}-header`, message }],
  });
  if (!header)
    return fileError(
      say(`文件为空，应有表头 ${columns.join(',')}`, `empty file; expected the header ${columns.join(',')}`),
    );
  const names = header.record.map((cell) => cell.toLowerCase());
  const missing = columns.filter((column) => !names.includes(column));
  const unknown = names.filter((name, index) => !columns.includes(name) || names.indexOf(name) !== index);
  if (missing.length > 0 || unknown.length > 0) {
    return fileError(
      say(
        `表头应为 ${columns.join(',')}（缺少：${missing.join('、') || '无'}；多余或重复：${unknown.join('、') || '无'}）`,
        `the header must be ${columns.join(',')} (missing: ${missing.join(', ') || 'none'}; unknown or repeated: ${unknown.join(', ') || 'none'})`,
      ),
    );
  }
  const rows: CsvRow[] = [];
  const errors: RowError[] = [];
  for (const { info, record } of body) {
    if (record.length !== names.length) {
      errors.push({
        source,
        row: info.lines,
        field: '',
        code: `${code}-columns`,
        message: say(
          `有 ${record.length} 列，表头有 ${names.length} 列`,
          `${record.length} cells but the header has ${names.length} columns`,
        ),
      });
      continue;
    }
    rows.push({ line: info.lines, cells: Object.fromEntries(names.map((name, index) => [name, record[index] ?? ''])) });
  }
  return { rows, errors };
}
