import type { AttachmentRef } from '../../../definitions/attachment-ref';
import { fileNameHeader, UploadedAttachment, type Attachment } from '../../../server/attachments/schemas';
import { ApiError } from '../api/api-error';
import type { ApiTransport } from '../api/client';
import { ApiErrorBody } from '../api/schemas';

/** What the attachment widget needs from the server: upload a file to a case, fetch one back for preview. */
export interface AttachmentApi {
  upload(caseId: string, file: File): Promise<Attachment>;
  download(caseId: string, sha256: string): Promise<Blob>;
}

/** The form field value of an upload: the part of the attachment a task's form data carries. */
export function toAttachmentRef(attachment: Attachment): AttachmentRef {
  const { sha256, filename, size, contentType } = attachment;
  return { sha256, filename, size, contentType };
}

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/attachments`;

async function refusal(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const parsed = ApiErrorBody.safeParse(body);
  return parsed.success
    ? new ApiError(response.status, parsed.data.code, parsed.data.message, parsed.data.details)
    : new ApiError(
        response.status,
        'http.unexpected',
        `服务器返回 ${response.status} / server answered ${response.status}`,
      );
}

/**
 * The attachment calls over the app's transport (same base URL, token and 401 handling as the JSON client). Uploads
 * send the file itself as the body, its type as `Content-Type` and its name percent-encoded in `X-Filename`;
 * downloads carry the bearer token, which is why previews go through {@link AttachmentApi.download} and object URLs
 * rather than a plain `<img src>`.
 */
export function createAttachmentApi(transport: ApiTransport): AttachmentApi {
  const base = transport.baseUrl ?? '';

  async function send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = transport.token();
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await transport.fetch(`${base}${path}`, { ...init, headers });
    } catch {
      throw new ApiError(0, 'network.unreachable', '无法连接服务器，请检查网络 / cannot reach the server');
    }
    if (!response.ok) {
      if (response.status === 401) transport.onUnauthorized?.();
      throw await refusal(response);
    }
    return response;
  }

  return {
    async upload(caseId, file) {
      const response = await send(casePath(caseId), {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': file.type || 'application/octet-stream',
          [fileNameHeader]: encodeURIComponent(file.name),
        },
        body: file,
      });
      const parsed = UploadedAttachment.safeParse(JSON.parse(await response.text()));
      if (!parsed.success) {
        throw new ApiError(
          response.status,
          'response.unexpected',
          '服务器的回答格式不对 / unexpected answer',
          parsed.error.issues,
        );
      }
      return parsed.data.attachment;
    },

    async download(caseId, sha256) {
      const response = await send(`${casePath(caseId)}/${sha256}`, { method: 'GET' });
      return response.blob();
    },
  };
}
