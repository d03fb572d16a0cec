import { shanghaiDate } from '../../definitions/time';
import { samples } from '../attachments/sample-files';
import { apiClient, eventually, type ApiClient } from '../support/api-client';
import { startFullStack, type FullStack } from '../support/full-stack';
import { bilingual } from './harness';

/**
 * 街办吹哨、部门报到 over HTTP on the real stack (Temporal dev server, worker, PGlite): the street office blows the
 * built-in street-whistle, departments see their summons in their inbox and act on it, objections and extensions are
 * ruled on, co-handlers report back to the lead department (首接负责, whistle kind version 2) and file interim reports,
 * the office cannot close while a department is still on it, and the resident's callback closes the case.
 */
const street = 'jian/jizhou/xigu';
const district = 'jian/jizhou';

let stack: FullStack;
const as: Record<string, ApiClient> = {};
let keys = 0;

beforeAll(async () => {
  stack = await startFullStack({});
  for (const user of [
    'xigu-office',
    'jizhou-supervision',
    'jizhou-chengguan',
    'jizhou-zhujian',
    'jizhou-shichang',
    'jizhou-shuiwu',
    'jizhou-huanjing',
  ]) {
    as[user] = apiClient(() => stack.baseUrl, await stack.login(user));
  }
}, 120_000);

afterAll(async () => {
  await stack?.dispose();
});

/** Takes an action on a work item with a fresh Idempotency-Key. */
function act(user: string, caseId: string, itemId: string, action: string, input: object = {}) {
  keys += 1;
  return as[user]!.post(
    `/api/cases/${caseId}/work-items/${encodeURIComponent(itemId)}/actions/${action}`,
    { input },
    { 'idempotency-key': `whistle-test-${keys}` },
  );
}

async function acted(user: string, caseId: string, itemId: string, action: string, input: object = {}) {
  const response = await act(user, caseId, itemId, action, input);
  expect([response.status, response.body.code]).toEqual([200, undefined]);
  return response.body.result;
}

/** The item once the user's inbox lists it. */
async function inboxItem(user: string, caseId: string, itemId: string) {
  const inbox = await eventually(
    async () => (await as[user]!.get('/api/inbox')).body,
    (body) => body.items?.some((item: { workItemId: string }) => item.workItemId === itemId),
    30_000,
  );
  return inbox.items.find((item: { caseId: string; workItemId: string }) => item.workItemId === itemId);
}

describe('the street whistle over HTTP', () => {
  test('given a matter the street cannot settle, when departments are summoned, object, ask for time and report back, then the office verifies, calls the resident back and the case is settled with a verifying audit trail', async () => {
    // 立案 by the street office, at its street.
    const started = await as['xigu-office']!.post('/api/cases', {
      templateKey: 'street-whistle',
      orgUnit: street,
      variables: { summary: '夜市占道经营、油烟扰民', location: '溪谷路 88 号' },
    });
    expect([started.status, started.body.code]).toEqual([201, undefined]);
    const { caseId } = started.body;
    const office = await inboxItem('xigu-office', caseId, 'whistle.1~office');
    expect(office).toMatchObject({ kind: 'whistle', stage: 'coordinating', assigneeRole: 'street-office' });

    // 吹哨: three district departments, 城管 leading.
    const summoned = await acted('xigu-office', caseId, 'whistle.1~office', 'summon', {
      role: 'dept-chengguan',
      unit: district,
      name: '吉州区城市管理局',
    });
    expect(summoned.result).toEqual({ workItemId: 'whistle.1~dept-chengguan' });
    await acted('xigu-office', caseId, 'whistle.1~office', 'summon', { role: 'dept-zhujian', unit: district });
    await acted('xigu-office', caseId, 'whistle.1~office', 'summon', {
      role: 'dept-shichang-jianguan',
      unit: district,
    });

    // A department outside the case's district cannot be summoned; nothing changes.
    const elsewhere = await act('xigu-office', caseId, 'whistle.1~office', 'summon', {
      role: 'dept-chengguan',
      unit: 'jian/qingyuan',
    });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'whistle.department-unit']);
    expect(elsewhere.body.message).toMatch(bilingual);

    // 报到: 城管 sees its summons with a deadline and reports in; 住建 cannot report in for it.
    const summons = await inboxItem('jizhou-chengguan', caseId, 'whistle.1~dept-chengguan');
    expect(summons).toMatchObject({
      stage: 'summoned',
      assigneeUnit: district,
      deadline: expect.stringMatching(/\+08:00$/),
      payload: expect.objectContaining({ lead: true }),
    });
    const impostor = await act('jizhou-zhujian', caseId, 'whistle.1~dept-chengguan', 'report-in');
    expect([impostor.status, impostor.body.code]).toEqual([403, 'whistle.actor-lacks-role']);
    expect((await acted('jizhou-chengguan', caseId, 'whistle.1~dept-chengguan', 'report-in')).result).toEqual({
      onTime: true,
    });
    await acted('jizhou-shichang', caseId, 'whistle.1~dept-shichang-jianguan', 'report-in');

    // 派单异议: 住建 objects, the office upholds it and summons 水务 instead.
    await acted('jizhou-zhujian', caseId, 'whistle.1~dept-zhujian', 'object', { reason: '油烟不属住建职责' });
    await acted('xigu-office', caseId, 'whistle.1~dept-zhujian', 'decide-objection', {
      approve: true,
      note: '改派水务（排水管道）',
    });
    await acted('xigu-office', caseId, 'whistle.1~office', 'summon', { role: 'dept-shuiwu', unit: district });
    await acted('jizhou-shuiwu', caseId, 'whistle.1~dept-shuiwu', 'report-in');

    // A department never summoned does not even see the case.
    expect((await as['jizhou-huanjing']!.get(`/api/cases/${caseId}`)).status).toBe(404);

    // 延期: 市场监管 asks for a later deadline once its report-back deadline is known; the office approves.
    const handling = await eventually(
      async () => inboxItem('jizhou-shichang', caseId, 'whistle.1~dept-shichang-jianguan'),
      (item) => item.stage === 'handling' && item.deadline !== undefined && item.deadline !== null,
      30_000,
    );
    const until = new Date(Date.parse(handling.deadline) + 3 * 86_400_000).toISOString();
    await acted('jizhou-shichang', caseId, 'whistle.1~dept-shichang-jianguan', 'request-extension', {
      reason: '需第三方检测报告',
      until,
    });
    const granted = await acted('xigu-office', caseId, 'whistle.1~dept-shichang-jianguan', 'decide-extension', {
      approve: true,
      note: '同意',
    });
    expect(Date.parse(granted.result.deadline)).toBe(Date.parse(until));

    // "事不完、人不撤": closing while departments are still on it is refused and changes nothing.
    const early = await act('xigu-office', caseId, 'whistle.1~office', 'close', { result: 'settled', note: '已解决' });
    expect([early.status, early.body.code]).toEqual([409, 'whistle.departments-pending']);
    expect(early.body.message).toMatch(bilingual);

    // 反馈: a photo not uploaded to the case is refused; uploaded, it is accepted with the report.
    const photo = { sha256: 'a'.repeat(64), filename: '整改后.png', size: 10, contentType: 'image/png' };
    const unknownPhoto = await act('jizhou-chengguan', caseId, 'whistle.1~dept-chengguan', 'report-back', {
      summary: '已取缔占道摊点',
      attachments: [photo],
    });
    expect([unknownPhoto.status, unknownPhoto.body.code]).toEqual([422, 'attachment.not-uploaded']);
    const bytes = samples.png();
    const uploaded = await fetch(`${stack.baseUrl}/api/cases/${caseId}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await stack.login('jizhou-chengguan')}`,
        'content-type': 'image/png',
        'x-filename': encodeURIComponent('整改后.png'),
      },
      body: new Uint8Array(bytes),
    });
    expect(uploaded.status).toBe(201);
    const { attachment: stored } = (await uploaded.json()) as { attachment: typeof photo };
    const attachment = {
      sha256: stored.sha256,
      filename: stored.filename,
      size: stored.size,
      contentType: stored.contentType,
    };
    // 阶段性报告: 市场监管 tells how far it has got; its item stays open, handling.
    const interim = await acted('jizhou-shichang', caseId, 'whistle.1~dept-shichang-jianguan', 'interim-report', {
      summary: '已抽检油烟净化设备，等待检测报告',
    });
    expect(interim.result).toEqual({ count: 1 });

    // 首接负责: co-handlers report back to the lead (城管), whose member accepts them; the office cannot.
    for (const [user, item] of [
      ['jizhou-shichang', 'whistle.1~dept-shichang-jianguan'],
      ['jizhou-shuiwu', 'whistle.1~dept-shuiwu'],
    ] as const) {
      await acted(user, caseId, item, 'report-back', { summary: `${user} 已处置` });
    }
    const notTheOffice = await act('xigu-office', caseId, 'whistle.1~dept-shuiwu', 'accept');
    expect([notTheOffice.status, notTheOffice.body.code]).toEqual([403, 'whistle.actor-lacks-role']);
    expect(notTheOffice.body.message).toMatch(bilingual);
    const leadFirst = await act('jizhou-chengguan', caseId, 'whistle.1~dept-chengguan', 'report-back', {
      summary: '汇总',
    });
    expect([leadFirst.status, leadFirst.body.code]).toEqual([409, 'whistle.co-handler-reports-pending']);
    await acted('jizhou-chengguan', caseId, 'whistle.1~dept-shichang-jianguan', 'accept', { note: '已核实' });
    await acted('jizhou-chengguan', caseId, 'whistle.1~dept-shuiwu', 'accept', { note: '已核实' });

    // The lead's report-back sums up, with the photo, and the office accepts it.
    await acted('jizhou-chengguan', caseId, 'whistle.1~dept-chengguan', 'report-back', {
      summary: '汇总：已取缔占道摊点，市场监管与水务已整改',
      attachments: [attachment],
    });
    await acted('xigu-office', caseId, 'whistle.1~dept-chengguan', 'accept', { note: '现场核验' });

    // 核验, 评价 and 回访 close the case as settled.
    await acted('xigu-office', caseId, 'whistle.1~office', 'close', {
      result: 'settled',
      note: '现场核验已整改',
      ratings: { 'whistle.1~dept-chengguan': 'satisfied', 'whistle.1~dept-shuiwu': 'basically-satisfied' },
    });
    const closing = await acted('xigu-office', caseId, 'whistle.1~office', 'record-callback', {
      contactedInTime: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
    expect(closing.status).toBe('completed');

    const finished = await eventually(
      async () => (await as['xigu-office']!.get(`/api/cases/${caseId}`)).body.snapshot,
      (snapshot) => snapshot?.source === 'read-model',
      30_000,
    );
    expect(finished).toMatchObject({ status: 'completed', outcome: { key: 'settled' }, overdue: false });
    const types = finished.timeline.map((entry: { type: string }) => entry.type);
    expect(types.filter((type: string) => type === 'whistle.summoned')).toHaveLength(4);
    expect(types).toEqual(
      expect.arrayContaining([
        'whistle.objection-upheld',
        'whistle.extension-granted',
        'whistle.interim-reported',
        'whistle.callback-recorded',
      ]),
    );
    const acceptedBy = finished.timeline
      .filter((entry: { type: string }) => entry.type === 'whistle.accepted')
      .map((entry: { actor: string; workItemId: string }) => [entry.workItemId, entry.actor]);
    expect(acceptedBy).toEqual([
      ['whistle.1~dept-shichang-jianguan', 'jizhou-chengguan'],
      ['whistle.1~dept-shuiwu', 'jizhou-chengguan'],
      ['whistle.1~dept-chengguan', 'xigu-office'],
    ]);
    expect(finished.workItems.map((item: { id: string; outcome: string }) => [item.id, item.outcome]).sort()).toEqual([
      ['whistle.1~dept-chengguan', 'accepted'],
      ['whistle.1~dept-shichang-jianguan', 'accepted'],
      ['whistle.1~dept-shuiwu', 'accepted'],
      ['whistle.1~dept-zhujian', 'released'],
      ['whistle.1~office', 'settled'],
    ]);
    const verified = await as['xigu-office']!.get(`/api/cases/${caseId}/history/verify`);
    expect(verified.body).toMatchObject({ ok: true, entries: finished.timeline.length });

    // 三率 from the recorded events: three departments on time (住建's upheld objection leaves the base), one
    // callback — resolved and satisfied — attributed to each department that reported back.
    const today = shanghaiDate(Date.now());
    const tomorrow = shanghaiDate(Date.now() + 86_400_000);
    const rates = await as['jizhou-supervision']!.get(
      `/api/kpis/three-rates?unit=${district}&from=${today}&to=${tomorrow}&groupBy=department`,
    );
    expect(rates.status).toBe(200);
    const byKey = Object.fromEntries(
      rates.body.groups.map((group: { key: string; counts: object }) => [group.key, group.counts]),
    );
    const counted = {
      assignments: 1,
      reportedInOnTime: 1,
      callbacks: 1,
      resolved: 1,
      satisfied: 1,
      basicallySatisfied: 0,
    };
    expect(byKey).toEqual({
      'dept-chengguan@jian/jizhou': counted,
      'dept-shichang-jianguan@jian/jizhou': counted,
      'dept-shuiwu@jian/jizhou': counted,
    });
    expect(rates.body.groups[0].rates.response).toEqual({ numerator: 1, denominator: 1, percent: 100 });
    expect(rates.body.definitions.response).toMatch(bilingual);
    const streets = await as['jizhou-supervision']!.get(
      `/api/kpis/three-rates?unit=${district}&from=${today}&to=${tomorrow}&groupBy=street`,
    );
    expect(streets.body.groups).toEqual([
      expect.objectContaining({
        key: street,
        counts: { assignments: 3, reportedInOnTime: 3, callbacks: 1, resolved: 1, satisfied: 1, basicallySatisfied: 0 },
      }),
    ]);

    // 双考核, the office's side: one whistle closed today, 住建's objection upheld, closed well before the report-back
    // deadlines; one objection ruling (upheld) and one extension ruling (approved), each with its median time.
    const scores = await as['jizhou-supervision']!.get(
      `/api/kpis/office-scores?unit=${district}&from=${today}&to=${tomorrow}`,
    );
    expect(scores.status).toBe(200);
    expect(scores.body.offices).toEqual([
      {
        street,
        counts: { whistles: 1, withoutUpheldObjection: 0, closed: 1, closedWithinDeadline: 1 },
        rates: {
          withoutUpheldObjection: { numerator: 0, denominator: 1, percent: 0 },
          closedWithinDeadline: { numerator: 1, denominator: 1, percent: 100 },
        },
        rulingTimes: {
          objection: expect.objectContaining({ rulings: 1, granted: 1, medianMinutes: expect.any(Number) }),
          extension: expect.objectContaining({ rulings: 1, granted: 1, medianMinutes: expect.any(Number) }),
        },
      },
    ]);
    for (const definition of Object.values(scores.body.definitions)) expect(definition).toMatch(bilingual);
    const officeOutside = await as['xigu-office']!.get(
      `/api/kpis/office-scores?unit=jian/qingyuan&from=${today}&to=${today}`,
    );
    expect([officeOutside.status, officeOutside.body.code]).toEqual([403, 'kpi.out-of-scope']);
    const officeBackwards = await as['jizhou-supervision']!.get(
      `/api/kpis/office-scores?unit=${district}&from=${tomorrow}&to=${today}`,
    );
    expect([officeBackwards.status, officeBackwards.body.code]).toEqual([400, 'request.invalid']);

    const outside = await as['xigu-office']!.get(`/api/kpis/three-rates?unit=jian/qingyuan&from=${today}&to=${today}`);
    expect([outside.status, outside.body.code]).toEqual([403, 'kpi.out-of-scope']);
    const backwards = await as['jizhou-supervision']!.get(
      `/api/kpis/three-rates?unit=${district}&from=${tomorrow}&to=${today}`,
    );
    expect([backwards.status, backwards.body.code]).toEqual([400, 'request.invalid']);
  }, 240_000);
});
