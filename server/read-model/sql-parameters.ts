import type { QueryParameter } from '../db/database';

/** Collects `$n` parameters while a statement is put together from optional parts (values never enter SQL text). */
export class SqlParameters {
  readonly values: QueryParameter[] = [];

  /** Adds a value and returns its placeholder. */
  add(value: QueryParameter): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A LIKE pattern matching everything strictly below `unit` in the org tree (`%`, `_` and `\` in it are literal). */
export function belowUnitPattern(unit: string): string {
  return `${unit.replace(/[\\%_]/g, (character) => `\\${character}`)}/%`;
}

/** SQL true when `column` is `unit` or lies below it; uses the column's text_pattern_ops index. */
export function withinUnitSql(parameters: SqlParameters, column: string, unit: string): string {
  return `(${column} = ${parameters.add(unit)} OR ${column} LIKE ${parameters.add(belowUnitPattern(unit))})`;
}
