import { convenerItemId } from '../../definitions/kinds/meeting-config';
import type { WorkItemView } from '../../definitions/engine/work-items';
import type { Actor } from '../../definitions/org';
import { loadApiUser } from '../auth/login';
import type { AuthSettings } from '../auth/settings';
import type { CaseService } from '../cases/case-service';
import type { Database } from '../db/database';
import { HttpError, say } from '../http/errors';
import { listWholeTimeline } from '../read-model';
import { issueSignInCode, verifySignInCode } from './sign-in-codes';

/**
 * 扫码签到 (DOMAIN §2): the convener's screen shows a code bound to one meeting session; an attendee scans it with their
 * own login and is signed in for their own party through the meeting kind's `sign-in` action on that party's work
 * item, as themselves (the same Update every other action takes, so the workflow's checks — sign-in window, party
 * size, already signed in — decide). Signing in twice answers the first sign-in instead of a refusal.
 */

export interface MeetingSignInDeps {
  db: Database;
  cases: CaseService;
  auth: AuthSettings;
  now: () => Date;
}

/** The convener's stages in which people sign in. */
const signInStages = new Set(['scheduled', 'minuted']);

const holds = (actor: Actor, item: WorkItemView) =>
  actor.memberships.some(
    (membership) => membership.role === item.assigneeRole && membership.orgUnit === item.assigneeUnit,
  );

const sessionOf = (item: WorkItemView) => (typeof item.payload.session === 'number' ? item.payload.session : 1);

/** The meeting's open convener item, or a 404 when the case has no such meeting. */
async function convenerOf(cases: CaseService, caseId: string, instanceId: string) {
  const snapshot = await cases.snapshot(caseId);
  const convener = snapshot.workItems.find((item) => item.id === convenerItemId(instanceId));
  if (!convener || convener.kind !== 'meeting') {
    throw new HttpError(
      404,
      'meeting.not-found',
      say(`案件“${caseId}”没有会议“${instanceId}”`, `case "${caseId}" has no meeting "${instanceId}"`),
    );
  }
  return { snapshot, convener };
}

function sessionOver(): HttpError {
  return new HttpError(
    409,
    'meeting-sign-in.session-over',
    say(
      '此签到码所属的会议场次已结束或尚未开始签到，请向召集人索取新的签到码',
      'the meeting session this code belongs to is over or not open for sign-in: ask the convener for a new code',
    ),
  );
}

/** A new code for the meeting's current session; only its convener may ask, and only while people can sign in. */
export async function issueCode(deps: MeetingSignInDeps, actor: Actor, caseId: string, instanceId: string) {
  const { convener } = await convenerOf(deps.cases, caseId, instanceId);
  if (!holds(actor, convener)) {
    throw new HttpError(
      403,
      'meeting.not-convener',
      say('只有会议召集人可以出示签到码', 'only the meeting’s convener may show a sign-in code'),
    );
  }
  if (convener.status !== 'open' || !signInStages.has(convener.stage ?? '')) throw sessionOver();
  const session = sessionOf(convener);
  const { code, expiresAt } = await issueSignInCode(deps.auth, { caseId, instanceId, session }, deps.now());
  return {
    code,
    expiresAt: expiresAt.toISOString(),
    session,
    path: `/meetings/sign-in?code=${encodeURIComponent(code)}`,
  };
}

/** The display name an attendee signs in under (their directory name; their id when the directory lacks them). */
async function attendeeName(db: Database, actor: Actor): Promise<string> {
  const user = await loadApiUser(db, actor.id);
  return (user?.displayName.trim() || actor.id).slice(0, 50);
}

/** Whether the read model already holds this person's sign-in for the party this session. */
async function signedInBefore(db: Database, actor: Actor, caseId: string, partyItemId: string, session: number) {
  const timeline = await listWholeTimeline(db, caseId);
  return timeline.some(
    (entry) =>
      entry.type === 'meeting.signed-in' &&
      entry.actor === actor.id &&
      entry.workItemId === partyItemId &&
      entry.data?.session === session,
  );
}

/** Signs the caller in for their party of the session the code names (or answers their earlier sign-in). */
export async function signInWithCode(deps: MeetingSignInDeps, actor: Actor, code: string, party?: string) {
  const verified = await verifySignInCode(deps.auth, code, deps.now());
  if (!verified.ok) {
    throw verified.problem === 'expired'
      ? new HttpError(
          422,
          'meeting-sign-in.code-expired',
          say('签到码已过期，请扫描召集人屏幕上的新二维码', 'the sign-in code has expired: scan the new QR code'),
        )
      : new HttpError(
          422,
          'meeting-sign-in.code-invalid',
          say('签到码无效（不是本系统签发的）', 'the sign-in code is not valid (not issued by this system)'),
        );
  }
  const { caseId, instanceId, session } = verified.claims;
  const { convener, snapshot } = await convenerOf(deps.cases, caseId, instanceId);
  if (convener.status !== 'open' || !signInStages.has(convener.stage ?? '') || sessionOf(convener) !== session) {
    throw sessionOver();
  }
  const prefix = `${instanceId}~party-${session}-`;
  const mine = snapshot.workItems.filter(
    (item) =>
      item.id.startsWith(prefix) &&
      item.status === 'open' &&
      item.payload.part === 'party' &&
      holds(actor, item) &&
      (party === undefined || item.payload.party === party),
  );
  if (mine.length === 0) {
    throw new HttpError(
      403,
      'meeting-sign-in.not-a-party',
      say(
        party === undefined ? '您不属于本次会议的任何参会方，不能签到' : `您不属于参会方“${party}”，不能为其签到`,
        party === undefined
          ? 'you belong to no party called to this meeting'
          : `you do not belong to the party "${party}" of this meeting`,
      ),
    );
  }
  if (mine.length > 1) {
    const roles = mine.map((item) => String(item.payload.party));
    throw new HttpError(
      422,
      'meeting-sign-in.choose-party',
      say(
        `您属于多个参会方（${roles.join('、')}），请选择代表哪一方签到`,
        `you belong to several parties (${roles.join(', ')}): choose one`,
      ),
      { parties: roles },
    );
  }
  const item = mine[0]!;
  const role = String(item.payload.party);
  const name = await attendeeName(deps.db, actor);
  const answer = { caseId, instanceId, session, party: role, workItemId: item.id, title: item.title, name };
  if (await signedInBefore(deps.db, actor, caseId, item.id, session)) return { ...answer, alreadySignedIn: true };
  try {
    await deps.cases.act(caseId, {
      // One Update per person and session: a retry (double scan, lost answer) is the same Update, acted on once.
      requestId: `meeting-sign-in:${actor.id}:${instanceId}:${session}`,
      workItemId: item.id,
      action: 'sign-in',
      input: { names: [name] },
      actor,
    });
  } catch (error) {
    const code = error instanceof Error && error.name === 'CaseCommandError' ? (error as { code?: string }).code : '';
    if (code === 'meeting.already-signed-in') return { ...answer, alreadySignedIn: true };
    if (code === 'meeting.too-many-attendees') {
      throw new HttpError(
        409,
        'meeting-sign-in.party-full',
        say(`“${role}”方签到人数已满，请与召集人联系`, `party "${role}" has signed in as many people as it may send`),
      );
    }
    throw error;
  }
  return { ...answer, alreadySignedIn: false };
}
