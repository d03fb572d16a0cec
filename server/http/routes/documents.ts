import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { formatShanghai } from '../../../definitions/time';
import type { Database } from '../../db/database';
import { assertPrintsCaseDocuments, calledToMeeting } from '../../documents/access';
import { FontMissingError } from '../../documents/fonts';
import { meetingMinutesData, meetingMinutesPdf, meetingNodeOf } from '../../documents/meeting-minutes';
import { paperBallotsPdf } from '../../documents/paper-ballots';
import { resultNoticePdf } from '../../documents/result-notice';
import { loadVoteContext, paperBallotsData, resultNoticeData, voteNoticeData } from '../../documents/vote-data';
import { voteNoticePdf } from '../../documents/vote-notice';
import { getOrgUnit } from '../../directory/org-units';
import { assertCanReadCase, listCaseWorkItems, listWholeTimeline } from '../../read-model';
import { findPublishedVersion } from '../../templates/store';
import type { ApiOperation } from '../api-operation';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';
import { requireActor } from './require-actor';

const BoxParams = z.strictObject({
  boxId: z.string().min(3).max(200).describe('投票箱编号 `<caseId>~<instance>`（URL 编码） / the ballot box id'),
});
const BallotsQuery = z.strictObject({
  units: z
    .string()
    .max(1000)
    .optional()
    .describe('只打印这些专有部分（逗号分隔）；缺省打印全部 / only these units, comma-separated; all by default'),
});
const MinutesParams = z.strictObject({
  caseId: z.string().min(1).max(200),
  nodeInstance: z.string().min(1).max(200).describe('会议节点实例，如 `meeting.1` / the meeting node instance'),
});

/** `inline` with an ASCII fallback name and the Chinese one in RFC 5987 form (`filename*=UTF-8''…`). */
export function pdfDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Makes the PDF; a missing CJK font is a 503 `documents.font-missing` (install Debian's fonts-noto-cjk). */
async function sendPdf(res: Response, fileName: string, make: () => Promise<Buffer>): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await make();
  } catch (error) {
    if (error instanceof FontMissingError) throw new HttpError(503, error.code, error.message);
    throw error;
  }
  res
    .status(200)
    .setHeader('content-type', 'application/pdf')
    .setHeader('content-length', String(bytes.byteLength))
    .setHeader('content-disposition', pdfDisposition(fileName))
    .setHeader('cache-control', 'private, no-store')
    .end(bytes);
}

/** The request's own origin (behind a proxy: as `trust proxy` allows), for the address printed on the notice. */
const originOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

const fileSafe = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_');

/**
 * Printable documents (issue 12 §5, issue 13 §1): the vote's notice, paper ballots and result notice by ballot box,
 * and a meeting's minutes with its attendance list. Read-only: they read the read model, the template version and the
 * ballot box, never Temporal. Out-of-reach cases answer 404; readers who are not staff or auditors 403.
 */
export function documentRoutes(deps: { db: Database; now: () => Date }): Router {
  const { db, now } = deps;
  const router = Router();
  const printedAt = () => formatShanghai(now().getTime());

  router.get('/votes/:boxId/documents/notice.pdf', async (req, res) => {
    const actor = requireActor(req);
    const { boxId } = parseRequest(BoxParams, req.params, 'params');
    const context = await loadVoteContext(db, actor, boxId);
    const data = voteNoticeData(context, originOf(req), printedAt());
    await sendPdf(res, `召开业主大会公告-${fileSafe(boxId)}.pdf`, () => voteNoticePdf(data));
  });

  router.get('/votes/:boxId/documents/paper-ballots.pdf', async (req, res) => {
    const actor = requireActor(req);
    const { boxId } = parseRequest(BoxParams, req.params, 'params');
    const { units } = parseRequest(BallotsQuery, req.query, 'query');
    const context = await loadVoteContext(db, actor, boxId);
    const wanted = units
      ?.split(',')
      .map((unit) => unit.trim())
      .filter((unit) => unit.length > 0);
    const data = await paperBallotsData(db, context, wanted, printedAt());
    await sendPdf(res, `书面表决票-${fileSafe(boxId)}.pdf`, () => paperBallotsPdf(data));
  });

  router.get('/votes/:boxId/documents/result.pdf', async (req, res) => {
    const actor = requireActor(req);
    const { boxId } = parseRequest(BoxParams, req.params, 'params');
    const context = await loadVoteContext(db, actor, boxId);
    const data = await resultNoticeData(db, context, printedAt());
    await sendPdf(res, `表决结果公示-${fileSafe(boxId)}.pdf`, () => resultNoticePdf(data));
  });

  router.get('/cases/:caseId/meetings/:nodeInstance/minutes.pdf', async (req, res) => {
    const actor = requireActor(req);
    const { caseId, nodeInstance } = parseRequest(MinutesParams, req.params, 'params');
    const row = await assertCanReadCase(db, actor, caseId);
    const version = await findPublishedVersion(db, row.templateKey, row.templateVersion);
    const noMeeting = new HttpError(
      404,
      'documents.meeting-not-found',
      say(`案件中没有已安排的会议“${nodeInstance}”`, `the case has no scheduled meeting "${nodeInstance}"`),
    );
    if (!version || !meetingNodeOf(version.definition, nodeInstance)) throw noMeeting;
    const workItems = await listCaseWorkItems(db, caseId);
    if (!calledToMeeting(actor, workItems, nodeInstance)) assertPrintsCaseDocuments(actor, row.orgUnit);
    const timeline = await listWholeTimeline(db, caseId);
    const data = meetingMinutesData({
      caseId,
      instanceId: nodeInstance,
      unitName: (await getOrgUnit(db, row.orgUnit))?.name ?? row.orgUnit,
      definition: version.definition,
      timeline,
      workItems,
    });
    if (!data) throw noMeeting;
    const chain = data.minutes
      ? (
          await db.query<{ hash: string }>('SELECT hash FROM case_timeline WHERE case_id = $1 AND seq = $2', [
            caseId,
            data.minutes.timelineSeq,
          ])
        ).rows[0]
      : undefined;
    await sendPdf(res, `会议纪要-${fileSafe(data.meetingTitle)}-${fileSafe(caseId)}.pdf`, () =>
      meetingMinutesPdf(data, {
        printedAt: printedAt(),
        ...(chain && data.minutes && { chain: { seq: data.minutes.timelineSeq, hash: chain.hash } }),
      }),
    );
  });

  return router;
}

const pdfResponse = (description: string) => ({
  200: {
    description: `${description}（PDF，内嵌中文字体） / the PDF with embedded CJK fonts`,
    contentType: 'application/pdf',
  },
});
const voteErrors = {
  403: ['documents.forbidden'],
  404: ['ballot.unknown-box'],
  503: ['documents.font-missing'],
};
const boxExample = { boxId: 'case-20260302-0a1b2c3d4e~vote.1' };

/** The document routes, described for the OpenAPI document. */
export const documentOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/votes/:boxId/documents/notice.pdf',
    tag: 'documents',
    summary: '召开业主大会公告（事项、日期、投票方式、二维码、计票规则） / the vote notice',
    params: BoxParams,
    responses: pdfResponse('召开业主大会公告'),
    errors: voteErrors,
    examples: { parameters: boxExample },
  },
  {
    method: 'get',
    path: '/api/votes/:boxId/documents/paper-ballots.pdf',
    tag: 'documents',
    summary: '书面表决票，每户一页（房号、面积、事项、数据录入二维码） / pre-filled paper ballots, one page per unit',
    params: BoxParams,
    query: BallotsQuery,
    responses: pdfResponse('书面表决票'),
    errors: { ...voteErrors, 422: ['documents.units-unknown'] },
    examples: { parameters: boxExample },
  },
  {
    method: 'get',
    path: '/api/votes/:boxId/documents/result.pdf',
    tag: 'documents',
    summary:
      '表决结果公示（逐项分子/分母与百分比、适用规则、选票集摘要；投票截止后） / the result notice, after the close',
    params: BoxParams,
    responses: pdfResponse('表决结果公示'),
    errors: { ...voteErrors, 409: ['documents.vote-not-closed', 'documents.vote-uncountable'] },
    examples: { parameters: boxExample },
  },
  {
    method: 'get',
    path: '/api/cases/:caseId/meetings/:nodeInstance/minutes.pdf',
    tag: 'documents',
    summary:
      '会议纪要与签到表（各方签到、法定人数、意见、决议、行动项、内容摘要；工作人员、审计员及被召集参会的各方） / meeting minutes and attendance list (staff, auditors, and those called to the meeting)',
    params: MinutesParams,
    responses: pdfResponse('会议纪要'),
    errors: {
      403: ['documents.forbidden'],
      404: ['case.not-found', 'documents.meeting-not-found'],
      503: ['documents.font-missing'],
    },
    examples: { parameters: { caseId: 'case-20260302-0a1b2c3d4e', nodeInstance: 'meeting.1' } },
  },
];
