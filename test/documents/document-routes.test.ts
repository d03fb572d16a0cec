import { createHash } from 'node:crypto';
import request from 'supertest';
import type { Database } from '../../server/db/database';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { applyProjection } from '../../activities/project/apply-projection';
import { workItemView } from '../../definitions/engine/work-items';
import { recordCaseStarted } from '../../server/read-model';
import { createTemplate } from '../../server/templates/store/create-template';
import { publishDraft } from '../../server/templates/store/publish-draft';
import { castBallot, closeAndTally, openBallotBox } from '../../server/votes/ballot-box';
import { importElectorate } from '../../server/votes/electorate-import';
import { electorateColumns } from '../../server/votes/electorate-rows';
import { testApp } from '../http/harness';
import { testDialects, useTestDatabases } from '../support/postgres';
import { heldMeeting } from './held-meeting';
import { pdfText, squeezed } from './pdf-text';

/**
 * The document routes over HTTP on a real database (issue 12 §5): a case's ballot box opened on the compound's roll,
 * its notice and paper ballots printed, the result refused before the close and printed after it with the exact
 * figures; an unknown box is 404 and a reader who is not staff 403.
 */

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const caseId = 'case-20260302-0a1b2c3d4e';
const boxId = `${caseId}~vote.1`;
const path = (document: string, box = boxId) => `/api/votes/${encodeURIComponent(box)}/documents/${document}`;

async function seedVote(db: Database): Promise<void> {
  await ensureDemoData(db);
  const roll = await importElectorate(db, compound, {
    format: 'csv',
    text: [
      electorateColumns.join(','),
      '1-1-101,1,1,101,3333,false,o-1,业主甲,,',
      '1-1-102,1,1,102,3334,false,o-2,业主乙,,',
      '1-1-201,1,1,201,3333,false,o-3,业主丙,,',
    ].join('\n'),
  });
  if (!roll.ok) throw new Error(JSON.stringify(roll.errors));
  await recordCaseStarted(db, {
    caseId,
    templateKey: 'replace-property-firm',
    templateVersion: 1,
    templateName: { zh: '更换物业服务企业', en: 'Replace the property firm' },
    orgUnit: compound,
    startedBy: 'jisheng-sq-staff',
    startedAt: '2026-03-02T09:00:00+08:00',
  });
  const opened = await openBallotBox(db, {
    id: boxId,
    compound,
    matters: [
      { key: 'dismiss', item: 4 },
      { key: 'fund', item: 6 },
    ],
    ruleSet: 'civil-code-2021',
    openedAt: new Date('2026-03-17T09:00:00+08:00'),
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
}

const cast = (db: Database, unit: string, choices: Record<string, 'agree' | 'oppose' | 'abstain'>) =>
  castBallot(db, {
    boxId,
    unit,
    choices,
    channel: 'paper',
    castAt: new Date('2026-03-20T10:00:00+08:00'),
    receiptHash: createHash('sha256').update(unit).digest('hex'),
  });

describe.each(testDialects)('document routes on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  async function signedIn(username: string) {
    const harness = testApp(databases.db(), { start: new Date('2026-04-01T10:00:00+08:00') });
    const login = await request(harness.app).post('/api/auth/login').send({ username, password: demoPassword });
    expect(login.status).toBe(200);
    const get = (url: string) =>
      request(harness.app)
        .get(url)
        .set('authorization', `Bearer ${login.body.token}`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
    return { get };
  }

  test('given an open box, when staff print the notice and the ballots, then they are PDFs with Chinese file names; the result is refused until the close and then carries the exact figures', async () => {
    const db = databases.db();
    await seedVote(db);
    const { get } = await signedIn('jisheng-sq-staff');

    const notice = await get(path('notice.pdf'));
    expect(notice.status).toBe(200);
    expect(notice.headers['content-type']).toBe('application/pdf');
    expect(notice.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('召开业主大会公告-')}`,
    );
    const noticeText = squeezed((await pdfText(notice.body as Buffer)).pages.join(''));
    expect(noticeText).toContain('吉盛小区召开业主大会公告');
    expect(noticeText).toContain(squeezed('投票开始：2026年3月17日 09:00'));
    expect(noticeText).toContain(squeezed('第4项（选聘和解聘物业服务企业或者其他管理人）'));

    const ballots = await get(`${path('paper-ballots.pdf')}?units=1-1-102,1-1-201`);
    expect(ballots.status).toBe(200);
    const pages = (await pdfText(ballots.body as Buffer)).pages.map(squeezed);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain(squeezed('专有部分：1-1-102（1栋1单元102室）'));
    expect(pages[0]).toContain('登记面积：3,334.00m²');
    expect((await get(path('paper-ballots.pdf'))).status).toBe(200);
    const unknownUnit = await get(`${path('paper-ballots.pdf')}?units=9-9-999`);
    expect(unknownUnit.status).toBe(422);

    const early = await get(path('result.pdf'));
    expect(early.status).toBe(409);
    expect(JSON.parse((early.body as Buffer).toString()).code).toBe('documents.vote-not-closed');

    expect(await cast(db, '1-1-101', { dismiss: 'agree', fund: 'agree' })).toMatchObject({ ok: true });
    expect(await cast(db, '1-1-102', { dismiss: 'agree', fund: 'oppose' })).toMatchObject({ ok: true });
    const closed = await closeAndTally(db, boxId, new Date('2026-04-01T09:00:00+08:00'));
    if (!closed.ok) throw new Error('not counted');

    const result = await get(path('result.pdf'));
    expect(result.status).toBe(200);
    const text = squeezed((await pdfText(result.body as Buffer)).pages.join(''));
    for (const expected of [
      '6,667.00/10,000.00m²（66.67%）达到',
      '2/3人（66.67%）达到',
      '3,333.00/6,667.00m²（49.99%）未达到',
      `选票集摘要（SHA-256）：${closed.tally.ballotDigest}`,
      `业主名册摘要（SHA-256）：${closed.tally.electorateHash}`,
    ])
      expect(text).toContain(squeezed(expected));
  });

  test('given a box id nobody opened, when printing, then 404; given a reader who is not staff, then 403; an auditor may print', async () => {
    await seedVote(databases.db());
    const staff = await signedIn('jisheng-sq-staff');
    const unknown = await staff.get(path('notice.pdf', 'case-20990101-ffffffffff~vote.1'));
    expect(unknown.status).toBe(404);
    expect(JSON.parse((unknown.body as Buffer).toString()).code).toBe('ballot.unknown-box');
    expect((await staff.get(path('result.pdf', 'no-tilde'))).status).toBe(404);

    const firm = await signedIn('jisheng-pm');
    const refused = await firm.get(path('paper-ballots.pdf'));
    expect(refused.status).toBe(403);
    expect(JSON.parse((refused.body as Buffer).toString()).code).toBe('documents.forbidden');

    const auditor = await signedIn('jizhou-auditor');
    expect((await auditor.get(path('notice.pdf'))).status).toBe(200);

    const minutes = await staff.get(`/api/cases/${caseId}/meetings/meeting.1/minutes.pdf`);
    expect(minutes.status).toBe(404);
    expect((await staff.get('/api/cases/case-unknown/meetings/meeting.1/minutes.pdf')).status).toBe(404);
  });

  test('given a meeting held and projected into the read model, when staff print its minutes, then the PDF names the sign-ins and positions and prints the timeline’s chain hash of the minutes entry', async () => {
    const db = databases.db();
    await ensureDemoData(db);
    const driver = heldMeeting();
    const author = { by: 'jizhou-admin', at: new Date('2025-10-01T09:00:00+08:00') };
    const definition = { ...driver.context.definition, key: 'doc-joint-meeting' };
    await createTemplate(db, { key: 'doc-joint-meeting', ownerUnit: 'jian/jizhou', definition }, author);
    await publishDraft(db, { key: 'doc-joint-meeting', revision: 1, changeNote: '测试 / test' }, author);
    const meetingCase = 'case-20251009-0a1b2c3d4e';
    await applyProjection(db, {
      caseId: meetingCase,
      revision: driver.timeline.at(-1)!.seq,
      at: driver.timeline.at(-1)!.at,
      entries: driver.timeline,
      summary: {
        templateKey: 'doc-joint-meeting',
        templateVersion: 1,
        templateName: { zh: '联席会议', en: 'Joint meeting' },
        orgUnit: compound,
        status: 'running',
        overdue: false,
        startedAt: driver.timeline[0]!.at,
        startedBy: 'jisheng-sq-staff',
        openIncidents: 0,
      },
      openWorkItems: Object.values(driver.state.workItems).map(workItemView),
      closedWorkItems: [],
    });
    const minutesSeq = driver.lastEntry('meeting.minutes-recorded')!.seq;
    const chain = await db.query<{ hash: string }>('SELECT hash FROM case_timeline WHERE case_id = $1 AND seq = $2', [
      meetingCase,
      minutesSeq,
    ]);

    const { get } = await signedIn('jisheng-sq-staff');
    const minutes = await get(`/api/cases/${meetingCase}/meetings/meeting.1/minutes.pdf`);

    expect(minutes.status).toBe(200);
    expect(minutes.headers['content-type']).toBe('application/pdf');
    expect(minutes.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('会议纪要-')}`);
    const text = squeezed((await pdfText(minutes.body as Buffer)).pages.join(''));
    for (const expected of [
      '吉盛小区三方联席会议会议纪要',
      '单位：吉盛小区',
      '陈主任',
      '赵经理',
      '物业服务企业反对',
      '更换3号楼电梯曳引机',
      `案件时间线第${minutesSeq}条（会议纪要记录）的链式哈希：${chain.rows[0]!.hash}`,
    ])
      expect(text).toContain(squeezed(expected));
    expect((await get(`/api/cases/${meetingCase}/meetings/meeting.2/minutes.pdf`)).status).toBe(404);
    const firm = await signedIn('jisheng-pm');
    expect((await firm.get(`/api/cases/${meetingCase}/meetings/meeting.1/minutes.pdf`)).status).toBe(403);
  });
});
