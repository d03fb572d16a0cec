import { computeDeadline } from '../../activities/deadline/compute-deadline';
import { holidayCalendar } from '../../activities/deadline/holiday-calendar';
import { parseScheduleCsv, validateSchedule, type RawEntry } from './schedule-import';

/** Entries of a 2027 schedule for the tables below (TEST data, not the State Council's). */
const entries = (...rows: [string, string, string][]): RawEntry[] =>
  rows.map(([date, kind, name], index) => ({ date, kind, name, row: index + 1 }));
const newYear: [string, string, string][] = [
  ['2027-01-01', 'holiday', '元旦'],
  ['2027-01-02', 'holiday', '元旦'],
  ['2027-01-03', 'holiday', '元旦'],
];

describe('validating an imported holiday schedule', () => {
  test.each([
    ['New Year alone', entries(...newYear)],
    ['a make-up Saturday', entries(...newYear, ['2027-02-20', 'workday', '春节'])],
    [
      'a New Year block reaching back into the old year, with its make-up day there',
      entries(['2026-12-31', 'holiday', '元旦'], ['2026-12-26', 'workday', '元旦'], ...newYear),
    ],
  ])('given %s, when validated, then it is accepted', (_, given) => {
    const result = validateSchedule(2027, given);
    expect(result.ok).toBe(true);
  });

  test.each([
    ['a date that does not exist', [['2027-02-30', 'holiday', '春节']], 1, 'schedule.invalid-date'],
    ['a date that is not YYYY-MM-DD', [['2027/02/01', 'holiday', '春节']], 1, 'schedule.invalid-date'],
    ['a date of another year', [['2028-01-01', 'holiday', '元旦']], 1, 'schedule.outside-year'],
    ['a date early in December of the year before', [['2026-12-20', 'holiday', '元旦']], 1, 'schedule.outside-year'],
    ['a make-up day on a weekday', [['2027-02-10', 'workday', '春节']], 1, 'schedule.workday-not-weekend'],
    ['a date twice', [['2027-01-01', 'holiday', '元旦再列']], 4, 'schedule.duplicate-date'],
    ['a date both off and worked', [['2027-01-02', 'workday', '元旦']], 4, 'schedule.holiday-and-workday'],
    ['an unknown kind', [['2027-05-01', 'vacation', '劳动节']], 1, 'schedule.invalid-kind'],
    ['an empty name', [['2027-05-01', 'holiday', '  ']], 1, 'schedule.invalid-name'],
    ['a name with a control character', [['2027-05-01', 'holiday', '劳动\u0000节']], 1, 'schedule.invalid-name'],
  ] as [string, [string, string, string][], number, string][])(
    'given %s, when validated, then the import is refused naming the row (%s) and code %s',
    (_, bad, row, code) => {
      const given = bad.length === 1 && row === 1 ? entries(...bad, ...newYear) : entries(...newYear, ...bad);
      const result = validateSchedule(2027, given);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toEqual([expect.objectContaining({ row, code })]);
      expect(result.errors[0]?.message).toMatch(/[\u4e00-\u9fff].* \/ \S*[A-Za-z]/);
    },
  );

  test('given several bad entries, when validated, then every one is reported', () => {
    const result = validateSchedule(
      2027,
      entries(...newYear, ['2027-13-01', 'holiday', 'x'], ['2027-02-10', 'workday', 'y']),
    );
    expect(result.ok ? [] : result.errors.map((error) => [error.row, error.code])).toEqual([
      [4, 'schedule.invalid-date'],
      [5, 'schedule.workday-not-weekend'],
    ]);
  });

  test.each([
    ['no 1 January off', entries(['2027-05-01', 'holiday', '劳动节']), 'schedule.missing-new-year'],
    ['no entries', [], 'schedule.size'],
    [
      'more than 120 entries',
      Array.from({ length: 121 }, (_, i) => ({ date: '2027-01-01', kind: 'holiday', name: 'x', row: i + 1 })),
      'schedule.size',
    ],
  ])('given %s, when validated, then it is refused as a whole', (_, given, code) => {
    const result = validateSchedule(2027, given);
    expect(result.ok ? [] : result.errors.map((error) => [error.row, error.code])).toEqual([[0, code]]);
  });

  test('given the same days in another order, when hashed, then the content hash is the same', () => {
    const a = validateSchedule(2027, entries(...newYear, ['2027-02-20', 'workday', '春节']));
    const b = validateSchedule(2027, entries(['2027-02-20', 'workday', '春节'], ...[...newYear].reverse()));
    const c = validateSchedule(2027, entries(...newYear));
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });
});

describe('reading a schedule CSV', () => {
  test('given date,kind,name rows (with a BOM and a blank line), when parsed, then each row keeps its line number', () => {
    const parsed = parseScheduleCsv('\uFEFFdate,kind,name\r\n2027-01-01,holiday,元旦\n\n2027-02-20,workday,春节\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toEqual([
      { row: 2, date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { row: 4, date: '2027-02-20', kind: 'workday', name: '春节' },
    ]);
  });

  test.each([
    ['a missing header', '2027-01-01,holiday,元旦', 1, 'schedule.csv-header'],
    ['a row with two columns', 'date,kind,name\n2027-01-01,holiday', 2, 'schedule.csv-columns'],
  ])('given %s, when parsed, then the row is reported', (_, csv, row, code) => {
    expect(parseScheduleCsv(csv).errors).toEqual([expect.objectContaining({ row, code })]);
  });
});

describe('deadlines on an imported year', () => {
  const imported = holidayCalendar([
    {
      year: 2027,
      version: 2,
      holidays: { '2027-01-01': '元旦', '2027-01-02': '元旦', '2027-01-03': '元旦' },
      workdays: { '2027-01-09': '测试调休' },
    },
  ]);
  const request = { from: '2026-12-30T10:00:00+08:00', within: 'P3D', calendar: 'workdays' } as const;

  test('given 2027 unknown to the package, when three working days reach into it, then the deadline counts weekends only and is provisional', () => {
    expect(computeDeadline(request)).toEqual({ deadline: '2027-01-05T00:00:00+08:00', provisional: true });
  });

  test('given 2027 imported, when the same deadline is computed, then it skips the holiday, is no longer provisional and names the schedule version', () => {
    expect(computeDeadline(request, imported)).toEqual({
      deadline: '2027-01-06T00:00:00+08:00',
      provisional: false,
      schedules: { '2027': 2 },
    });
  });

  test('given an imported make-up Saturday, when counting over it, then it is a working day', () => {
    expect(imported.isWorkingDay('2027-01-09')).toBe(true);
    expect(imported.isWorkingDay('2027-01-10')).toBe(false);
    expect(
      computeDeadline({ from: '2027-01-07T10:00:00+08:00', within: 'P2D', calendar: 'workdays' }, imported),
    ).toMatchObject({
      deadline: '2027-01-10T00:00:00+08:00',
    });
  });

  test('given a year the package carries, when a schedule is imported for it, then the import replaces the package data for that year', () => {
    // 2025-10-01 is National Day in the package; an import for 2025 without it makes it a working Wednesday.
    const overridden = holidayCalendar([{ year: 2025, holidays: { '2025-01-01': '元旦' }, workdays: {} }]);
    expect(holidayCalendar().isWorkingDay('2025-10-01')).toBe(false);
    expect(overridden.isWorkingDay('2025-10-01')).toBe(true);
    expect(overridden.isWorkingDay('2025-09-28')).toBe(false);
  });
});
