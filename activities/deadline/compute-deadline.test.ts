import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { durationProblemMessage, type DurationProblem } from '../../definitions/duration';
import { computeDeadline, DeadlineInputError, type DeadlineRequest } from './compute-deadline';
import { isScheduleKnown, isWorkingDay } from './holiday-calendar';

/**
 * Runs a CommonJS snippet in a fresh Node process (TypeScript via tsx) with the given TZ and parses what it prints.
 * A child process is needed because jest hands each test a copy of process.env, so setting TZ here changes nothing.
 */
function runInTimeZone(zone: string, snippet: string): unknown {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', snippet], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, TZ: zone },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`child process failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

const calendarModule = JSON.stringify(join(__dirname, 'holiday-calendar.ts'));
const deadlineModule = JSON.stringify(join(__dirname, 'compute-deadline.ts'));

describe('holiday calendar (chinese-days data)', () => {
  test.each([
    ['2025-09-28', true, 'make-up working Sunday before National Day'],
    ['2025-10-11', true, 'make-up working Saturday after National Day'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-06', false, 'Mid-Autumn, merged into the National Day break'],
    ['2025-10-08', false, 'last day of the 2025 National Day break'],
    ['2025-10-09', true, 'first working day after the break'],
    ['2025-10-12', false, 'ordinary Sunday'],
    ['2025-10-13', true, 'ordinary Monday'],
    ['2025-01-01', false, "New Year's Day on a Wednesday"],
    ['2026-02-14', true, '2026 Spring Festival make-up Saturday (before)'],
    ['2026-02-15', false, 'first day of the 2026 Spring Festival break'],
    ['2026-02-21', false, 'Saturday inside the Spring Festival break'],
    ['2026-02-23', false, 'last day of the 2026 Spring Festival break (a Monday)'],
    ['2026-02-24', true, 'first working day after the Spring Festival'],
    ['2026-02-28', true, '2026 Spring Festival make-up Saturday (after)'],
    ['2027-01-01', true, 'a Friday in a year without data: weekday guess'],
    ['2027-01-02', false, 'a Saturday in a year without data: weekend guess'],
  ])('given %s, when asking whether it is a working day, then %s (%s)', (date, expected) => {
    // when
    const working = isWorkingDay(date);
    // then
    expect(working).toBe(expected);
  });

  test.each([
    ['2004-06-01', true],
    ['2025-10-01', true],
    ['2026-12-31', true],
    ['2003-12-31', false],
    ['2027-01-01', false],
    ['2030-06-01', false],
  ])('given %s, when asking whether its schedule is known, then %s', (date, expected) => {
    // when
    const known = isScheduleKnown(date);
    // then
    expect(known).toBe(expected);
  });

  test('given the per-year files the package ships, when checking 1990–2040, then exactly those years are known', () => {
    // given
    const yearsDir = join(dirname(require.resolve('chinese-days/package.json')), 'dist', 'years');
    const shipped = readdirSync(yearsDir)
      .filter((name) => /^\d{4}\.json$/.test(name))
      .map((name) => Number(name.slice(0, 4)));
    // when
    const known = Array.from({ length: 51 }, (_, i) => 1990 + i).filter((year) => isScheduleKnown(`${year}-07-01`));
    // then
    expect(shipped.length).toBeGreaterThan(0);
    expect(known).toEqual(shipped.sort((a, b) => a - b));
  });

  test.each(['2025-02-30', '2025-9-1', 'tomorrow', '2025-10-01T00:00:00Z'])(
    'given %p, when asking either question, then it is refused as not a date',
    (date) => {
      // when / then
      expect(() => isWorkingDay(date)).toThrow(RangeError);
      expect(() => isScheduleKnown(date)).toThrow(RangeError);
    },
  );

  test('given a worker running west of UTC, when asking about late Sep–mid Oct 2025, then nothing shifts', () => {
    // given
    const dates = ['2025-09-27', '2025-09-28', '2025-09-29', '2025-10-01', '2025-10-08', '2025-10-12', '2025-10-13'];
    // when
    const answers = runInTimeZone(
      'America/New_York',
      `const { isWorkingDay } = require(${calendarModule});
       console.log(JSON.stringify(${JSON.stringify(dates)}.map(isWorkingDay)));`,
    );
    // then
    expect(answers).toEqual([false, true, true, false, false, false, true]);
  });

  test('given a worker running west of UTC, when computing deadlines, then they match the Shanghai answers', () => {
    // when
    const results = runInTimeZone(
      'America/New_York',
      `const { computeDeadline } = require(${deadlineModule});
       console.log(JSON.stringify([
         computeDeadline({ from: '2025-09-30T10:00:00+08:00', within: 'P3D', calendar: 'workdays' }),
         computeDeadline({ from: '2025-09-30T20:00:00Z', within: 'P9D', calendar: 'natural' }),
       ]));`,
    );
    // then
    expect(results).toEqual([
      { deadline: '2025-10-12T00:00:00+08:00', provisional: false },
      { deadline: '2025-10-11T00:00:00+08:00', provisional: false },
    ]);
  });

  test('given the package loaded in UTC, when comparing every day 2004–2026, then its own lookup agrees', () => {
    // when
    const disagreements = runInTimeZone(
      'UTC',
      `const { isWorkday } = require('chinese-days');
       const { isWorkingDay } = require(${calendarModule});
       const disagreements = [];
       for (let ms = Date.UTC(2004, 0, 1); ms <= Date.UTC(2026, 11, 31); ms += 86400000) {
         const date = new Date(ms).toISOString().slice(0, 10);
         if (isWorkday(date) !== isWorkingDay(date)) disagreements.push(date);
       }
       console.log(JSON.stringify({ checked: (Date.UTC(2026, 11, 31) - Date.UTC(2004, 0, 1)) / 86400000 + 1, disagreements }));`,
    );
    // then
    expect(disagreements).toEqual({ checked: 8401, disagreements: [] });
  });
});

describe('computeDeadline', () => {
  test.each<[string, string, string, DeadlineRequest['calendar'], string, boolean]>([
    // clock shape: exact time, holidays irrelevant
    [
      'clock, crossing midnight on a holiday',
      '2025-10-01T23:30:00+08:00',
      'PT2H',
      'natural',
      '2025-10-02T01:30:00+08:00',
      false,
    ],
    ['clock, minutes', '2025-09-30T10:00:00+08:00', 'PT30M', 'natural', '2025-09-30T10:30:00+08:00', false],
    [
      'clock, fractional seconds',
      '2025-09-30T10:00:00+08:00',
      'PT1.5S',
      'natural',
      '2025-09-30T10:00:01.500+08:00',
      false,
    ],
    ['clock, from given in Z', '2025-09-30T02:00:00Z', 'PT2H', 'natural', '2025-09-30T12:00:00+08:00', false],
    [
      'clock into a year without data',
      '2026-12-31T23:00:00+08:00',
      'PT2H',
      'natural',
      '2027-01-01T01:00:00+08:00',
      false,
    ],
    // days shape, natural: from the next day to 24:00, last day moved off rest days and holidays (Art. 203)
    ['days, last day a holiday', '2025-09-30T10:00:00+08:00', 'P2D', 'natural', '2025-10-10T00:00:00+08:00', false],
    ['days, same from given in Z', '2025-09-30T02:00:00Z', 'P2D', 'natural', '2025-10-10T00:00:00+08:00', false],
    [
      'days, same from given in +01:00',
      '2025-09-30T03:00:00+01:00',
      'P2D',
      'natural',
      '2025-10-10T00:00:00+08:00',
      false,
    ],
    ['days, ordinary week', '2025-10-13T09:00:00+08:00', 'P3D', 'natural', '2025-10-17T00:00:00+08:00', false],
    [
      'days, from one second before midnight',
      '2025-10-13T23:59:59+08:00',
      'P1D',
      'natural',
      '2025-10-15T00:00:00+08:00',
      false,
    ],
    ['days, last day a Saturday', '2025-10-15T09:00:00+08:00', 'P3D', 'natural', '2025-10-21T00:00:00+08:00', false],
    [
      'days, last day a make-up Sunday',
      '2025-09-25T09:00:00+08:00',
      'P3D',
      'natural',
      '2025-09-29T00:00:00+08:00',
      false,
    ],
    ['days, one week', '2025-10-13T09:00:00+08:00', 'P1W', 'natural', '2025-10-21T00:00:00+08:00', false],
    ['days, two weeks', '2025-10-13T09:00:00+08:00', 'P2W', 'natural', '2025-10-28T00:00:00+08:00', false],
    ['days, Z already 1 Oct in Shanghai', '2025-09-30T20:00:00Z', 'P9D', 'natural', '2025-10-11T00:00:00+08:00', false],
    ['days, Z still 30 Sep in Shanghai', '2025-09-30T10:00:00Z', 'P9D', 'natural', '2025-10-10T00:00:00+08:00', false],
    [
      'days, into Spring Festival 2026',
      '2026-02-12T09:00:00+08:00',
      'P3D',
      'natural',
      '2026-02-25T00:00:00+08:00',
      false,
    ],
    [
      'days, on a 2026 make-up Saturday',
      '2026-02-12T09:00:00+08:00',
      'P2D',
      'natural',
      '2026-02-15T00:00:00+08:00',
      false,
    ],
    ['days, last day in 2026', '2026-12-20T09:00:00+08:00', 'P3D', 'natural', '2026-12-24T00:00:00+08:00', false],
    ['days, last day in 2027', '2026-12-31T09:00:00+08:00', 'P3D', 'natural', '2027-01-05T00:00:00+08:00', true],
    [
      'days, the longest span allowed',
      '2025-01-15T09:00:00+08:00',
      'P3600D',
      'natural',
      '2034-11-25T00:00:00+08:00',
      true,
    ],
    // months shape, natural: the corresponding day, else month end (Art. 202), then Art. 203
    ['months, 31 Jan to 28 Feb', '2025-01-31T10:00:00+08:00', 'P1M', 'natural', '2025-03-01T00:00:00+08:00', false],
    [
      'months, 31 Jan to 29 Feb in a leap year',
      '2024-01-31T10:00:00+08:00',
      'P1M',
      'natural',
      '2024-03-01T00:00:00+08:00',
      false,
    ],
    ['months, 29 Feb plus a year', '2024-02-29T10:00:00+08:00', 'P1Y', 'natural', '2025-03-01T00:00:00+08:00', false],
    ['months, 31 Mar to 30 Apr', '2025-03-31T10:00:00+08:00', 'P1M', 'natural', '2025-05-01T00:00:00+08:00', false],
    ['months, 31 Aug to 30 Sep', '2025-08-31T10:00:00+08:00', 'P1M', 'natural', '2025-10-01T00:00:00+08:00', false],
    [
      'months, landing on National Day',
      '2025-09-01T10:00:00+08:00',
      'P1M',
      'natural',
      '2025-10-10T00:00:00+08:00',
      false,
    ],
    ['months, across a year end', '2024-12-15T10:00:00+08:00', 'P13M', 'natural', '2026-01-16T00:00:00+08:00', false],
    ['months, landing in 2027', '2026-12-15T10:00:00+08:00', 'P1M', 'natural', '2027-01-16T00:00:00+08:00', true],
    [
      'months, the longest span allowed',
      '2025-01-15T10:00:00+08:00',
      'P118M',
      'natural',
      '2034-11-16T00:00:00+08:00',
      true,
    ],
    // workdays: N working days from the next day, to 24:00 of the Nth
    ['workdays, over National Day', '2025-09-30T10:00:00+08:00', 'P3D', 'workdays', '2025-10-12T00:00:00+08:00', false],
    ['workdays, same from given in Z', '2025-09-30T02:00:00Z', 'P3D', 'workdays', '2025-10-12T00:00:00+08:00', false],
    [
      'workdays, counting a make-up Sunday',
      '2025-09-26T10:00:00+08:00',
      'P3D',
      'workdays',
      '2025-10-01T00:00:00+08:00',
      false,
    ],
    [
      'workdays, over an ordinary weekend',
      '2025-10-17T09:00:00+08:00',
      'P1D',
      'workdays',
      '2025-10-21T00:00:00+08:00',
      false,
    ],
    [
      'workdays, from a make-up Saturday',
      '2025-10-11T09:00:00+08:00',
      'P1D',
      'workdays',
      '2025-10-14T00:00:00+08:00',
      false,
    ],
    [
      'workdays, over Spring Festival 2026',
      '2026-02-12T09:00:00+08:00',
      'P3D',
      'workdays',
      '2026-02-25T00:00:00+08:00',
      false,
    ],
    [
      'workdays, to a 2026 make-up Saturday',
      '2026-02-25T09:00:00+08:00',
      'P3D',
      'workdays',
      '2026-03-01T00:00:00+08:00',
      false,
    ],
    [
      'workdays, ending on 31 Dec 2026',
      '2026-12-28T09:00:00+08:00',
      'P3D',
      'workdays',
      '2027-01-01T00:00:00+08:00',
      false,
    ],
    ['workdays, counting into 2027', '2026-12-28T09:00:00+08:00', 'P5D', 'workdays', '2027-01-05T00:00:00+08:00', true],
  ])('given %s (from %s), when within %s on %s, then %s (provisional %s)', (...row) => {
    // given
    const [, from, within, calendar, deadline, provisional] = row;
    // when
    const result = computeDeadline({ from, within, calendar });
    // then
    expect(result).toEqual({ deadline, provisional });
  });

  test.each<[string, string, string, string, string]>([
    ['from without an offset', '2025-09-30T10:00:00', 'P3D', 'natural', 'deadline.invalid-from'],
    ['from a date only', '2025-09-30', 'P3D', 'natural', 'deadline.invalid-from'],
    ['from in words', 'yesterday', 'PT2H', 'natural', 'deadline.invalid-from'],
    ['from month 13', '2025-13-01T00:00:00Z', 'P3D', 'workdays', 'deadline.invalid-from'],
    ['an empty duration', '2025-09-30T10:00:00+08:00', 'P', 'natural', 'duration.invalid'],
    ['a duration in words', '2025-09-30T10:00:00+08:00', '7 days', 'natural', 'duration.invalid'],
    ['a zero clock duration', '2025-09-30T10:00:00+08:00', 'PT0S', 'natural', 'duration.zero'],
    ['zero working days', '2025-09-30T10:00:00+08:00', 'P0D', 'workdays', 'duration.zero'],
    ['days mixed with hours', '2025-09-30T10:00:00+08:00', 'P1DT2H', 'natural', 'duration.mixed-units'],
    ['months mixed with days', '2025-09-30T10:00:00+08:00', 'P1M10D', 'natural', 'duration.mixed-units'],
    ['clock time on working days', '2025-09-30T10:00:00+08:00', 'PT2H', 'workdays', 'duration.workdays-needs-days'],
    ['weeks on working days', '2025-09-30T10:00:00+08:00', 'P1W', 'workdays', 'duration.workdays-needs-days'],
    ['months on working days', '2025-09-30T10:00:00+08:00', 'P1M', 'workdays', 'duration.workdays-needs-days'],
    ['one day past the longest span', '2025-01-15T09:00:00+08:00', 'P3601D', 'natural', 'duration.too-long'],
    ['an absurd number of days', '2025-01-15T09:00:00+08:00', 'P99999999999D', 'natural', 'duration.too-long'],
    ['too many working days to find', '2025-01-15T09:00:00+08:00', 'P2401D', 'workdays', 'duration.too-long'],
    ['one month past the longest span', '2025-01-15T09:00:00+08:00', 'P119M', 'natural', 'duration.too-long'],
    ['eleven years', '2025-01-15T09:00:00+08:00', 'P11Y', 'natural', 'duration.too-long'],
    ['clock past the longest span', '2025-01-15T09:00:00+08:00', 'PT86401H', 'natural', 'duration.too-long'],
    ['a from at the end of year 9999', '9999-12-31T00:00:00+08:00', 'P1D', 'natural', 'deadline.too-far'],
    ['an unknown calendar', '2025-09-30T10:00:00+08:00', 'P3D', 'lunar', 'deadline.invalid-request'],
  ])('given %s (from %p, within %p, %s), when computing, then DeadlineInputError %s', (...row) => {
    // given: the request as it would arrive over the wire, unchecked
    const [, from, within, calendar, code] = row;
    const request = JSON.parse(JSON.stringify({ from, within, calendar }));
    // when
    const attempt = () => computeDeadline(request);
    // then
    expect(attempt).toThrow(DeadlineInputError);
    expect(attempt).toThrow(expect.objectContaining({ name: 'DeadlineInputError', code }));
  });

  test('given a request missing its duration, when computing, then the field is named in the error', () => {
    // given
    const request = JSON.parse('{"from":"2025-09-30T10:00:00+08:00","calendar":"natural"}');
    // when
    const attempt = () => computeDeadline(request);
    // then
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'deadline.invalid-request', message: expect.stringContaining('within') }),
    );
  });

  test.each<[string, DurationProblem]>([
    ['P1DT2H', 'duration.mixed-units'],
    ['PT2H', 'duration.workdays-needs-days'],
  ])('given the duration %p, when refused, then the message is the shared duration message', (within, code) => {
    // when
    const attempt = () => computeDeadline({ from: '2025-09-30T10:00:00+08:00', within, calendar: 'workdays' });
    // then
    expect(attempt).toThrow(expect.objectContaining({ code, message: durationProblemMessage[code](within) }));
  });

  test.each<[string, DeadlineRequest]>([
    ['deadline.invalid-from', { from: 'yesterday', within: 'P3D', calendar: 'natural' }],
    ['deadline.too-far', { from: '9999-12-31T00:00:00+08:00', within: 'P1D', calendar: 'natural' }],
    ['duration.too-long', { from: '2025-09-30T10:00:00+08:00', within: 'P3601D', calendar: 'natural' }],
  ])(
    'given a request failing with %s, when refused, then the message is Chinese first, then English',
    (code, request) => {
      // when
      const attempt = () => computeDeadline(request);
      // then
      expect(attempt).toThrow(
        expect.objectContaining({ code, message: expect.stringMatching(/^[^ -~].* \/ [ -~]+$/) }),
      );
    },
  );
});
