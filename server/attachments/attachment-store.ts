import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database';

/** What a store answers for stored bytes: their content address and length. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Where attachment bytes live, addressed by their sha256: putting the same bytes twice stores them once. Two
 * implementations: the database (default; the bytes commit in the same transaction as the attachment's metadata row)
 * and an S3-compatible object store (for scale; the object is written before the metadata row commits, so a row
 * never names missing bytes — at worst an unreferenced object stays behind when the transaction fails).
 */
export interface AttachmentStore {
  /** `database`: {@link put} writes through the transaction it is given; `s3`: outside any transaction. */
  readonly location: 'database' | 's3';
  /** Stores `bytes` unless bytes with the same hash are already there. */
  put(bytes: Uint8Array, tx?: Queryable): Promise<StoredBlob>;
  /** The bytes stored under `sha256`, or undefined when there are none. */
  get(sha256: string): Promise<Uint8Array | undefined>;
  /** Whether bytes are stored under `sha256`. */
  has(sha256: string): Promise<boolean>;
}

/** The sha256 hex digest of `bytes`: an attachment's content address. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
