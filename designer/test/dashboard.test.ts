import type { ThreeRatesResponse } from '../../server/http/routes/kpi-schemas';
import { monthRange, rank, shiftMonth, toCsv, totals, weeksOf } from '../src/workspaces/dashboard/rankings';
import { officeCells, officeColumns } from '../src/workspaces/dashboard/office-table';

function answer(
  groups: { key: string; onTime: number; assignments: number; callbacks?: number; resolved?: number }[],
): ThreeRatesResponse {
  const rate = (numerator: number, denominator: number) => ({
    numerator,
    denominator,
    percent: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 100,
  });
  return {
    unit: 'jian/jizhou',
    from: '2026-11-01',
    to: '2026-11-30',
    groupBy: 'department',
    settings: { basicallySatisfiedWeightPercent: 100, excludeUpheldObjections: true },
    definitions: { response: 'r', resolution: 's', satisfaction: 't' },
    groups: groups.map(({ key, onTime, assignments, callbacks = 0, resolved = 0 }) => ({
      key,
      departmentRole: key.split('@')[0],
      unit: 'jian/jizhou',
      counts: {
        assignments,
        reportedInOnTime: onTime,
        callbacks,
        resolved,
        satisfied: resolved,
        basicallySatisfied: 0,
      },
      rates: {
        response: rate(onTime, assignments),
        resolution: rate(resolved, callbacks),
        satisfaction: rate(resolved, callbacks),
      },
    })),
  };
}

describe('the dashboard arithmetic', () => {
  test('given months, when ranged and shifted, then they cover whole months across year ends and leap days', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(shiftMonth('2026-11', -5)).toBe('2026-06');
  });

  test('given November 2026, when split into weeks, then Monday-to-Sunday weeks clipped to the month', () => {
    const weeks = weeksOf('2026-11');
    expect(weeks[0]).toEqual({ from: '2026-11-01', to: '2026-11-01', label: '11-01–11-01' });
    expect(weeks[1]).toEqual({ from: '2026-11-02', to: '2026-11-08', label: '11-02–11-08' });
    expect(weeks.at(-1)).toEqual({ from: '2026-11-30', to: '2026-11-30', label: '11-30–11-30' });
  });

  test('given this and last month, when ranked, then the best response rate leads and each rate shows its change in points', () => {
    const now = answer([
      { key: 'dept-zhujian@jian/jizhou', onTime: 1, assignments: 2 },
      { key: 'dept-chengguan@jian/jizhou', onTime: 3, assignments: 4, callbacks: 2, resolved: 1 },
    ]);
    const before = answer([
      { key: 'dept-chengguan@jian/jizhou', onTime: 1, assignments: 2, callbacks: 1, resolved: 1 },
    ]);

    const rows = rank(now, before);

    expect(rows.map((row) => [row.rank, row.group.key])).toEqual([
      [1, 'dept-chengguan@jian/jizhou'],
      [2, 'dept-zhujian@jian/jizhou'],
    ]);
    expect(rows[0]?.change).toEqual({ response: 25, resolution: -50, satisfaction: -50 });
    expect(rows[1]?.change.response).toBeNull();
    expect(totals(now).response).toBe(66.67);
  });

  test('given cells with commas, quotes and a formula, when exported, then the CSV quotes them and defuses the formula', () => {
    expect(
      toCsv(
        ['部门', 'n'],
        [
          ['a,"b"', 1],
          ['=1+1', -2],
        ],
      ),
    ).toBe('\uFEFF部门,n\r\n"a,""b""",1\r\n\'=1+1,-2\r\n');
  });
});

describe('the summoning offices table', () => {
  const format = {
    unitName: (path: string) => (path === 'jian/jizhou/xigu' ? '溪谷街道' : path),
    minutes: (value: number) => `${value} 分钟`,
    hours: (value: number) => `${value} 小时`,
  };
  const office = (objection: { medianMinutes: number | null; medianHours: number | null }) =>
    ({
      street: 'jian/jizhou/xigu',
      counts: { whistles: 2, withoutUpheldObjection: 1, closed: 2, closedWithinDeadline: 1 },
      rates: {
        withoutUpheldObjection: { numerator: 1, denominator: 2, percent: 50 },
        closedWithinDeadline: { numerator: 1, denominator: 2, percent: 50 },
      },
      rulingTimes: {
        objection: { rulings: 1, granted: 1, ...objection },
        extension: { rulings: 0, granted: 0, medianMinutes: null, medianHours: null },
      },
    }) as unknown as Parameters<typeof officeCells>[0];

  test.each([
    ['a ruling in 20 minutes', { medianMinutes: 20, medianHours: 0.33 }, '20 分钟'],
    ['a ruling in 59.5 minutes', { medianMinutes: 59.5, medianHours: 0.99 }, '59.5 分钟'],
    ['a ruling in exactly an hour', { medianMinutes: 60, medianHours: 1 }, '1 小时'],
    ['rulings in 2 h 15 min', { medianMinutes: 135, medianHours: 2.25 }, '2.25 小时'],
    ['no ruling', { medianMinutes: null, medianHours: null }, '—'],
  ])(
    'given %s, when the row is drawn, then the median reads in minutes below an hour, else in hours',
    (_case, objection, expected) => {
      const cells = officeCells(office(objection), format);

      expect(cells[officeColumns.indexOf('dashboard.office')]).toBe('溪谷街道');
      expect(cells[officeColumns.indexOf('dashboard.objection-median')]).toBe(expected);
      expect(cells[officeColumns.indexOf('dashboard.extension-median')]).toBe('—');
    },
  );
});
