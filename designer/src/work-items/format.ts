import { AttachmentRef } from '../../../definitions/attachment-ref';
import { shanghaiDate } from '../../../definitions/time';

/** An instant as people read it in Asia/Shanghai: `2025-10-12 09:30`. */
export function formatInstant(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const shifted = new Date(ms + 8 * 3_600_000).toISOString();
  return `${shanghaiDate(ms)} ${shifted.slice(11, 16)}`;
}

/** A variable's or a form value's value as a short line of text. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const attachment = AttachmentRef.safeParse(value);
  // A file: its name and the start of its content hash (the part the hash chain covers).
  if (attachment.success) return `${attachment.data.filename} (sha256 ${attachment.data.sha256.slice(0, 12)}…)`;
  if (Array.isArray(value) && value.every((item) => AttachmentRef.safeParse(item).success)) {
    return value.map(formatValue).join('、');
  }
  return JSON.stringify(value);
}
