import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { bundledCalendar, holidayCalendar, type HolidayCalendar } from '../../../activities/deadline/holiday-calendar';
import { useApi } from '../api/api-context';

/** The query key of the holiday schedules (the import page refreshes it after an import). */
export const holidaySchedulesKey = ['calendar', 'schedules'] as const;

/**
 * The working-day calendar the browser's countdowns count on: the bundled `chinese-days` years plus the years an
 * admin imported (GET /api/calendar/schedules, fetched once per hour and shared by every countdown), so a countdown
 * agrees with the deadlines the server computes. Until the answer arrives (or when it fails) the bundled years alone.
 */
export function useHolidayCalendar(): HolidayCalendar {
  const api = useApi();
  const { data } = useQuery({
    queryKey: holidaySchedulesKey,
    queryFn: () => api.holidaySchedules(),
    staleTime: 60 * 60_000,
  });
  return useMemo(() => (data ? holidayCalendar(data.inForce) : bundledCalendar), [data]);
}
