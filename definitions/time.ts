/**
 * Instants in Gongzhi are ISO-8601 strings; people read them in Asia/Shanghai (UTC+08:00, no daylight saving).
 * Pure helpers, safe in the browser and the workflow sandbox.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Formats epoch milliseconds as an ISO-8601 instant with the +08:00 offset, e.g. 2025-10-12T00:00:00+08:00. */
export function formatShanghai(epochMs: number): string {
  const local = new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString(); // e.g. 2025-10-11T16:00:00.000Z shifted
  const withoutZone = local.endsWith('.000Z') ? local.slice(0, -5) : local.slice(0, -1);
  return `${withoutZone}+08:00`;
}

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(epochMs: number): string {
  return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch milliseconds of 00:00 Asia/Shanghai on a calendar date (YYYY-MM-DD). */
export function shanghaiMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** Parses an ISO-8601 instant that carries an offset or Z; returns NaN when it does not. */
export function parseInstant(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return Number.NaN;
  return Date.parse(text);
}
