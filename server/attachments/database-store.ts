import type { Database, Queryable } from '../db/database';
import { sha256Hex, type AttachmentStore, type StoredBlob } from './attachment-store';

/**
 * The default {@link AttachmentStore}: bytes in the `attachment_blobs` table (bytea) of Gongzhi's own database,
 * PGlite or PostgreSQL. Nothing else to run or back up, and the bytes commit together with their metadata row.
 */
export function databaseAttachmentStore(db: Database): AttachmentStore {
  return {
    location: 'database',

    async put(bytes: Uint8Array, tx: Queryable = db): Promise<StoredBlob> {
      const blob = { sha256: sha256Hex(bytes), size: bytes.byteLength };
      await tx.query(
        'INSERT INTO attachment_blobs (sha256, size, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
        [blob.sha256, blob.size, bytes],
      );
      return blob;
    },

    async get(sha256: string): Promise<Uint8Array | undefined> {
      const result = await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM attachment_blobs WHERE sha256 = $1', [
        sha256,
      ]);
      return result.rows[0]?.bytes;
    },

    async has(sha256: string): Promise<boolean> {
      const result = await db.query('SELECT 1 FROM attachment_blobs WHERE sha256 = $1', [sha256]);
      return result.rows.length > 0;
    },
  };
}
