import { databaseAttachmentStore } from '../../server/attachments/database-store';
import { attachFile } from '../../server/attachments/attachments';
import { assertAttachmentsUploaded } from '../../server/attachments/form-references';
import { useTestDatabases } from '../support/postgres';
import { samples } from './sample-files';

describe('attachment references in task form data', () => {
  const databases = useTestDatabases('pglite');

  async function uploadedPhoto() {
    const db = databases.db();
    const { attachment } = await attachFile(db, databaseAttachmentStore(db), {
      caseId: 'case-1',
      bytes: samples.jpeg('evidence'),
      filename: '现场.jpg',
      contentType: 'image/jpeg',
      uploadedBy: 'jisheng-pm',
      uploadedAt: new Date('2026-03-02T01:30:00Z'),
    });
    const { sha256, filename, size, contentType } = attachment;
    return { sha256, filename, size, contentType };
  }

  test('given a reference to a file uploaded to the case, when checked with other fields, then it passes', async () => {
    const photo = await uploadedPhoto();
    await expect(
      assertAttachmentsUploaded(databases.db(), 'case-1', { note: '已修好', count: 2, photo }),
    ).resolves.toBeUndefined();
  });

  test.each([
    ['another case', 'case-2', {}],
    ['a different size', 'case-1', { size: 1 }],
    ['a different type', 'case-1', { contentType: 'image/png' }],
    ['a different file name', 'case-1', { filename: 'other.jpg' }],
    ['a hash nobody uploaded', 'case-1', { sha256: 'b'.repeat(64) }],
  ])(
    'given a reference to %s, when checked, then 422 attachment.not-uploaded names the field',
    async (_case, caseId, change) => {
      const photo = { ...(await uploadedPhoto()), ...change };
      await expect(assertAttachmentsUploaded(databases.db(), caseId, { photo })).rejects.toMatchObject({
        status: 422,
        code: 'attachment.not-uploaded',
        details: { field: 'photo', sha256: photo.sha256 },
      });
    },
  );

  test('given a malformed reference, when checked, then 422 attachment.bad-reference', async () => {
    await expect(
      assertAttachmentsUploaded(databases.db(), 'case-1', { photo: { sha256: 'not-a-hash', filename: 'x.jpg' } }),
    ).rejects.toMatchObject({ status: 422, code: 'attachment.bad-reference', details: { field: 'photo' } });
  });
});
