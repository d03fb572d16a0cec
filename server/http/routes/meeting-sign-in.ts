import { Router } from 'express';
import type { AuthSettings } from '../../auth/settings';
import type { CaseService } from '../../cases/case-service';
import type { Database } from '../../db/database';
import { issueCode, signInWithCode } from '../../meetings/meeting-sign-in';
import { assertCanReadCase } from '../../read-model';
import type { ApiOperation } from '../api-operation';
import { parseRequest } from '../parse-request';
import { refuseAuditor } from './case-actions';
import { asHttpError } from './case-errors-http';
import {
  MeetingSignInBody,
  MeetingSignInResponse,
  SignInCodeParams,
  SignInCodeResponse,
} from './meeting-sign-in-schemas';
import { requireActor } from './require-actor';

export interface MeetingSignInRouteDeps {
  db: Database;
  cases: CaseService;
  auth: AuthSettings;
  now: () => Date;
}

/** Case service refusals become their HTTP errors; anything else goes on to the error handler. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return asHttpError(error);
  }
}

/**
 * 扫码签到: the convener asks for a short-lived code for the meeting's current session (shown as a QR code, renewed
 * before it expires); an attendee sends the scanned code with their own login and is signed in for their party.
 */
export function meetingSignInRoutes(deps: MeetingSignInRouteDeps): Router {
  const router = Router();

  router.post('/cases/:caseId/meetings/:nodeInstance/sign-in-codes', async (req, res) => {
    const actor = requireActor(req);
    const { caseId, nodeInstance } = parseRequest(SignInCodeParams, req.params, 'params');
    await assertCanReadCase(deps.db, actor, caseId);
    refuseAuditor(actor);
    const answer = await answering(() => issueCode(deps, actor, caseId, nodeInstance));
    res.status(201).json(SignInCodeResponse.parse(answer));
  });

  router.post('/meeting-sign-in', async (req, res) => {
    const actor = requireActor(req);
    const body = parseRequest(MeetingSignInBody, req.body, 'body');
    refuseAuditor(actor);
    const answer = await answering(() => signInWithCode(deps, actor, body.code, body.party));
    res.json(MeetingSignInResponse.parse(answer));
  });

  return router;
}

/** The two routes, for the OpenAPI document. */
export const meetingSignInOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/cases/:caseId/meetings/:nodeInstance/sign-in-codes',
    tag: 'cases',
    examples: { parameters: { nodeInstance: 'compound-meeting.1' } },
    summary:
      '召集人出示签到二维码：签发本场会议的签到码（10 分钟有效，每次请求换新） / the convener’s sign-in code for the meeting’s current session (valid 10 minutes, a new one each request)',
    params: SignInCodeParams,
    responses: { 201: { description: 'the code and the page its QR code opens', body: SignInCodeResponse } },
    errors: {
      403: ['meeting.not-convener', 'case.read-only'],
      404: ['case.not-found', 'meeting.not-found'],
      409: ['meeting-sign-in.session-over', 'case.not-running'],
    },
  },
  {
    method: 'post',
    path: '/api/meeting-sign-in',
    tag: 'cases',
    examples: { body: { code: 'eyJhbGciOiJIUzI1NiJ9…' } },
    summary:
      '扫码签到：以本人账号为所属参会方签到（重复签到无副作用） / sign in to a meeting with a scanned code, for one’s own party (signing in twice is harmless)',
    body: MeetingSignInBody,
    responses: { 200: { description: 'who was signed in, for which party', body: MeetingSignInResponse } },
    errors: {
      403: ['meeting-sign-in.not-a-party', 'case.read-only'],
      404: ['case.not-found', 'meeting.not-found'],
      409: [
        'meeting-sign-in.session-over',
        'meeting-sign-in.party-full',
        'meeting.sign-in-too-early',
        'case.not-running',
      ],
      422: ['meeting-sign-in.code-invalid', 'meeting-sign-in.code-expired', 'meeting-sign-in.choose-party'],
    },
  },
];
