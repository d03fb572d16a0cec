import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/open-database';
import type { SectionReport } from '../report';
import { benchInboxQuery } from './inbox-query';

/** Inbox query latency with 100,000 open tasks in the read model (embedded PGlite, as `npm start` runs it). */
export async function inboxQuery(log: (line: string) => void): Promise<SectionReport> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-bench-inbox-'));
  const db = await openDatabase({ dataDir });
  try {
    log('inbox: seeding 100,000 open tasks…');
    const figures = await benchInboxQuery(db);
    return {
      key: 'inbox-query',
      title: 'Inbox query with 100,000 open tasks in the read model (PGlite)',
      columns: ['tasks', 'queries', 'p50 ms', 'p99 ms', 'max ms'],
      rows: [
        {
          label: 'GET /api/inbox SQL',
          values: [figures.tasks, figures.queries, figures.p50Ms, figures.p99Ms, figures.maxMs],
        },
      ],
      notes: [],
      figures: { ...figures },
    };
  } finally {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
