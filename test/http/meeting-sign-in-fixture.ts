import { DefinitionBuilder } from '../../definitions/test-support/definition-builder';
import { formatShanghai } from '../../definitions/time';
import type { ApiClient } from '../support/api-client';
import { eventually } from '../support/api-client';

/**
 * A compound joint meeting on the demo directory's roles, for the sign-in tests over HTTP and in the browser: 吉盛小区's
 * party branch convenes its 党支部, 业委会 and 物业 (one person each may sign in for 物业); notice one minute, so a
 * meeting scheduled a few minutes ahead is open for sign-in at once.
 */
export const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
export const meetingTemplateKey = 'compound-joint-meeting-qr';
export const meetingInstance = 'meeting.1';
export const convenerItem = `${meetingInstance}~convener`;

const roleNames: Record<string, { zh: string; en: string }> = {
  'branch-secretary': { zh: '小区党支部', en: 'Party branch' },
  'owners-committee': { zh: '业委会', en: 'Owners’ committee' },
  'property-manager': { zh: '物业', en: 'Property firm' },
};

export function compoundMeeting() {
  const definition = new DefinitionBuilder(meetingTemplateKey)
    .role('branch-secretary', 'compound')
    .role('owners-committee', 'compound')
    .role('property-manager', 'compound')
    .start()
    .node({
      id: 'meeting',
      kind: 'meeting',
      title: { zh: '小区联席会议', en: 'Compound joint meeting' },
      config: {
        convener: 'branch-secretary',
        parties: [
          { role: 'branch-secretary' },
          { role: 'owners-committee', maxAttendees: 3 },
          { role: 'property-manager', maxAttendees: 1 },
        ],
        noticePeriod: 'PT1M',
        resolutions: [
          { key: 'settled', label: { zh: '会议解决', en: 'Settled' } },
          { key: 'refer-community', label: { zh: '提交社区', en: 'Refer to the community' }, escalates: true },
        ],
        actionItems: { within: 'P3D', calendar: 'workdays' },
      },
    })
    .end('end-settled', 'settled')
    .end('end-community', 'community')
    .end('end-overdue', 'action-item-overdue')
    .edge('start', 'next', 'meeting')
    .edge('meeting', 'settled', 'end-settled')
    .edge('meeting', 'refer-community', 'end-community')
    .edge('meeting', 'action-item-overdue', 'end-overdue')
    .build();
  definition.name = { zh: '小区联席会议（扫码签到）', en: 'Compound joint meeting (QR sign-in)' };
  definition.roles = (definition.roles ?? []).map((role) => ({ ...role, name: roleNames[role.key] ?? role.name }));
  return definition;
}

let keys = 0;

/** Publishes the template (as the district admin) and starts a case at 吉盛小区 (as community staff). */
export async function startMeetingCase(admin: ApiClient, staff: ApiClient): Promise<string> {
  const existing = await admin.get(`/api/templates/${meetingTemplateKey}`);
  if (existing.status === 404) {
    const created = await admin.post('/api/templates', {
      key: meetingTemplateKey,
      ownerUnit: 'jian/jizhou',
      definition: compoundMeeting(),
    });
    if (created.status !== 201) throw new Error(`template: ${created.status} ${created.text}`);
    const published = await admin.post(`/api/templates/${meetingTemplateKey}/publish`, {
      changeNote: '扫码签到测试用联席会议',
      revision: created.body.draft.revision,
    });
    if (published.status !== 201) throw new Error(`publish: ${published.status} ${published.text}`);
  }
  const started = await staff.post('/api/cases', {
    templateKey: meetingTemplateKey,
    orgUnit: compound,
    variables: {},
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${started.text}`);
  return started.body.caseId as string;
}

/** Takes an action on a work item with a fresh Idempotency-Key. */
export function act(client: ApiClient, caseId: string, itemId: string, action: string, input: object) {
  keys += 1;
  return client.post(
    `/api/cases/${caseId}/work-items/${encodeURIComponent(itemId)}/actions/${action}`,
    { input },
    { 'idempotency-key': `meeting-sign-in-${keys}-${Date.now()}` },
  );
}

/** Waits until the convener's item is open, then schedules the meeting a few minutes ahead (sign-in open at once). */
export async function scheduleMeeting(convener: ApiClient, caseId: string): Promise<void> {
  await eventually(
    async () => (await convener.get(`/api/cases/${caseId}`)).body,
    (body) => body.snapshot?.workItems?.some((item: { id: string }) => item.id === convenerItem),
    30_000,
  );
  const scheduled = await act(convener, caseId, convenerItem, 'schedule', {
    at: formatShanghai(Date.now() + 5 * 60_000),
    place: '吉盛小区党群服务站二楼',
    agenda: '3号楼电梯长期停运，物业维修方案与费用分担',
  });
  if (scheduled.status !== 200) throw new Error(`schedule: ${scheduled.status} ${scheduled.text}`);
}
