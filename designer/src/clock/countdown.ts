import { bundledCalendar, type HolidayCalendar } from '../../../activities/deadline/holiday-calendar';
import { shanghaiDate, shanghaiMidnight } from '../../../definitions/time';

/** How a deadline's clock is read: working days (the deadline activity's `workdays`), natural time, or unknown. */
export type CountdownCalendar = 'workdays' | 'natural' | 'unknown';

/** What is left until a deadline, as a countdown shows it. */
export type Countdown =
  | { state: 'overdue'; hours: number; minutes: number; days: number }
  | { state: 'hours'; hours: number; minutes: number }
  | { state: 'days'; days: number; hours: number; workingDays: number };

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

/**
 * The whole working days (Asia/Shanghai) left before a deadline: the working days after today up to the deadline's
 * last day (today's remainder is not counted). The calendar is the one the deadline activity uses
 * (activities/deadline/holiday-calendar.ts), which also starts counting the day after the task opens — so a task
 * given "3 个工作日" shows 3 on the day it opens. `holidays`: the bundled years plus the imported ones
 * (`useHolidayCalendar`).
 */
export function workingDaysLeft(
  nowMs: number,
  deadlineMs: number,
  holidays: HolidayCalendar = bundledCalendar,
): number {
  if (deadlineMs <= nowMs) return 0;
  const lastDate = shanghaiDate(deadlineMs - 1);
  const next = (date: string) => shanghaiDate(shanghaiMidnight(date) + dayMs + hourMs);
  let count = 0;
  for (let date = next(shanghaiDate(nowMs)); date <= lastDate; date = next(date)) {
    if (holidays.isWorkingDay(date)) count += 1;
  }
  return count;
}

/** The countdown to `deadline` (an ISO instant) at `nowMs`: overdue by, hours and minutes left, or days left. */
export function countdown(nowMs: number, deadline: string, holidays: HolidayCalendar = bundledCalendar): Countdown {
  const deadlineMs = Date.parse(deadline);
  const left = deadlineMs - nowMs;
  if (left <= 0) {
    const past = -left;
    return {
      state: 'overdue',
      days: Math.floor(past / dayMs),
      hours: Math.floor((past % dayMs) / hourMs),
      minutes: Math.floor((past % hourMs) / minuteMs),
    };
  }
  if (left < dayMs)
    return { state: 'hours', hours: Math.floor(left / hourMs), minutes: Math.floor((left % hourMs) / minuteMs) };
  return {
    state: 'days',
    days: Math.floor(left / dayMs),
    hours: Math.floor((left % dayMs) / hourMs),
    workingDays: workingDaysLeft(nowMs, deadlineMs, holidays),
  };
}
