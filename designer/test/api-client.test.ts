import { isApiError } from '../src/api/api-error';
import { fakeApi } from './fake-api';

describe('API client', () => {
  test('given a stale draft revision, when saving, then the refusal carries the conflict code and details', async () => {
    // given
    const { client, requests } = fakeApi((request) =>
      request.method === 'PUT'
        ? {
            status: 409,
            body: {
              code: 'template.draft-conflict',
              message: '草稿已被 li 保存 / the draft was saved by li',
              details: { currentRevision: 5, updatedBy: 'li', updatedAt: '2026-03-02T01:00:00.000Z' },
            },
          }
        : undefined,
    );
    // when
    const failure = await client.saveDraft('my-process', { key: 'my-process' }, 4).catch((error: unknown) => error);
    // then
    expect(isApiError(failure) && [failure.status, failure.code, failure.details]).toEqual([
      409,
      'template.draft-conflict',
      { currentRevision: 5, updatedBy: 'li', updatedAt: '2026-03-02T01:00:00.000Z' },
    ]);
    expect(requests[0]).toEqual({
      method: 'PUT',
      path: '/api/templates/my-process/draft',
      body: { definition: { key: 'my-process' }, revision: 4 },
    });
  });

  test('given an answer of the wrong shape, when it arrives, then the client refuses it instead of passing it on', async () => {
    // given
    const { client } = fakeApi(() => ({ status: 200, body: { templates: [{ key: 'x' }] } }));
    // when
    const failure = await client.listTemplates().catch((error: unknown) => error);
    // then
    expect(isApiError(failure) && failure.code).toBe('response.unexpected');
  });
});
