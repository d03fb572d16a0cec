import { z } from 'zod';
import { Identifier, LocalizedText } from '../../../definitions/common';

/** The request and response shapes of 扫码签到 (meeting sign-in codes); pure, so the web app parses answers with them. */

/** `POST /api/cases/:caseId/meetings/:nodeInstance/sign-in-codes`. */
export const SignInCodeParams = z.strictObject({
  caseId: z.string().min(1).max(200),
  nodeInstance: z.string().min(1).max(200),
});

/** A code bound to one meeting session, valid ten minutes; `path` is the page the QR code opens. */
export const SignInCodeResponse = z.object({
  code: z.string(),
  expiresAt: z.string(),
  session: z.number().int(),
  path: z.string(),
});
export type SignInCodeResponse = z.infer<typeof SignInCodeResponse>;

/** `POST /api/meeting-sign-in`: the scanned code, and the party when the person belongs to several. */
export const MeetingSignInBody = z.strictObject({
  code: z.string().min(1).max(2000),
  party: Identifier.optional(),
});

/** Who was signed in, for which party of which meeting session; `alreadySignedIn` when it had been done before. */
export const MeetingSignInResponse = z.object({
  caseId: z.string(),
  instanceId: z.string(),
  session: z.number().int(),
  party: z.string(),
  workItemId: z.string(),
  /** The party's item title, e.g. 小区联席会议（业委会）. */
  title: LocalizedText,
  name: z.string(),
  alreadySignedIn: z.boolean(),
});
export type MeetingSignInResponse = z.infer<typeof MeetingSignInResponse>;
