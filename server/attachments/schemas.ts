import { z } from 'zod';
import { AttachmentFileName, Sha256Hex } from '../../definitions/attachment-ref';

/**
 * The attachment routes' shapes (no Node imports: the web app parses answers with them too). An upload answers
 * `{ attachment }`; the reference a form field keeps is its `{ sha256, filename, size, contentType }` part.
 */
export const Attachment = z.object({
  id: z.string(),
  caseId: z.string(),
  sha256: Sha256Hex,
  size: z.number().int().min(0),
  contentType: z.string(),
  filename: AttachmentFileName,
  uploadedBy: z.string(),
  uploadedAt: z.iso.datetime({ offset: true }),
});
export type Attachment = z.infer<typeof Attachment>;

/** The answer to an upload (201 stored now, 200 the same bytes were already attached to the case). */
export const UploadedAttachment = z.object({ attachment: Attachment });
export type UploadedAttachment = z.infer<typeof UploadedAttachment>;

/** The path of one attachment: the case and the content's sha256. */
export const AttachmentParams = z.strictObject({ id: z.string().min(1).max(200), sha256: Sha256Hex });

/** The header carrying the file's name on upload, percent-encoded UTF-8 (headers are ASCII). */
export const fileNameHeader = 'X-Filename';
