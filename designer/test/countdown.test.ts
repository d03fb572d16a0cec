import { countdown, workingDaysLeft } from '../src/clock/countdown';
import { createServerClock } from '../src/clock/server-clock';

const at = (iso: string) => Date.parse(iso);

describe('working-day countdowns', () => {
  test.each([
    {
      name: 'across the National Day holiday (10-01…10-08 off)',
      now: '2025-09-30T10:00:00+08:00',
      deadline: '2025-10-10T00:00:00+08:00',
      left: 1,
    },
    {
      name: 'over a weekend with the make-up Sunday 09-28',
      now: '2025-09-26T10:00:00+08:00',
      deadline: '2025-09-30T00:00:00+08:00',
      left: 2,
    },
    {
      name: 'a 3-working-day task on the day it opens (deadline Monday midnight after the weekend)',
      now: '2026-12-02T08:05:00+08:00',
      deadline: '2026-12-08T00:00:00+08:00',
      left: 3,
    },
    { name: 'an ordinary week', now: '2025-11-03T09:00:00+08:00', deadline: '2025-11-06T00:00:00+08:00', left: 2 },
    {
      name: 'a deadline already past',
      now: '2025-11-06T09:00:00+08:00',
      deadline: '2025-11-06T00:00:00+08:00',
      left: 0,
    },
  ])('given $name, when counted, then $left working days are left', ({ now, deadline, left }) => {
    expect(workingDaysLeft(at(now), at(deadline))).toBe(left);
  });

  test.each([
    {
      now: '2025-11-03T09:00:00+08:00',
      deadline: '2025-11-03T12:30:00+08:00',
      expected: { state: 'hours', hours: 3, minutes: 30 },
    },
    {
      now: '2025-11-03T09:00:00+08:00',
      deadline: '2025-11-06T00:00:00+08:00',
      expected: { state: 'days', days: 2, hours: 15, workingDays: 2 },
    },
    {
      now: '2025-11-04T11:00:00+08:00',
      deadline: '2025-11-03T09:00:00+08:00',
      expected: { state: 'overdue', days: 1, hours: 2, minutes: 0 },
    },
  ])(
    'given now $now and deadline $deadline, when the countdown reads, then it is $expected',
    ({ now, deadline, expected }) => {
      expect(countdown(at(now), deadline)).toEqual(expected);
    },
  );
});

describe('server clock', () => {
  test('given Date headers 90 s ahead of this machine, when observed, then now() follows the server within a second', () => {
    let local = at('2025-11-03T01:00:00Z');
    const clock = createServerClock(() => local);
    clock.observe(new Date(local + 90_000).toUTCString());
    local += 5_000;
    clock.observe(new Date(local + 90_000).toUTCString());
    expect(Math.abs(clock.now() - (local + 90_000))).toBeLessThan(1_000);
  });

  test.each([null, 'not a date'])(
    'given a missing or malformed Date header (%p), when observed, then the offset stays',
    (header) => {
      const clock = createServerClock(() => 1_000_000);
      clock.observe(header);
      expect(clock.offsetMs()).toBe(0);
    },
  );
});
