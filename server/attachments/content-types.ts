import { attachmentContentTypes } from '../../definitions/attachment-ref';

/**
 * The kinds of file a case accepts as evidence, and how each is recognised from its first bytes. The declared
 * `Content-Type` must be on the list *and* the bytes must look like it, so an HTML page sent as `image/png` is refused
 * instead of stored and later served to a browser.
 */

/** How a browser shows a file: images and PDFs open in place, office documents download. */
export type Disposition = 'inline' | 'attachment';

type AllowedType = keyof typeof attachmentContentTypes;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const jpeg = (bytes: Uint8Array) => startsWith(bytes, [0xff, 0xd8, 0xff]);
const png = (bytes: Uint8Array) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const webp = (bytes: Uint8Array) => startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8);
const pdf = (bytes: Uint8Array) => startsWith(bytes, ascii('%PDF-'));
/** Word/Excel/PowerPoint 97–2003: an OLE compound file. */
const compoundFile = (bytes: Uint8Array) => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Office Open XML (.docx, .xlsx, .pptx): a zip archive. */
const zip = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

/** How each accepted type is recognised from its leading bytes (its magic number). */
const signatures: Record<AllowedType, (bytes: Uint8Array) => boolean> = {
  'image/jpeg': jpeg,
  'image/png': png,
  'image/webp': webp,
  'application/pdf': pdf,
  'application/msword': compoundFile,
  'application/vnd.ms-excel': compoundFile,
  'application/vnd.ms-powerpoint': compoundFile,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': zip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': zip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': zip,
};

/** The accepted content types, for error details and the OpenAPI document. */
export const allowedContentTypes: readonly string[] = Object.keys(attachmentContentTypes);

/** `image/PNG; charset=x` → `image/png`: the media type without parameters, lower case. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Whether `contentType` (a bare media type) is on the allow-list. */
export function isAllowedContentType(contentType: string): contentType is AllowedType {
  return Object.prototype.hasOwnProperty.call(attachmentContentTypes, contentType);
}

/** Whether the bytes look like `contentType` (false for types not on the list). */
export function contentMatchesType(contentType: string, bytes: Uint8Array): boolean {
  return isAllowedContentType(contentType) && signatures[contentType](bytes);
}

/** How a stored file of `contentType` is served (anything unknown downloads). */
export function dispositionOf(contentType: string): Disposition {
  return isAllowedContentType(contentType) ? attachmentContentTypes[contentType] : 'attachment';
}
