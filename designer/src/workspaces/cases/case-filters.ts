import { z } from 'zod';
import { CaseStatus } from '../../../../definitions/engine/state';
import type { CaseFilters } from '../../api/case-calls';

const optionalText = z
  .string()
  .optional()
  .transform((text) => (text?.trim() ? text.trim() : undefined));
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** The case list's filters as the address keeps them (`?templateKey=…&status=running&from=2025-10-01`). */
export const CaseFilterParams = z.object({
  templateKey: optionalText,
  status: CaseStatus.optional().catch(undefined),
  orgUnit: optionalText,
  overdue: z.enum(['true', 'false']).optional().catch(undefined),
  from: isoDay,
  to: isoDay,
  /** The auditor's event filters: someone who recorded a timeline entry, and the days it fell on. */
  actor: optionalText,
  eventFrom: isoDay,
  eventTo: isoDay,
});
export type CaseFilterParams = z.infer<typeof CaseFilterParams>;

/** Reads the filters from the address's search params (unknown or malformed ones are dropped). */
export function readFilters(params: URLSearchParams): CaseFilterParams {
  return CaseFilterParams.parse(Object.fromEntries(params));
}

/** The search params of a set of filters (empty ones left out), for the address. */
export function filtersToParams(filters: CaseFilterParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) params[key] = value;
  return params;
}

const dayMs = 24 * 3_600_000;

/**
 * The API's filters: dates are whole days in Asia/Shanghai, `from` inclusive and `to` inclusive (so `to` becomes the
 * next day's midnight, as the API's `startedTo` is exclusive).
 */
export function toApiFilters(filters: CaseFilterParams): CaseFilters {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + dayMs).toISOString();
  return {
    ...(filters.templateKey && { templateKey: filters.templateKey }),
    ...(filters.status && { status: filters.status }),
    ...(filters.orgUnit && { orgUnit: filters.orgUnit }),
    ...(filters.overdue && { overdue: filters.overdue === 'true' }),
    ...(filters.from && { startedFrom: `${filters.from}T00:00:00+08:00` }),
    ...(filters.to && { startedTo: next(filters.to) }),
    ...(filters.actor && { eventActor: filters.actor }),
    ...(filters.eventFrom && { eventFrom: `${filters.eventFrom}T00:00:00+08:00` }),
    ...(filters.eventTo && { eventTo: next(filters.eventTo) }),
  };
}
