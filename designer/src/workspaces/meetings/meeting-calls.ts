import type { z } from 'zod';
import { MeetingSignInResponse, SignInCodeResponse } from '../../../../server/http/routes/meeting-sign-in-schemas';

/** What the meeting calls need from the client: one parsed JSON call and one raw download. */
interface CallPort {
  call<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.infer<S>>;
  download(path: string): Promise<{ blob: Blob; fileName: string }>;
}

/** 扫码签到: the convener's code for the meeting's session, and an attendee's sign-in with a scanned code. */
export function meetingCalls({ call, download }: CallPort) {
  return {
    meetingSignInCode: (caseId: string, instanceId: string) =>
      call(
        SignInCodeResponse,
        'POST',
        `/api/cases/${encodeURIComponent(caseId)}/meetings/${encodeURIComponent(instanceId)}/sign-in-codes`,
        {},
      ),
    meetingSignIn: (code: string, party?: string) =>
      call(MeetingSignInResponse, 'POST', '/api/meeting-sign-in', { code, ...(party && { party }) }),
    /** The printable minutes and attendance list (PDF, CJK fonts). */
    meetingMinutesPdf: (caseId: string, instanceId: string) =>
      download(`/api/cases/${encodeURIComponent(caseId)}/meetings/${encodeURIComponent(instanceId)}/minutes.pdf`),
  };
}
