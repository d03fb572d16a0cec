import { z } from 'zod';

/**
 * What a form's `attachment` field holds once a file is uploaded: the file's content hash and what a person needs to
 * recognise it. Submitted with the task, it lands in the case's hash-chained timeline, so the chain covers the
 * evidence: changing the file changes its sha256, which no longer matches the recorded entry.
 */

/** A sha256 digest as 64 lowercase hex digits: the name of an uploaded file's content. */
export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 sha256 / expected a sha256 hex digest');

/** The largest upload any store accepts; the server's own limit (settings) is at most this. */
export const maxAttachmentBytes = 100 * 1024 * 1024;

/** The server's upload limit unless configured: 20 MiB, enough for phone photos and scanned minutes. */
export const defaultMaxAttachmentBytes = 20 * 1024 * 1024;

const ooxml = 'application/vnd.openxmlformats-officedocument';

/**
 * The kinds of file an attachment field accepts, and how a browser shows each: images and PDFs open in place, office
 * documents download. The server also checks each file's leading bytes against its type (server/attachments).
 */
export const attachmentContentTypes = {
  'image/jpeg': 'inline',
  'image/png': 'inline',
  'image/webp': 'inline',
  'application/pdf': 'inline',
  'application/msword': 'attachment',
  'application/vnd.ms-excel': 'attachment',
  'application/vnd.ms-powerpoint': 'attachment',
  [`${ooxml}.wordprocessingml.document`]: 'attachment',
  [`${ooxml}.spreadsheetml.sheet`]: 'attachment',
  [`${ooxml}.presentationml.presentation`]: 'attachment',
} as const satisfies Record<string, 'inline' | 'attachment'>;

/** A file name as shown and offered for download: no path, no control characters. */
export const AttachmentFileName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine(
    (name) =>
      [...name].every((char) => char.charCodeAt(0) >= 0x20 && char !== '\u007f' && char !== '/' && char !== '\\'),
    '文件名不能含路径或控制字符 / no path or control characters',
  );

/** The reference an `attachment` field's value carries: `{ sha256, filename, size, contentType }`. */
export const AttachmentRef = z.strictObject({
  sha256: Sha256Hex,
  filename: AttachmentFileName,
  size: z.number().int().min(1).max(maxAttachmentBytes),
  contentType: z.string().min(1).max(200),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/**
 * What a string case variable set from an attachment field holds (`setsVariable`): the file's name and content hash
 * as text, so the variable keeps its declared type and still names the evidence exactly.
 */
export function attachmentVariableText(reference: AttachmentRef): string {
  return `${reference.filename} (sha256:${reference.sha256})`;
}
