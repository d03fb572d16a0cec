import type { Database } from '../db/database';
import { databaseAttachmentStore } from './database-store';
import { s3AttachmentStore } from './s3-store';
import { defaultMaxAttachmentBytes, type Attachments, type AttachmentSettings } from './settings';

/** The store the settings choose: S3-compatible when a bucket is configured, Gongzhi's database otherwise. */
export function createAttachments(db: Database, settings: Partial<AttachmentSettings> = {}): Attachments {
  return {
    store: settings.s3 ? s3AttachmentStore(settings.s3) : databaseAttachmentStore(db),
    maxBytes: settings.maxBytes ?? defaultMaxAttachmentBytes,
  };
}
