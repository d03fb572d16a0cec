/** Latency figures of one operation, in milliseconds (client-side round trips). */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** One printed row: a label and its figures, in column order. */
export interface ReportRow {
  label: string;
  values: (string | number)[];
}

/** A section's printable table plus the raw figures written to `bench/results/latest.json`. */
export interface SectionReport {
  /** Stable key of the section in the JSON output, e.g. `interpreter-vs-hand-written`. */
  key: string;
  title: string;
  columns: string[];
  rows: ReportRow[];
  /** Free-form lines printed under the table (ratios, targets met or missed). */
  notes: string[];
  figures: Record<string, unknown>;
}

/** Nearest-rank percentile (`p` in 0–100) of an already sorted array; NaN when it is empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50 / p99 / max / mean of a set of samples (ms), rounded to 0.1 ms. */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    mean: round(sorted.length > 0 ? sum / sorted.length : Number.NaN),
  };
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A section as a fixed-width text table with its notes. */
export function formatSection(section: SectionReport): string {
  const header = ['', ...section.columns];
  const body = section.rows.map((row) => [row.label, ...row.values.map(String)]);
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((line) => (line[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('  ');
  const rule = '-'.repeat(widths.reduce((total, width) => total + width + 2, -2));
  return [
    `== ${section.title} ==`,
    line(header),
    rule,
    ...body.map(line),
    ...section.notes.map((note) => `  ${note}`),
  ].join('\n');
}
