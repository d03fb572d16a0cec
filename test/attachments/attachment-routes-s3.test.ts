import { createHash } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createAttachments } from '../../server/attachments/create-attachments';
import { createS3Client } from '../../server/attachments/s3-store';
import { useTestDatabases } from '../support/postgres';
import { attachmentApp, attachmentCounts } from './attachment-app';
import { startMotoS3, type MotoS3 } from './moto-server';
import { samples } from './sample-files';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The routes with the store the settings choose when a bucket is configured: a real moto S3 server. */
describe('the attachment routes with the S3 store (moto server)', () => {
  const databases = useTestDatabases('pglite');
  let moto: MotoS3 | undefined;
  let run = 0;
  let prefix = '';
  beforeAll(async () => {
    moto = await startMotoS3();
  }, 60_000);
  afterAll(async () => moto?.stop());
  beforeEach(() => {
    run += 1;
    prefix = `routes-${run}/`;
  });

  const settings = () => ({ ...moto!.settings, prefix });
  const appOf = () =>
    attachmentApp(databases.db(), createAttachments(databases.db(), { maxBytes: 4096, s3: settings() }));
  const objectKeys = async () => {
    const client = createS3Client(settings());
    const listed = await client.send(new ListObjectsV2Command({ Bucket: settings().bucket, Prefix: prefix }));
    client.destroy();
    return (listed.Contents ?? []).map((object) => object.Key);
  };

  test('given an upload twice, when downloaded, then the bytes come back and one object named by the sha256 holds them', async () => {
    const { upload, download } = await appOf();
    const photo = samples.png('s3 photo', 3000);
    const first = await upload('jisheng-pm', { bytes: photo, contentType: 'image/png', filename: 'photo.png' });
    const second = await upload('jisheng-sq-staff', { bytes: photo, contentType: 'image/png', filename: 'again.png' });
    expect([first.status, second.status]).toEqual([201, 200]);

    const file = await download('jizhou-auditor', sha256(photo));
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, photo)).toBe(0);
    expect(await objectKeys()).toEqual([`${prefix}${sha256(photo)}`]);
    // The metadata row is in the database; the bytes are not.
    expect(await attachmentCounts(databases.db())).toEqual({ attachments: 1, blobs: 0 });
  });

  test('given a file over the limit, when uploaded, then 413 and no object is written', async () => {
    const { upload } = await appOf();
    const response = await upload('jisheng-pm', { bytes: samples.pdf('big', 4097), contentType: 'application/pdf' });
    expect(response.status).toBe(413);
    expect(await objectKeys()).toEqual([]);
    expect(await attachmentCounts(databases.db())).toEqual({ attachments: 0, blobs: 0 });
  });

  test('given the object deleted from the bucket, when downloaded, then 500 attachment.integrity (missing)', async () => {
    const { upload, download } = await appOf();
    const photo = samples.jpeg('deleted');
    await upload('jisheng-pm', { bytes: photo, contentType: 'image/jpeg' });
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    const client = createS3Client(settings());
    await client.send(new DeleteObjectCommand({ Bucket: settings().bucket, Key: `${prefix}${sha256(photo)}` }));
    client.destroy();
    const response = await download('jisheng-pm', sha256(photo));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body.toString())).toMatchObject({
      code: 'attachment.integrity',
      details: { problem: 'missing' },
    });
  });
});
