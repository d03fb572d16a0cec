import { holidayCalendar } from '../../activities/deadline/holiday-calendar';
import { countdown, workingDaysLeft } from '../src/clock/countdown';

/** The browser's working-day countdowns on an imported year (issue 11 §4); the 2027 days are TEST data. */
const imported2027 = holidayCalendar([
  {
    year: 2027,
    version: 1,
    holidays: { '2027-01-01': '元旦', '2027-01-02': '元旦', '2027-01-03': '元旦' },
    workdays: {},
  },
]);
const now = Date.parse('2026-12-30T10:00:00+08:00');
const deadline = '2027-01-06T00:00:00+08:00';

describe('working days left across an imported New Year', () => {
  test('given the bundled years only, when counting to Jan 6, then Fri Jan 1 counts as a working day', () => {
    expect(workingDaysLeft(now, Date.parse(deadline))).toBe(4);
  });

  test('given 2027 imported, when counting to Jan 6, then Jan 1 is a holiday and the countdown says three working days', () => {
    expect(workingDaysLeft(now, Date.parse(deadline), imported2027)).toBe(3);
    expect(countdown(now, deadline, imported2027)).toMatchObject({ state: 'days', workingDays: 3 });
  });
});
