import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import type { AttachmentRef } from '../../definitions/attachment-ref';
import { createAttachmentApi } from '../src/attachments/attachment-api';
import { AttachmentField } from '../src/attachments/attachment-field';
import { I18nProvider, type Language } from '../src/i18n/i18n';

/** One request the fake server saw. */
interface SeenRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Answer = { status: number; json?: unknown; blob?: Blob };

const sha = 'a'.repeat(64);

const uploaded = (file: { name: string; type: string; size: number }) => ({
  status: 201,
  json: {
    attachment: {
      id: 'att-1',
      caseId: 'case-1',
      sha256: sha,
      size: file.size,
      contentType: file.type,
      filename: file.name,
      uploadedBy: 'jisheng-pm',
      uploadedAt: '2026-03-02T01:30:00.000Z',
    },
  },
});

/** The attachment API over a fake fetch: the real request building and answer parsing run. */
function fakeAttachmentApi(answer: (request: SeenRequest) => Answer) {
  const requests: SeenRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = {
      method: init?.method ?? 'GET',
      path: String(input),
      headers: new Headers(init?.headers),
      body: init?.body,
    };
    requests.push(request);
    const result = answer(request);
    const response = {
      ok: result.status < 400,
      status: result.status,
      text: async () => JSON.stringify(result.json ?? {}),
      blob: async () => result.blob ?? new Blob(),
    };
    return response as Response;
  };
  return { api: createAttachmentApi({ fetch, token: () => 'test-token' }), requests };
}

function Harness(props: {
  api: ReturnType<typeof createAttachmentApi>;
  initial?: AttachmentRef;
  onValue: (value: AttachmentRef | undefined) => void;
  language?: Language;
  maxBytes?: number;
}) {
  const [value, setValue] = useState<AttachmentRef | undefined>(props.initial);
  return (
    <I18nProvider language={props.language ?? 'zh'}>
      <AttachmentField
        caseId="case-1"
        label="现场照片"
        value={value}
        onChange={(next) => {
          setValue(next);
          props.onValue(next);
        }}
        api={props.api}
        {...(props.maxBytes !== undefined && { maxBytes: props.maxBytes })}
      />
    </I18nProvider>
  );
}

const choose = (file: File) => fireEvent.change(screen.getByTestId('attachment-input'), { target: { files: [file] } });

beforeAll(() => {
  Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:preview-1'), revokeObjectURL: jest.fn() });
});

describe('AttachmentField', () => {
  test('given a photo chosen, when it uploads, then the file itself is sent and the field holds its reference and shows a preview', async () => {
    // given
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], '电梯 现场.jpg', {
      type: 'image/jpeg',
    });
    const { api, requests } = fakeAttachmentApi((request) =>
      request.method === 'POST' ? uploaded(photo) : { status: 200, blob: new Blob(['jpeg']) },
    );
    const onValue = jest.fn();
    render(<Harness api={api} onValue={onValue} />);
    // when
    choose(photo);
    // then
    await waitFor(() => expect(onValue).toHaveBeenCalled());
    expect(onValue).toHaveBeenLastCalledWith({
      sha256: sha,
      filename: '电梯 现场.jpg',
      size: 7,
      contentType: 'image/jpeg',
    });
    const post = requests[0]!;
    expect(post.method).toBe('POST');
    expect(post.path).toBe('/api/cases/case-1/attachments');
    expect(post.body).toBe(photo);
    expect(post.headers.get('content-type')).toBe('image/jpeg');
    expect(post.headers.get('x-filename')).toBe(encodeURIComponent('电梯 现场.jpg'));
    expect(post.headers.get('authorization')).toBe('Bearer test-token');
    const preview = await screen.findByTestId<HTMLImageElement>('attachment-preview');
    expect(preview.src).toBe('blob:preview-1');
    expect(requests[1]).toMatchObject({ method: 'GET', path: `/api/cases/case-1/attachments/${sha}` });
    expect(screen.getByTestId('attachment-chosen').textContent).toContain('7 B');
  });

  test.each([
    [
      'a file over the limit',
      new File([new Uint8Array(2048).fill(0xff)], 'big.jpg', { type: 'image/jpeg' }),
      '文件过大：2 KB，最大 1 KB',
    ],
    ['an unsupported type', new File(['<html>'], 'page.html', { type: 'text/html' }), '不支持的文件类型：text/html'],
  ])('given %s, when chosen, then the field says why and sends nothing', async (_case, file, said) => {
    const { api, requests } = fakeAttachmentApi(() => ({ status: 500 }));
    const onValue = jest.fn();
    render(<Harness api={api} onValue={onValue} maxBytes={1024} />);
    choose(file);
    expect((await screen.findByTestId('attachment-error')).textContent).toContain(said);
    expect(requests).toEqual([]);
    expect(onValue).not.toHaveBeenCalled();
  });

  test.each([
    ['zh', '文件内容不是声明的类型'],
    ['en', "the file's content is not of its declared type"],
  ] as const)(
    'given the server refuses the file, when in %s, then its message shows in that language',
    async (language, said) => {
      const { api } = fakeAttachmentApi(() => ({
        status: 415,
        json: {
          code: 'attachment.content-mismatch',
          message: `文件内容不是声明的类型“image/png” / the file's content is not of its declared type "image/png"`,
        },
      }));
      const onValue = jest.fn();
      render(<Harness api={api} onValue={onValue} language={language} />);
      choose(new File(['not a png'], 'fake.png', { type: 'image/png' }));
      const error = await screen.findByTestId('attachment-error');
      expect(error.textContent).toContain(said);
      expect(error.textContent).not.toContain(' / ');
      expect(onValue).not.toHaveBeenCalled();
    },
  );

  test('given a PDF already attached, when shown and removed, then it offers to open it and the value is cleared', async () => {
    const { api } = fakeAttachmentApi(() => ({ status: 200, blob: new Blob(['%PDF-']) }));
    const onValue = jest.fn();
    const minutes: AttachmentRef = {
      sha256: sha,
      filename: '会议纪要.pdf',
      size: 3 * 1024 * 1024,
      contentType: 'application/pdf',
    };
    render(<Harness api={api} onValue={onValue} initial={minutes} />);
    const open = await screen.findByTestId<HTMLAnchorElement>('attachment-open');
    expect(open.href).toBe('blob:preview-1');
    expect(open.target).toBe('_blank');
    expect(screen.getByTestId('attachment-chosen').textContent).toContain('3 MB');
    fireEvent.click(screen.getByTestId('attachment-remove'));
    expect(onValue).toHaveBeenLastCalledWith(undefined);
    expect(screen.queryByTestId('attachment-chosen')).toBeNull();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:preview-1');
  });
});
