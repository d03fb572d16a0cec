import type { DirectorySection } from '../schemas';

/**
 * One problem with one imported row: where it is (`source` file, `section`, `row`, `field`), a stable `code`, and a
 * message in Chinese with English beside it. `row` counts from 1: the position in the JSON section's array, or the
 * line of a CSV file (the header is line 1); 0 means the file as a whole.
 */
export interface RowError {
  source: string;
  section?: DirectorySection;
  row: number;
  field: string;
  code: string;
  message: string;
}

/** Where a row came from. */
export interface RowLocation {
  source: string;
  section: DirectorySection;
  row: number;
}

/** The report a person reads: one line per error, in source and row order. */
export function formatRowErrors(errors: readonly RowError[]): string {
  return errors
    .map((error) => {
      const where = error.row === 0 ? error.source : `${error.source} 第 ${error.row} 行 / row ${error.row}`;
      return `${where}${error.field ? ` [${error.field}]` : ''}: ${error.message} (${error.code})`;
    })
    .join('\n');
}
