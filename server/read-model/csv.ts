/** UTF-8 byte order mark: Excel reads a CSV as UTF-8 (Chinese intact) only when the file starts with it. */
export const UTF8_BOM = '\uFEFF';

/** First characters that make a spreadsheet read a cell as a formula (CSV injection, OWASP). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell: objects as JSON, a cell that a spreadsheet would run as a formula prefixed with `'`, and quoted (with
 * doubled quotes) when it holds a comma, quote or line break.
 */
export function csvCell(value: unknown): string {
  let text =
    value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document (RFC 4180 line ends) with a header row and the BOM, from rows keyed by the header's columns. */
export function toCsv<Column extends string>(
  columns: readonly Column[],
  rows: readonly Partial<Record<Column, unknown>>[],
): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column])).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
