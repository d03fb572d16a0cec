import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { AttachmentStore } from '../../server/attachments/attachment-store';
import { sha256Hex } from '../../server/attachments/attachment-store';
import { databaseAttachmentStore } from '../../server/attachments/database-store';
import { createS3Client, s3AttachmentStore } from '../../server/attachments/s3-store';
import type { Database } from '../../server/db/database';
import { useTestDatabases } from '../support/postgres';
import { startMotoS3, type MotoS3 } from './moto-server';
import { samples } from './sample-files';

/** One store under test and a way to count what it holds. */
interface StoreUnderTest {
  store(): AttachmentStore;
  /** How many distinct blobs the store holds. */
  count(): Promise<number>;
}

function databaseStore(dialect: 'pglite' | 'postgres'): StoreUnderTest {
  const databases = useTestDatabases(dialect);
  const db = (): Database => databases.db();
  return {
    store: () => databaseAttachmentStore(db()),
    count: async () => (await db().query<{ n: number }>('SELECT count(*) AS n FROM attachment_blobs')).rows[0]?.n ?? 0,
  };
}

function motoStore(): StoreUnderTest {
  let moto: MotoS3 | undefined;
  let prefix = '';
  let run = 0;
  beforeAll(async () => {
    moto = await startMotoS3();
  }, 60_000);
  afterAll(async () => moto?.stop());
  beforeEach(() => {
    run += 1;
    prefix = `test-${run}/`;
  });
  const settings = () => ({ ...moto!.settings, prefix });
  return {
    store: () => s3AttachmentStore(settings()),
    count: async () => {
      const client = createS3Client(settings());
      const listed = await client.send(new ListObjectsV2Command({ Bucket: settings().bucket, Prefix: prefix }));
      client.destroy();
      return listed.KeyCount ?? 0;
    },
  };
}

const stores: [string, () => StoreUnderTest][] = [
  ['the database store on pglite', () => databaseStore('pglite')],
  ['the database store on postgres', () => databaseStore('postgres')],
  ['the S3 store on a moto server', motoStore],
];

describe.each(stores)('%s', (_name, make) => {
  const subject = make();

  test('given a photo, when put and read back, then the bytes round-trip under their sha256', async () => {
    const photo = samples.jpeg('round-trip', 4096);
    const blob = await subject.store().put(photo);
    expect(blob).toEqual({ sha256: sha256Hex(photo), size: 4096 });
    expect(blob.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await subject.store().has(blob.sha256)).toBe(true);
    expect(Buffer.from((await subject.store().get(blob.sha256))!)).toEqual(photo);
  });

  test('given the same bytes put twice, when counting the store, then one blob is held', async () => {
    const minutes = samples.pdf('twice');
    const first = await subject.store().put(minutes);
    const second = await subject.store().put(Buffer.from(minutes));
    expect(second).toEqual(first);
    await subject.store().put(samples.pdf('other'));
    expect(await subject.count()).toBe(2);
  });

  test('given nothing stored under a hash, when asked, then has is false and get is undefined', async () => {
    const absent = sha256Hex(samples.png('never stored'));
    expect(await subject.store().has(absent)).toBe(false);
    expect(await subject.store().get(absent)).toBeUndefined();
  });
});
