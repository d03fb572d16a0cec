import { fireEvent, screen, waitFor } from '@testing-library/react';
import { complaintDefinition, fakeApi } from './fake-api';
import { renderWorkspace } from './render-workspace';

describe('draft lifecycle in the editor', () => {
  test('given another admin saved meanwhile, when autosave sends the stale revision, then a banner says who saved when and offers a reload', async () => {
    // given
    const { client, requests } = fakeApi((request) =>
      request.method === 'PUT'
        ? {
            status: 409,
            body: {
              code: 'template.draft-conflict',
              message: '草稿已被 wang 保存 / the draft was saved by wang',
              details: { currentRevision: 4, updatedBy: 'wang', updatedAt: '2025-10-09T02:30:00.000Z' },
            },
          }
        : undefined,
    );
    const { onReload } = renderWorkspace(client, complaintDefinition());
    // when
    fireEvent.change(screen.getByTestId('input-name.zh'), { target: { value: '居民诉求（吉州版）' } });
    // then
    const banner = await screen.findByTestId('conflict-banner', {}, { timeout: 3000 });
    expect(banner.textContent).toContain('另一位管理员（wang）已于 2025年10月9日 10:30 保存了草稿');
    expect(requests.find((request) => request.method === 'PUT')?.body).toMatchObject({ revision: 3 });
    expect(screen.getByTestId<HTMLButtonElement>('publish').disabled).toBe(true);
    fireEvent.click(screen.getByTestId('conflict-reload'));
    expect(onReload).toHaveBeenCalled();
  });

  test('given a draft, when an edit pauses, then it is saved with its revision and the next save uses the new revision', async () => {
    // given
    let revision = 3;
    const { client, requests } = fakeApi((request) => {
      if (request.method !== 'PUT') return undefined;
      revision += 1;
      return {
        status: 200,
        body: {
          draft: {
            definition: {},
            revision,
            updatedAt: '2025-10-09T02:30:00.000Z',
            updatedBy: 'jizhou-admin',
            issues: [],
          },
        },
      };
    });
    renderWorkspace(client, complaintDefinition());
    // when
    fireEvent.change(screen.getByTestId('input-name.zh'), { target: { value: '第一次' } });
    await waitFor(() => expect(screen.getByTestId('save-state').getAttribute('data-status')).toBe('saved'), {
      timeout: 3000,
    });
    fireEvent.change(screen.getByTestId('input-name.zh'), { target: { value: '第二次' } });
    // then
    await waitFor(() => expect(requests.filter((request) => request.method === 'PUT')).toHaveLength(2), {
      timeout: 3000,
    });
    const saves = requests.filter((request) => request.method === 'PUT').map((request) => request.body);
    expect(saves).toMatchObject([
      { revision: 3, definition: { name: { zh: '第一次' } } },
      { revision: 4, definition: { name: { zh: '第二次' } } },
    ]);
  });

  test('given a template the user may not edit, when it opens, then the editor is read-only', () => {
    // given
    const { client, requests } = fakeApi();
    // when
    renderWorkspace(client, complaintDefinition(), { editable: false });
    // then
    expect(screen.getByTestId('read-only-banner')).toBeTruthy();
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(screen.queryByTestId('publish')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('input-name.zh').disabled).toBe(true);
    expect(requests.some((request) => request.method === 'PUT')).toBe(false);
  });
});
