import { createHash } from 'node:crypto';
import { databaseAttachmentStore } from '../../server/attachments/database-store';
import { testDialects, useTestDatabases } from '../support/postgres';
import { bilingual } from '../http/harness';
import { attachmentApp, attachmentCounts, uploadTime } from './attachment-app';
import { samples } from './sample-files';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Small enough to exceed quickly in tests; the default (20 MiB) is covered by the settings test. */
const maxBytes = 64 * 1024;

describe.each(testDialects)('the attachment routes on %s (database store)', (dialect) => {
  const databases = useTestDatabases(dialect);
  const appOf = () => attachmentApp(databases.db(), { store: databaseAttachmentStore(databases.db()), maxBytes });

  test('given the property manager uploads a photo, when staff and the auditor download it, then both get the same bytes shown inline', async () => {
    const { upload, download, caseId } = await appOf();
    const photo = samples.jpeg('elevator', 5000);

    const uploaded = await upload('jisheng-pm', { bytes: photo, contentType: 'image/jpeg', filename: '电梯 现场.jpg' });

    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toEqual({
      attachment: {
        id: expect.any(String),
        caseId,
        sha256: sha256(photo),
        size: 5000,
        contentType: 'image/jpeg',
        filename: '电梯 现场.jpg',
        uploadedBy: 'jisheng-pm',
        uploadedAt: uploadTime.toISOString(),
      },
    });
    for (const reader of ['jisheng-sq-staff', 'jizhou-auditor']) {
      const file = await download(reader, sha256(photo));
      expect(file.status).toBe(200);
      expect(Buffer.compare(file.body as Buffer, photo)).toBe(0);
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-disposition']).toBe(
        `inline; filename="_____.jpg"; filename*=UTF-8''${encodeURIComponent('电梯 现场.jpg')}`,
      );
      expect(file.headers.etag).toBe(`"${sha256(photo)}"`);
    }
  });

  test.each([
    ['application/pdf', 'inline', samples.pdf()],
    ['image/png', 'inline', samples.png()],
    ['image/webp', 'inline', samples.webp()],
    ['application/msword', 'attachment', samples.doc()],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'attachment', samples.docx()],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'attachment', samples.docx('xlsx')],
  ])('given a %s file, when uploaded and downloaded, then it is served %s with its type', async (type, how, bytes) => {
    const { upload, download } = await appOf();
    const uploaded = await upload('jisheng-sq-staff', { bytes, contentType: type, filename: 'minutes.bin' });
    expect(uploaded.status).toBe(201);
    const file = await download('jisheng-pm', uploaded.body.attachment.sha256);
    expect(file.headers['content-type']).toBe(type);
    expect(file.headers['content-disposition']).toMatch(new RegExp(`^${how}; filename="minutes\\.bin"`));
  });

  test('given the same bytes uploaded twice, when counting, then one blob and one attachment exist and the second answer is the first', async () => {
    const { upload } = await appOf();
    const photo = samples.png('twice');
    const first = await upload('jisheng-pm', { bytes: photo, contentType: 'image/png', filename: 'a.png' });
    const second = await upload('jisheng-sq-staff', { bytes: photo, contentType: 'image/png', filename: 'b.png' });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toEqual(first.body);
    expect(await attachmentCounts(databases.db())).toEqual({ attachments: 1, blobs: 1 });
  });

  test('given a file one byte over the limit, when uploaded, then 413 with a bilingual message and nothing is stored', async () => {
    const { upload } = await appOf();
    const response = await upload('jisheng-pm', {
      bytes: samples.jpeg('big', maxBytes + 1),
      contentType: 'image/jpeg',
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'attachment.too-large', details: { maxBytes } });
    expect(response.body.message).toMatch(bilingual);
    expect(await attachmentCounts(databases.db())).toEqual({ attachments: 0, blobs: 0 });
  });

  test('given a file exactly at the limit, when uploaded, then it is stored', async () => {
    const { upload } = await appOf();
    const response = await upload('jisheng-pm', { bytes: samples.jpeg('edge', maxBytes), contentType: 'image/jpeg' });
    expect(response.status).toBe(201);
    expect(response.body.attachment.size).toBe(maxBytes);
  });

  test.each([
    ['text/html', 'attachment.unsupported-type', samples.html()],
    ['image/gif', 'attachment.unsupported-type', Buffer.from('GIF89a-------')],
    ['application/zip', 'attachment.unsupported-type', samples.docx()],
    ['', 'attachment.unsupported-type', samples.png()],
    ['image/png', 'attachment.content-mismatch', samples.html()],
    ['application/pdf', 'attachment.content-mismatch', samples.jpeg()],
  ])('given content type %j, when uploaded, then 415 %s and nothing is stored', async (type, code, bytes) => {
    const { upload } = await appOf();
    const response = await upload('jisheng-pm', { bytes, contentType: type, filename: 'x' });
    expect(response.status).toBe(415);
    expect(response.body.code).toBe(code);
    expect(response.body.message).toMatch(bilingual);
    expect(await attachmentCounts(databases.db())).toEqual({ attachments: 0, blobs: 0 });
  });

  test.each([['shuangan-pm'], ['qingyuan-auditor'], ['jizhou-chengguan']])(
    'given %s, who cannot read the case, when uploading or downloading, then 404 case.not-found',
    async (outsider) => {
      const { upload, download } = await appOf();
      const photo = samples.png('secret');
      expect((await upload('jisheng-pm', { bytes: photo, contentType: 'image/png' })).status).toBe(201);
      const refusedUpload = await upload(outsider, { bytes: samples.png('theirs'), contentType: 'image/png' });
      const refusedDownload = await download(outsider, sha256(photo));
      expect([refusedUpload.status, refusedDownload.status]).toEqual([404, 404]);
      expect(JSON.parse(refusedDownload.body.toString()).code).toBe('case.not-found');
      expect(await attachmentCounts(databases.db())).toEqual({ attachments: 1, blobs: 1 });
    },
  );

  test('given an auditor of the district, when uploading, then 403 attachment.read-only and nothing is stored', async () => {
    const { upload } = await appOf();
    const response = await upload('jizhou-auditor', { bytes: samples.pdf(), contentType: 'application/pdf' });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('attachment.read-only');
    expect(response.body.message).toMatch(bilingual);
    expect(await attachmentCounts(databases.db())).toEqual({ attachments: 0, blobs: 0 });
  });

  test('given a finished case, when uploading, then 409 attachment.case-closed', async () => {
    const { upload, caseId } = await appOf();
    await databases
      .db()
      .query(`UPDATE cases SET status = 'completed', finished_at = now() WHERE case_id = $1`, [caseId]);
    const response = await upload('jisheng-sq-staff', { bytes: samples.pdf(), contentType: 'application/pdf' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('attachment.case-closed');
  });

  test('given bytes attached to another case only, when downloaded through this case, then 404 attachment.not-found', async () => {
    const { upload, download, caseId } = await appOf();
    const db = databases.db();
    await db.query(
      `INSERT INTO cases (case_id, template_key, template_version, template_name_zh, template_name_en, org_unit, status,
                          overdue, started_at, started_by, revision, updated_at)
       SELECT 'case-attachments-2', template_key, template_version, template_name_zh, template_name_en, org_unit,
              status, overdue, started_at, started_by, revision, updated_at FROM cases WHERE case_id = $1`,
      [caseId],
    );
    const photo = samples.png('other case');
    expect((await upload('jisheng-pm', { bytes: photo, contentType: 'image/png' }, 'case-attachments-2')).status).toBe(
      201,
    );
    const response = await download('jisheng-pm', sha256(photo));
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body.toString()).code).toBe('attachment.not-found');
  });

  test.each([
    ['no X-Filename header', undefined],
    ['a path only', encodeURIComponent('photos/')],
    ['a control character', encodeURIComponent('a\u0007b.png')],
    ['broken percent-encoding', '%E4%B8'],
  ])('given %s, when uploading, then 400 attachment.bad-filename', async (_case, header) => {
    const { app, tokenOf, caseId } = await appOf();
    const { default: request } = await import('supertest');
    const call = request(app)
      .post(`/api/cases/${caseId}/attachments`)
      .set('authorization', `Bearer ${await tokenOf('jisheng-pm')}`)
      .set('content-type', 'image/png');
    const response = await (header === undefined ? call : call.set('x-filename', header)).send(samples.png());
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('attachment.bad-filename');
  });

  test('given a browser path in the file name, when uploading, then only the base name is kept', async () => {
    const { upload } = await appOf();
    const response = await upload('jisheng-pm', {
      bytes: samples.png(),
      contentType: 'image/png',
      filename: 'C:\\fakepath\\现场.png',
    });
    expect(response.body.attachment.filename).toBe('现场.png');
  });

  test('given stored bytes altered behind Gongzhi’s back, when downloaded, then 500 attachment.integrity instead of the altered file', async () => {
    const { upload, download } = await appOf();
    const photo = samples.png('tampered');
    await upload('jisheng-pm', { bytes: photo, contentType: 'image/png' });
    await databases
      .db()
      .query('UPDATE attachment_blobs SET bytes = $1 WHERE sha256 = $2', [
        Buffer.concat([photo.subarray(0, photo.length - 1), Buffer.from('!')]),
        sha256(photo),
      ]);
    const response = await download('jisheng-sq-staff', sha256(photo));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body.toString())).toMatchObject({
      code: 'attachment.integrity',
      details: { problem: 'altered' },
    });
  });

  test('given the ETag, when downloading again with If-None-Match, then 304 without a body', async () => {
    const { app, tokenOf, upload, caseId } = await appOf();
    const photo = samples.png('cached');
    await upload('jisheng-pm', { bytes: photo, contentType: 'image/png' });
    const { default: request } = await import('supertest');
    const response = await request(app)
      .get(`/api/cases/${caseId}/attachments/${sha256(photo)}`)
      .set('authorization', `Bearer ${await tokenOf('jisheng-pm')}`)
      .set('if-none-match', `"${sha256(photo)}"`);
    expect(response.status).toBe(304);
  });
});
