import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { sha256Hex, type AttachmentStore, type StoredBlob } from './attachment-store';

/** Where the S3-compatible store is: the `GONGZHI_ATTACHMENTS_S3_*` settings. */
export interface S3StoreSettings {
  /** e.g. `http://127.0.0.1:9000` (MinIO, moto, a cloud's S3 endpoint); absent: AWS's own endpoint for `region`. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Static keys; absent: the SDK's default credential chain (environment, instance role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Objects are `<prefix><sha256>`; `attachments/` by default. */
  prefix?: string;
}

/** The S3 client for `settings`: path-style addressing, which every S3-compatible server understands. */
export function createS3Client(settings: S3StoreSettings): S3Client {
  return new S3Client({
    region: settings.region,
    forcePathStyle: true,
    ...(settings.endpoint && { endpoint: settings.endpoint }),
    ...(settings.credentials && { credentials: settings.credentials }),
    // Send and check the extra CRC checksums only where the API requires them: not every S3-compatible server knows
    // them. Integrity is checked by Gongzhi itself (x-amz-checksum-sha256 on upload, the sha256 on every read).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404;
}

/**
 * An {@link AttachmentStore} on an S3-compatible object store, one object per distinct content named by its sha256.
 * The upload carries its sha256 (`x-amz-checksum-sha256`), so the server refuses bytes damaged on the way.
 */
export function s3AttachmentStore(
  settings: S3StoreSettings,
  client: S3Client = createS3Client(settings),
): AttachmentStore {
  const key = (sha256: string) => `${settings.prefix ?? 'attachments/'}${sha256}`;

  const has = async (sha256: string): Promise<boolean> => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: key(sha256) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  };

  return {
    location: 's3',
    has,

    async put(bytes: Uint8Array): Promise<StoredBlob> {
      const blob = { sha256: sha256Hex(bytes), size: bytes.byteLength };
      if (await has(blob.sha256)) return blob;
      await client.send(
        new PutObjectCommand({
          Bucket: settings.bucket,
          Key: key(blob.sha256),
          Body: bytes,
          ContentLength: blob.size,
          ContentType: 'application/octet-stream',
          ChecksumSHA256: Buffer.from(blob.sha256, 'hex').toString('base64'),
        }),
      );
      return blob;
    },

    async get(sha256: string): Promise<Uint8Array | undefined> {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key(sha256) }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}
