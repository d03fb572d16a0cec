import { createProjectCase } from '../../activities/project/project-case';
import { listTimeline, verifyCaseChain } from '../../server/read-model';
import { databaseAttachmentStore } from '../../server/attachments/database-store';
import { attachFile } from '../../server/attachments/attachments';
import { useTestDatabases } from '../support/postgres';
import { entry, request } from '../read-model/fixtures';
import { samples } from './sample-files';

const caseId = 'case-20260302-00000000ev';

/**
 * The point of content addressing: a completed task's form data carries the uploaded file's reference, the
 * timeline entry records it, and the hash chain covers it — pointing the entry at other bytes breaks the chain.
 */
describe('evidence in the hash-chained timeline', () => {
  const databases = useTestDatabases('pglite');

  test('given a task completed with a photo, when the chain is verified and then the recorded hash is swapped, then it verifies before and breaks after', async () => {
    const db = databases.db();
    const { attachment } = await attachFile(db, databaseAttachmentStore(db), {
      caseId,
      bytes: samples.jpeg('broken lamp'),
      filename: '路灯.jpg',
      contentType: 'image/jpeg',
      uploadedBy: 'jisheng-pm',
      uploadedAt: new Date('2026-03-02T01:02:00Z'),
    });
    const photo = {
      sha256: attachment.sha256,
      filename: attachment.filename,
      size: attachment.size,
      contentType: attachment.contentType,
    };
    const completed = entry(3, {
      type: 'task.completed',
      actor: 'jisheng-pm',
      nodeId: 'handle',
      taskId: 'handle.1',
      outcome: 'done',
      data: { note: '已更换灯泡', photo },
    });
    await createProjectCase(db)({
      ...request(caseId, 3),
      entries: [entry(1, { type: 'case.started', actor: 'jisheng-sq-staff' }), entry(2), completed],
    });

    const timeline = await listTimeline(db, caseId, { limit: 10 });
    expect(timeline.entries[2]).toMatchObject({ type: 'task.completed', data: { photo } });
    expect(await verifyCaseChain(db, caseId)).toEqual({ ok: true, entries: 3 });

    const otherBytes = samples.jpeg('a different photo');
    const { createHash } = await import('node:crypto');
    await db.query(
      `UPDATE case_timeline SET entry = jsonb_set(entry, '{data,photo,sha256}', to_jsonb($2::text)) WHERE case_id = $1 AND seq = 3`,
      [caseId, createHash('sha256').update(otherBytes).digest('hex')],
    );
    expect(await verifyCaseChain(db, caseId)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      problemCode: 'chain.edited',
    });
  });
});
