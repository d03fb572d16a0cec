import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiProvider } from '../src/api/api-context';
import { DeriveDialog } from '../src/home/derive-dialog';
import { I18nProvider } from '../src/i18n/i18n';
import { fakeApi } from './fake-api';

const builtIn = {
  key: 'resident-complaint',
  name: { zh: '居民诉求', en: 'Resident complaint' },
  ownerUnit: null,
  builtIn: true,
  latestVersion: 2,
  hasDraft: false,
  draftRevision: null,
  retired: false,
  editable: false,
};

function renderDialog(template = builtIn) {
  const { client, requests } = fakeApi((request) =>
    request.method === 'POST'
      ? {
          status: 201,
          body: {
            template: { ...builtIn, key: 'jizhou-resident-complaint', ownerUnit: 'jian/jizhou', builtIn: false },
            draft: {
              definition: {},
              revision: 1,
              updatedAt: '2026-12-07T10:00:00.000Z',
              updatedBy: 'admin',
              issues: [],
            },
          },
        }
      : undefined,
  );
  const onDone = jest.fn();
  render(
    <I18nProvider language="zh">
      <ApiProvider client={client}>
        <DeriveDialog template={template} units={['jian/jizhou']} onDone={onDone} onCancel={() => {}} />
      </ApiProvider>
    </I18nProvider>,
  );
  return { requests, onDone };
}

describe('deriving a template', () => {
  test('given a built-in with two published versions, when the admin picks version 1, then that version is derived', async () => {
    // given
    const { requests, onDone } = renderDialog();
    const version = screen.getByTestId<HTMLSelectElement>('derive-version');
    expect(version.value).toBe('2');
    expect(Array.from(version.options).map((option) => option.textContent)).toEqual(['第 2 版（最新）', '第 1 版']);
    // when
    fireEvent.change(version, { target: { value: '1' } });
    fireEvent.click(screen.getByTestId('derive-submit'));
    // then
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('jizhou-resident-complaint'));
    expect(requests.find((request) => request.method === 'POST')).toMatchObject({
      path: '/api/templates/resident-complaint/derive',
      body: { ownerUnit: 'jian/jizhou', version: 1 },
    });
  });

  test('given a template with one version, then no version choice is offered and the latest is derived', async () => {
    const { requests, onDone } = renderDialog({ ...builtIn, latestVersion: 1 });
    expect(screen.queryByTestId('derive-version')).toBeNull();
    fireEvent.click(screen.getByTestId('derive-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({
      ownerUnit: 'jian/jizhou',
      version: 1,
    });
  });
});
