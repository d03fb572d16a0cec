import type { AttachmentStore } from './attachment-store';
import type { S3StoreSettings } from './s3-store';

export { defaultMaxAttachmentBytes } from '../../definitions/attachment-ref';

/** How attachments are kept: the `GONGZHI_ATTACHMENTS_*` settings (server/config.ts). */
export interface AttachmentSettings {
  /** Largest accepted file in bytes. */
  maxBytes: number;
  /** Absent: the database store. */
  s3?: S3StoreSettings;
}

/** What the attachment routes run on: a store and the upload limit. */
export interface Attachments {
  store: AttachmentStore;
  maxBytes: number;
}
