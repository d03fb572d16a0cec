import type { ThreeRatesGroup, ThreeRatesResponse } from '../../../../server/http/routes/kpi-schemas';

/**
 * The dashboard's arithmetic, pure so it is tested without a browser: months and weeks as the three-rates query
 * takes them, a month's ranking with the change against the previous month, the unit's totals for a trend line, and
 * CSV of any table.
 */

/** `2026-11` → the first and last day of that month. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month `offset` months from `month` (negative: earlier). */
export function shiftMonth(month: string, offset: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, number - 1 + offset, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The Monday-to-Sunday weeks that overlap `month`, clipped to it. */
export function weeksOf(month: string): { from: string; to: string; label: string }[] {
  const { from, to } = monthRange(month);
  const end = Date.parse(`${to}T00:00:00Z`);
  const weeks: { from: string; to: string; label: string }[] = [];
  let day = Date.parse(`${from}T00:00:00Z`);
  while (day <= end) {
    const weekday = (new Date(day).getUTCDay() + 6) % 7; // 0 = Monday
    const sunday = Math.min(day + (6 - weekday) * 86_400_000, end);
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    weeks.push({ from: iso(day), to: iso(sunday), label: `${iso(day).slice(5)}–${iso(sunday).slice(5)}` });
    day = sunday + 86_400_000;
  }
  return weeks;
}

export type RateName = 'response' | 'resolution' | 'satisfaction';
export const rateNames: readonly RateName[] = ['response', 'resolution', 'satisfaction'];

export interface RankedRow {
  rank: number;
  group: ThreeRatesGroup;
  /** Percentage points against the previous month, per rate (null when either month counted nothing). */
  change: Record<RateName, number | null>;
}

/** The month's groups ranked by response rate, then satisfaction, then resolution (groups with no data last). */
export function rank(current: ThreeRatesResponse, previous: ThreeRatesResponse | undefined): RankedRow[] {
  const before = new Map((previous?.groups ?? []).map((group) => [group.key, group]));
  const score = (group: ThreeRatesGroup) =>
    rateNames.map((name) => group.rates[name].percent ?? -1) as [number, number, number];
  const sorted = [...current.groups].sort((a, b) => {
    const [ra, sa, la] = score(a);
    const [rb, sb, lb] = score(b);
    return rb - ra || sb - sa || lb - la || a.key.localeCompare(b.key);
  });
  return sorted.map((group, index) => {
    const old = before.get(group.key);
    const change = Object.fromEntries(
      rateNames.map((name) => {
        const now = group.rates[name].percent;
        const then = old?.rates[name].percent;
        return [
          name,
          now === null || then === null || then === undefined ? null : Math.round((now - then) * 100) / 100,
        ];
      }),
    ) as Record<RateName, number | null>;
    return { rank: index + 1, group, change };
  });
}

/** The unit's rates over all its groups (the counts summed), as percentages, for a trend line. */
export function totals(answer: ThreeRatesResponse): Record<RateName, number | null> {
  const sum = (pick: (group: ThreeRatesGroup) => number) =>
    answer.groups.reduce((total, group) => total + pick(group), 0);
  const assignments = sum((group) => group.counts.assignments);
  const callbacks = sum((group) => group.counts.callbacks);
  const weight = answer.settings.basicallySatisfiedWeightPercent / 100;
  const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 100);
  return {
    response: percent(
      sum((group) => group.counts.reportedInOnTime),
      assignments,
    ),
    resolution: percent(
      sum((group) => group.counts.resolved),
      callbacks,
    ),
    satisfaction: percent(
      sum((group) => group.counts.satisfied) + weight * sum((group) => group.counts.basicallySatisfied),
      callbacks,
    ),
  };
}

/** A CSV document (RFC 4180 quoting, a BOM so spreadsheet software reads the Chinese headings as UTF-8). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    // A leading =, +, - or @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
