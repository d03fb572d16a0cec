import request from 'supertest';
import type { Express } from 'express';
import type { Database } from '../../server/db/database';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { recordCaseStarted } from '../../server/read-model';
import { openBallotBox } from '../../server/votes/ballot-box';
import { electorateColumns } from '../../server/votes/electorate-rows';
import { testApp } from './harness';

/** 吉盛小区 of the demo directory, where the ballot tests vote. */
export const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
export const caseId = 'case-20260301-0a1b2c3d4e';
export const boxId = `${caseId}~vote.1`;

/**
 * A small roll with every headcount shape: 王 owns a and b (one token for both), 张 and 赵 co-own c (one token), 钱 owns
 * d, the developer holds e and f (one token). Names and an ID number are on the roll so tests can show they never
 * leave it.
 */
export const rollCsv = [
  electorateColumns.join(','),
  'a,1栋,1单元,101,89.50,false,o-wang,王某,13800000001,360802198001010011',
  'b,1栋,1单元,102,90.25,false,o-wang,,,',
  'c,1栋,2单元,201,100.00,false,o-zhang,张某,,',
  'c,1栋,2单元,201,100.00,false,o-zhao,赵某,,',
  'd,2栋,1单元,101,75.00,false,o-qian,钱某,,',
  'e,2栋,1单元,102,60.00,true,,,,',
  'f,2栋,1单元,103,60.00,true,,,,',
].join('\n');

export const matters = [
  { key: 'dismiss', item: 4 },
  { key: 'fund', item: 6 },
] as const;

/** A signed-in client of the test app. */
export async function login(app: Express, username: string): Promise<string> {
  const response = await request(app).post('/api/auth/login').send({ username, password: demoPassword });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
  return `Bearer ${response.body.token as string}`;
}

/**
 * Given the demo directory, the roll imported over HTTP by the committee, the vote's case in the read model (for
 * attachments) and its box open: the app, a clock, and tokens of the committee and two community staff.
 */
export async function openVote(db: Database) {
  await ensureDemoData(db);
  const harness = testApp(db, { start: new Date('2026-03-20T09:00:00+08:00') });
  const committee = await login(harness.app, 'jisheng-committee');
  const staff = await login(harness.app, 'jisheng-sq-staff');
  const secretary = await login(harness.app, 'jisheng-sq-secretary');
  const imported = await request(harness.app)
    .post(`/api/compounds/${encodeURIComponent(compound)}/electorate`)
    .set('authorization', committee)
    .set('content-type', 'text/csv')
    .send(rollCsv);
  if (imported.status !== 200) throw new Error(JSON.stringify(imported.body));
  await recordCaseStarted(db, {
    caseId,
    templateKey: 'replace-property-firm',
    templateVersion: 1,
    templateName: { zh: '更换物业', en: 'Replace the property firm' },
    orgUnit: compound,
    startedBy: 'jisheng-committee',
    startedAt: '2026-03-01T09:00:00+08:00',
  });
  const opened = await openBallotBox(db, {
    id: boxId,
    compound,
    matters: [...matters],
    ruleSet: 'civil-code-2021',
    openedAt: new Date('2026-03-16T09:00:00+08:00'),
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
  return { ...harness, committee, staff, secretary, imported: imported.body };
}

/** Uploads a one-page "scan" (a PDF's leading bytes) to the vote's case and answers its attachment reference. */
export async function uploadScan(app: Express, auth: string, name: string) {
  const bytes = Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
  const uploaded = await request(app)
    .post(`/api/cases/${caseId}/attachments`)
    .set('authorization', auth)
    .set('content-type', 'application/pdf')
    .set('x-filename', encodeURIComponent(name))
    .send(bytes);
  if (uploaded.status !== 201 && uploaded.status !== 200) throw new Error(JSON.stringify(uploaded.body));
  const { sha256, filename, size, contentType } = uploaded.body.attachment;
  return { sha256, filename, size, contentType };
}

/** Issues the tokens of every part as the committee; answers them by their first unit. */
export async function issueAll(app: Express, auth: string): Promise<Record<string, string>> {
  const issued = await request(app)
    .post(`/api/votes/${encodeURIComponent(boxId)}/tokens`)
    .set('authorization', auth)
    .send({});
  if (issued.status !== 201) throw new Error(JSON.stringify(issued.body));
  return Object.fromEntries(
    (issued.body.tokens as { token: string; units: { unit: string }[] }[]).map((entry) => [
      entry.units.map((unit) => unit.unit).join('+'),
      entry.token,
    ]),
  );
}

export const votePath = (rest = '') => `/api/votes/${encodeURIComponent(boxId)}${rest}`;
