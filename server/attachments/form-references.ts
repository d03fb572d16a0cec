import { AttachmentRef } from '../../definitions/attachment-ref';
import type { Queryable } from '../db/database';
import { HttpError, say } from '../http/errors';
import { findAttachment } from './attachments';

/** A form value shaped like an attachment reference (it names a sha256), whatever else it holds. */
function looksLikeReference(value: unknown): value is { sha256: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'sha256' in value;
}

/** Every value shaped like an attachment reference in `input`, with its path (`photo`, `attachments.0`, `data.photo`). */
function referencesIn(input: unknown, path: string[] = [], depth = 0): { field: string; value: { sha256: unknown } }[] {
  if (looksLikeReference(input)) return [{ field: path.join('.'), value: input }];
  if (depth >= 4 || typeof input !== 'object' || input === null) return [];
  const entries = Array.isArray(input)
    ? input.map((value, index) => [String(index), value] as const)
    : Object.entries(input);
  return entries.flatMap(([key, value]) => referencesIn(value, [...path, key], depth + 1));
}

/**
 * Refuses an action's input (task form data, a whistle's report-back attachments) that references a file not uploaded
 * to this case: every value shaped like an attachment reference must be a well-formed {@link AttachmentRef} whose
 * sha256 is attached to `caseId` with the same file name, size and type. The workflow's validator cannot look into the
 * database, so the action routes call this before sending the Update; the timeline entry then only ever carries hashes
 * of evidence Gongzhi holds. Throws 422 `attachment.not-uploaded` (or `attachment.bad-reference`) naming the field.
 */
export async function assertAttachmentsUploaded(
  db: Queryable,
  caseId: string,
  input: Readonly<Record<string, unknown>>,
): Promise<void> {
  for (const { field, value } of referencesIn(input)) {
    const reference = AttachmentRef.safeParse(value);
    if (!reference.success) {
      throw new HttpError(
        422,
        'attachment.bad-reference',
        say(`字段“${field}”的附件引用格式不对`, `field "${field}" holds a malformed attachment reference`),
        {
          field,
          issues: reference.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        },
      );
    }
    const { sha256, filename, size, contentType } = reference.data;
    const stored = await findAttachment(db, caseId, sha256);
    if (!stored || stored.filename !== filename || stored.size !== size || stored.contentType !== contentType) {
      throw new HttpError(
        422,
        'attachment.not-uploaded',
        say(
          `字段“${field}”引用的文件未上传到本案件，请重新上传`,
          `field "${field}" references a file not uploaded to this case; upload it again`,
        ),
        { field, sha256 },
      );
    }
  }
}
