import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import type { Attachments } from '../../server/attachments/settings';
import type { Database } from '../../server/db/database';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { createApp } from '../../server/http/create-app';
import { recordCaseStarted } from '../../server/read-model';
import { testAuth } from '../http/harness';

/** 吉盛小区, where the test case runs. */
export const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';

/** The upload time the app's clock shows. */
export const uploadTime = new Date('2026-03-02T09:30:00+08:00');

/**
 * The HTTP app over `db` with the demo directory and one running case at 吉盛小区 in the read model (no Temporal:
 * the attachment routes need only the case's row), and helpers to upload and download as a demo user.
 */
export async function attachmentApp(db: Database, attachments?: Attachments) {
  await ensureDemoData(db);
  const caseId = 'case-attachments-1';
  await recordCaseStarted(db, {
    caseId,
    templateKey: 'resident-complaint',
    templateVersion: 1,
    templateName: { zh: '居民投诉', en: 'Resident complaint' },
    orgUnit: compound,
    startedBy: 'jisheng-sq-staff',
    startedAt: '2026-03-02T09:00:00+08:00',
  });
  const app: Express = createApp({
    db,
    logger: pino({ level: 'silent' }),
    auth: testAuth,
    readiness: { temporal: async () => true },
    clock: () => uploadTime,
    ...(attachments && { attachments }),
  });
  const tokens = new Map<string, string>();
  const tokenOf = async (username: string) => {
    const known = tokens.get(username);
    if (known) return known;
    const response = await request(app).post('/api/auth/login').send({ username, password: demoPassword });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
    tokens.set(username, response.body.token);
    return response.body.token as string;
  };
  const upload = async (
    username: string,
    file: { bytes: Buffer; contentType: string; filename?: string },
    targetCase = caseId,
  ) =>
    request(app)
      .post(`/api/cases/${targetCase}/attachments`)
      .set('authorization', `Bearer ${await tokenOf(username)}`)
      .set('content-type', file.contentType)
      .set('x-filename', encodeURIComponent(file.filename ?? 'file'))
      .send(file.bytes);
  const download = async (username: string, sha256: string, targetCase = caseId) =>
    request(app)
      .get(`/api/cases/${targetCase}/attachments/${sha256}`)
      .set('authorization', `Bearer ${await tokenOf(username)}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
  return { app, caseId, upload, download, tokenOf };
}

/** Rows of the attachment tables, to show a refused upload stored nothing. */
export async function attachmentCounts(db: Database): Promise<{ attachments: number; blobs: number }> {
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n;
  return { attachments: (await count('attachments')) ?? -1, blobs: (await count('attachment_blobs')) ?? -1 };
}
