import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { AttachmentFileName } from '../../../definitions/attachment-ref';
import { assertCanAttachToCase } from '../../attachments/access';
import {
  attachFile,
  AttachmentIntegrityError,
  findAttachment,
  readAttachmentBytes,
} from '../../attachments/attachments';
import {
  allowedContentTypes,
  contentMatchesType,
  dispositionOf,
  isAllowedContentType,
  mediaType,
} from '../../attachments/content-types';
import { AttachmentParams, fileNameHeader, UploadedAttachment } from '../../attachments/schemas';
import type { Attachments } from '../../attachments/settings';
import type { Database } from '../../db/database';
import { assertCanReadCase } from '../../read-model';
import type { ApiOperation } from '../api-operation';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';
import { requireActor } from './require-actor';

const CaseParams = z.strictObject({ id: z.string().min(1).max(200) });

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    'attachment.too-large',
    say(`文件过大，最大 ${megabytes(maxBytes)}`, `the file is too large; at most ${megabytes(maxBytes)}`),
    { maxBytes },
  );
}

function unsupportedType(contentType: string): HttpError {
  return new HttpError(
    415,
    'attachment.unsupported-type',
    say(
      `不支持的文件类型“${contentType || '（未声明）'}”，只接受 JPEG/PNG/WebP 图片、PDF 和 Office 文档`,
      `unsupported file type "${contentType || '(none)'}"; only JPEG/PNG/WebP images, PDF and Office documents`,
    ),
    { contentType, allowed: allowedContentTypes },
  );
}

/** The raw body, at most `maxBytes`; a larger one is read off and refused with 413 (nothing stored). */
function rawBody(maxBytes: number): RequestHandler {
  const parse = express.raw({ type: () => true, limit: maxBytes });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
      next(type === 'entity.too.large' ? tooLarge(maxBytes) : error);
    });
}

/** The file name from the `X-Filename` header (percent-encoded UTF-8), without any path a browser put in front. */
function fileNameOf(req: Request): string {
  const header = req.get(fileNameHeader) ?? '';
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    decoded = undefined;
  }
  const parsed = AttachmentFileName.safeParse(decoded?.split(/[/\\]/).pop());
  if (!parsed.success) {
    throw new HttpError(
      400,
      'attachment.bad-filename',
      say(
        `请在 ${fileNameHeader} 头中给出文件名（百分号编码的 UTF-8，最多 255 个字符）`,
        `give the file name in the ${fileNameHeader} header (percent-encoded UTF-8, at most 255 characters)`,
      ),
    );
  }
  return parsed.data;
}

/** `inline` or `attachment`, with an ASCII file name and the exact one in RFC 5987 form. */
function contentDisposition(disposition: string, fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The attachment routes under `/api` (bearer auth before them): upload a file to a case, download it by its sha256.
 * Reading follows the case's access ({@link assertCanReadCase}: 404 when out of reach); uploading also excludes
 * auditors (403) and finished cases (409). Files are content-addressed: the same bytes are stored once.
 */
export function attachmentRoutes(deps: { db: Database; attachments: Attachments; now: () => Date }): Router {
  const { db, attachments, now } = deps;
  const router = Router();

  router.post(
    '/cases/:id/attachments',
    async (req, _res, next) => {
      const actor = requireActor(req);
      const { id } = parseRequest(CaseParams, req.params, 'params');
      await assertCanAttachToCase(db, actor, id);
      const contentType = mediaType(req.get('content-type'));
      if (!isAllowedContentType(contentType)) throw unsupportedType(contentType);
      fileNameOf(req);
      next();
    },
    rawBody(attachments.maxBytes),
    async (req, res) => {
      const actor = requireActor(req);
      const { id } = parseRequest(CaseParams, req.params, 'params');
      const contentType = mediaType(req.get('content-type'));
      const body: unknown = req.body;
      const bytes = body instanceof Uint8Array ? body : new Uint8Array();
      if (bytes.byteLength === 0) {
        throw new HttpError(400, 'attachment.empty', say('文件为空', 'the file is empty'));
      }
      if (!contentMatchesType(contentType, bytes)) {
        throw new HttpError(
          415,
          'attachment.content-mismatch',
          say(
            `文件内容不是声明的类型“${contentType}”`,
            `the file's content is not of its declared type "${contentType}"`,
          ),
          { contentType },
        );
      }
      const { attachment, created } = await attachFile(db, attachments.store, {
        caseId: id,
        bytes,
        filename: fileNameOf(req),
        contentType,
        uploadedBy: actor.id,
        uploadedAt: now(),
      });
      res.status(created ? 201 : 200).json(UploadedAttachment.parse({ attachment }));
    },
  );

  router.get('/cases/:id/attachments/:sha256', async (req, res) => {
    const actor = requireActor(req);
    const { id, sha256 } = parseRequest(AttachmentParams, req.params, 'params');
    await assertCanReadCase(db, actor, id);
    const attachment = await findAttachment(db, id, sha256);
    if (!attachment) {
      throw new HttpError(
        404,
        'attachment.not-found',
        say(`案件“${id}”没有这个附件`, `case "${id}" has no attachment ${sha256}`),
      );
    }
    const etag = `"${sha256}"`;
    res
      .setHeader('etag', etag)
      .setHeader('cache-control', 'private, max-age=31536000, immutable')
      .setHeader('x-content-type-options', 'nosniff');
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readAttachmentBytes(attachments.store, sha256);
    } catch (error) {
      if (!(error instanceof AttachmentIntegrityError)) throw error;
      req.log?.error({ caseId: id, sha256, problem: error.problem }, '附件存储损坏 / attachment store damaged');
      throw new HttpError(
        500,
        'attachment.integrity',
        say(
          `附件 ${sha256} 的存储内容${error.problem === 'missing' ? '丢失' : '与哈希不符'}，请联系管理员`,
          `the stored bytes of attachment ${sha256} are ${error.problem}; contact the administrator`,
        ),
        { problem: error.problem },
      );
    }
    // An image opened on its own may show itself and nothing else (PDFs keep the browser's viewer working).
    if (attachment.contentType.startsWith('image/')) {
      res.setHeader('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
    }
    res
      .status(200)
      .setHeader('content-type', attachment.contentType)
      .setHeader('content-length', String(bytes.byteLength))
      .setHeader('content-disposition', contentDisposition(dispositionOf(attachment.contentType), attachment.filename))
      .end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  return router;
}

/** The attachment routes, described for the OpenAPI document. */
export const attachmentOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/cases/:id/attachments',
    tag: 'attachments',
    summary:
      '上传案件附件（请求体为文件本身，X-Filename 头为文件名） / upload a file to a case: the body is the file, X-Filename its name',
    params: CaseParams,
    binaryBody: { contentTypes: allowedContentTypes, description: 'the file itself (JPEG/PNG/WebP, PDF, Office)' },
    headers: { [fileNameHeader]: '文件名，百分号编码的 UTF-8 / the file name, percent-encoded UTF-8' },
    responses: {
      201: { description: 'stored; the reference to put in a form’s attachment field', body: UploadedAttachment },
      200: { description: 'the same bytes were already attached to this case', body: UploadedAttachment },
    },
    errors: {
      400: ['request.invalid', 'attachment.bad-filename', 'attachment.empty'],
      403: ['attachment.read-only'],
      404: ['case.not-found'],
      409: ['attachment.case-closed'],
      413: ['attachment.too-large'],
      415: ['attachment.unsupported-type', 'attachment.content-mismatch'],
    },
  },
  {
    method: 'get',
    path: '/api/cases/:id/attachments/:sha256',
    tag: 'attachments',
    summary:
      '下载案件附件（图片与 PDF 直接打开） / download a case’s attachment by its sha256 (images and PDFs open inline)',
    params: AttachmentParams,
    responses: {
      200: {
        description: 'the file, with its content type and a Content-Disposition',
        contentType: 'application/octet-stream',
        alternatives: Object.fromEntries(
          allowedContentTypes.map((type) => [type, `the file, sent as it was uploaded (${type})`]),
        ),
      },
      304: { description: 'unchanged (If-None-Match with the sha256 ETag)' },
    },
    errors: {
      400: ['request.invalid'],
      404: ['case.not-found', 'attachment.not-found'],
      500: ['attachment.integrity'],
    },
  },
];
