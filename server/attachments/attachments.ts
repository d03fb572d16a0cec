import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import { sha256Hex, type AttachmentStore } from './attachment-store';
import type { Attachment } from './schemas';

/** A file to attach to a case, already checked for size and type. */
export interface NewAttachment {
  caseId: string;
  bytes: Uint8Array;
  filename: string;
  contentType: string;
  uploadedBy: string;
  uploadedAt: Date;
}

interface AttachmentRow {
  id: string;
  case_id: string;
  sha256: string;
  size: number;
  content_type: string;
  filename: string;
  uploaded_by: string;
  uploaded_at: Date;
}

const columns = 'id, case_id, sha256, size, content_type, filename, uploaded_by, uploaded_at';

function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    caseId: row.case_id,
    sha256: row.sha256,
    size: row.size,
    contentType: row.content_type,
    filename: row.filename,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

/** The attachment of `caseId` whose content is `sha256`, or undefined. */
export async function findAttachment(db: Queryable, caseId: string, sha256: string): Promise<Attachment | undefined> {
  const result = await db.query<AttachmentRow>(
    `SELECT ${columns} FROM attachments WHERE case_id = $1 AND sha256 = $2`,
    [caseId, sha256],
  );
  return result.rows[0] && toAttachment(result.rows[0]);
}

/**
 * Attaches a file to a case. The bytes go to the store under their sha256 (once, however often they are uploaded),
 * the metadata row to `attachments` — with the database store in one transaction, so neither exists without the
 * other. The same bytes attached to the same case again answer the first attachment (`created: false`): the case
 * then holds one entry per distinct content, which is what its timeline references.
 */
export async function attachFile(
  db: Database,
  store: AttachmentStore,
  file: NewAttachment,
): Promise<{ attachment: Attachment; created: boolean }> {
  const sha256 = sha256Hex(file.bytes);
  const existing = await findAttachment(db, file.caseId, sha256);
  if (existing) return { attachment: existing, created: false };
  if (store.location !== 'database') await store.put(file.bytes);
  return db.transaction(async (tx) => {
    if (store.location === 'database') await store.put(file.bytes, tx);
    const inserted = await tx.query<AttachmentRow>(
      `INSERT INTO attachments (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (case_id, sha256) DO NOTHING RETURNING ${columns}`,
      [
        randomUUID(),
        file.caseId,
        sha256,
        file.bytes.byteLength,
        file.contentType,
        file.filename,
        file.uploadedBy,
        file.uploadedAt,
      ],
    );
    if (inserted.rows[0]) return { attachment: toAttachment(inserted.rows[0]), created: true };
    // A concurrent upload of the same bytes to the same case committed first.
    const raced = await findAttachment(tx, file.caseId, sha256);
    if (!raced) throw new Error(`attachment ${file.caseId}/${sha256} neither inserted nor found`);
    return { attachment: raced, created: false };
  });
}

/** Thrown when stored bytes no longer hash to their name: the evidence was altered or damaged where it is kept. */
export class AttachmentIntegrityError extends Error {
  override readonly name = 'AttachmentIntegrityError';

  constructor(
    readonly sha256: string,
    readonly problem: 'missing' | 'altered',
  ) {
    super(`attachment bytes ${sha256} are ${problem} in the store`);
  }
}

/**
 * The bytes of an attachment, checked against its sha256 on every read, so altered evidence is never served as if it
 * were the original. Throws {@link AttachmentIntegrityError} when the bytes are missing or altered.
 */
export async function readAttachmentBytes(store: AttachmentStore, sha256: string): Promise<Uint8Array> {
  const bytes = await store.get(sha256);
  if (!bytes) throw new AttachmentIntegrityError(sha256, 'missing');
  if (sha256Hex(bytes) !== sha256) throw new AttachmentIntegrityError(sha256, 'altered');
  return bytes;
}
