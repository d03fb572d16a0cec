import request from 'supertest';
import { allowedContentTypes } from '../../server/attachments/content-types';
import { useTestDatabases } from '../support/postgres';
import { testApp } from '../http/harness';

describe('the attachment operations in the OpenAPI document', () => {
  const databases = useTestDatabases('pglite');

  test('given the document, when reading the upload and download operations, then the binary body, the answer and the refusals are described', async () => {
    const { app } = testApp(databases.db());
    const document = (await request(app).get('/api/openapi.json')).body;
    const upload = document.paths['/api/cases/{id}/attachments'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(allowedContentTypes);
    expect(upload.parameters).toContainEqual(expect.objectContaining({ name: 'X-Filename', in: 'header' }));
    const answer = upload.responses['201'].content['application/json'].schema;
    expect(answer.properties.attachment.required).toEqual(
      expect.arrayContaining(['id', 'sha256', 'size', 'contentType', 'filename', 'uploadedBy', 'uploadedAt']),
    );
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '403', '404', '413', '415']));
    const download = document.paths['/api/cases/{id}/attachments/{sha256}'].get;
    expect(download.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'sha256']);
    expect(Object.keys(download.responses)).toEqual(expect.arrayContaining(['200', '404']));
  });
});
