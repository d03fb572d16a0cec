import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { openDatabase } from '../../server/db/open-database';
import type { Database } from '../../server/db/database';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { createApp } from '../../server/http/create-app';
import { createBallotCaster } from '../../server/votes/cast-batcher';
import { receiptKeyOf } from '../../server/votes/receipts';
import { closeAndTally, openBallotBox } from '../../server/votes/ballot-box';
import { issueTokens } from '../../server/votes/ballot-tokens';
import { electorateColumns } from '../../server/votes/electorate-rows';
import { generateVote } from '../../test/vote/generated-roll';
import { round, summarizeLatencies, type SectionReport } from '../report';

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';

/** Runs `work` over `items` with `concurrency` in flight at once. */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next]!;
        next += 1;
        await work(item);
      }
    }),
  );
}

async function openBox(db: Database, id: string): Promise<void> {
  const opened = await openBallotBox(db, {
    id,
    compound,
    matters: [
      { key: 'dismiss', item: 4 },
      { key: 'hire', item: 4 },
    ],
    ruleSet: 'civil-code-2021',
    openedAt: new Date('2026-03-16T09:00:00+08:00'),
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
}

/**
 * The owners' side as a separate load client: a worker thread (its own event loop and V8 isolate, so the client's
 * requests do not queue behind the server's handlers) posting every cast with `concurrency` in flight over keep-alive
 * connections (node:http, not fetch: undici's fetch cost the client about three times the CPU per request); answers
 * the latencies and the ballots counted.
 */
const loadClient = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const http = require('node:http');
(async () => {
  const { base, casts, concurrency } = workerData;
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (path, body) => new Promise((resolve, reject) => {
    const request = http.request({
      agent, host: url.hostname, port: url.port, path, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
  const latencies = [];
  let ballots = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < casts.length) {
      const cast = casts[next++];
      const at = performance.now();
      const response = await post('/api/ballot/' + cast.token, cast.body);
      if (response.status !== 201) throw new Error('cast: ' + response.status + ' ' + response.text);
      ballots += JSON.parse(response.text).units.length;
      latencies.push(performance.now() - at);
    }
  }));
  agent.destroy();
  parentPort.postMessage({ latencies, ballots, ms: performance.now() - started });
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

function castThroughClient(
  base: string,
  casts: { token: string; body: string }[],
  concurrency: number,
): Promise<{ latencies: number[]; ballots: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadClient, { eval: true, workerData: { base, casts, concurrency } });
    worker.once('message', (message: { error?: string; latencies: number[]; ballots: number; ms: number }) => {
      void worker.terminate();
      if (message.error) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}

/**
 * Issue 12 §7: every ballot of a generated 9,980-part, 465-stairwell roll cast through the HTTP API. The committee
 * imports the roll (`POST …/electorate`, CSV) and issues the tokens (`POST /api/votes/:boxId/tokens`, one per owner
 * set: 9,850 for 9,980 parts); then owners cast concurrently (`POST /api/ballot/:token`, each a transaction writing
 * one ballot per part of the token plus the receipt, gathered by the group-commit batcher into shared
 * transactions). The load client is a worker thread. The same casts straight into the batcher (no HTTP) on a second
 * box show what the HTTP layer (Express, JSON, loopback sockets) costs beside the database. PGlite in process by
 * default; `databaseUrl` (env `GONGZHI_BENCH_DATABASE_URL`, an empty database) runs it on a PostgreSQL server.
 */
export async function ballotsHttp(
  log: (line: string) => void,
  concurrency = 128,
  databaseUrl = process.env.GONGZHI_BENCH_DATABASE_URL,
): Promise<SectionReport> {
  const vote = generateVote(9_980, 465, 0);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-bench-ballots-'));
  const db = await openDatabase({ dataDir: path.join(dir, 'data'), databaseUrl });
  const jwtSecret = new TextEncoder().encode('bench secret of at least thirty-two bytes');
  const app = createApp({
    db,
    logger: pino({ level: 'silent' }),
    auth: {
      jwtSecret,
      tokenTtlSeconds: 3600,
      issuer: 'gongzhi-bench',
    },
    readiness: { temporal: async () => true },
    writeRateLimit: 1_000_000,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await ensureDemoData(db);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jisheng-committee', password: demoPassword }),
    });
    const auth = `Bearer ${((await login.json()) as { token: string }).token}`;
    const area = (centi: bigint) => `${centi / 100n}.${(centi % 100n).toString().padStart(2, '0')}`;
    const csv = [
      electorateColumns.join(','),
      ...vote.parts.map(
        (part) =>
          `${part.unit},${part.stairwell}号楼,${part.stairwell},${part.unit},${area(part.areaCenti)},${part.developerHeld},${part.ownerId},${part.ownerId ? '业主' : ''},,`,
      ),
    ].join('\n');
    const importing = performance.now();
    const imported = await fetch(`${base}/api/compounds/${encodeURIComponent(compound)}/electorate`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'text/csv' },
      body: csv,
    });
    if (imported.status !== 200) throw new Error(`import: ${imported.status} ${await imported.text()}`);
    const importMs = round(performance.now() - importing);
    log(`ballots-http: roll imported over HTTP (${(csv.length / 1024).toFixed(0)} kB CSV)`);

    const boxId = 'case-20260316-bench00001~vote.1';
    await openBox(db, boxId);
    const issuing = performance.now();
    const issued = await fetch(`${base}/api/votes/${encodeURIComponent(boxId)}/tokens`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: '{}',
    });
    const { tokens } = (await issued.json()) as { tokens: { token: string; units: { unit: string }[] }[] };
    const issueMs = round(performance.now() - issuing);
    log(`ballots-http: ${tokens.length} tokens issued`);

    const choiceOf = new Map(vote.ballots.map((ballot) => [ballot.unit, ballot.choice]));
    const bodyOf = (units: { unit: string }[]) => {
      const choice = choiceOf.get(units[0]!.unit) ?? 'agree';
      return JSON.stringify({ choices: { dismiss: choice, hire: choice === 'abstain' ? 'agree' : choice } });
    };
    const casting = performance.now();
    const client = await castThroughClient(
      base,
      tokens.map((entry) => ({ token: entry.token, body: bodyOf(entry.units) })),
      concurrency,
    );
    const { latencies, ballots } = client;
    const castMs = round(performance.now() - casting);
    log(`ballots-http: ${ballots} ballots cast over HTTP`);
    const closing = performance.now();
    const tally = await closeAndTally(db, boxId, new Date('2026-03-31T09:00:00+08:00'));
    const closeMs = round(performance.now() - closing);
    if (!tally.ok || tally.tally.ballots !== vote.parts.length) throw new Error('not every part was counted');

    const directBox = 'case-20260316-bench00002~vote.1';
    await openBox(db, directBox);
    const direct = await issueTokens(db, { boxId: directBox, issuedBy: 'bench', now: new Date() });
    const caster = createBallotCaster(db, receiptKeyOf(jwtSecret));
    const directLatencies: number[] = [];
    const directStart = performance.now();
    await pool(direct.tokens, concurrency, async (entry) => {
      const started = performance.now();
      await caster.cast({
        token: entry.token,
        choices: JSON.parse(bodyOf(entry.units)).choices,
        now: new Date(),
      });
      directLatencies.push(performance.now() - started);
    });
    const directMs = round(performance.now() - directStart);
    log('ballots-http: the same casts without HTTP done');

    const perSecond = (count: number, ms: number) => round((count / ms) * 1000, 0);
    const http = summarizeLatencies(latencies);
    const inProcess = summarizeLatencies(directLatencies);
    const ballotsPerSecond = perSecond(ballots, castMs);
    const directPerSecond = perSecond(vote.parts.length, directMs);
    return {
      key: 'ballots-http',
      title: `Casting every ballot of a 9,980-part / 465-stairwell roll through the HTTP API (${concurrency} in flight)`,
      columns: ['requests', 'ballots', 'total ms', 'ballots/s', 'p50 ms', 'p99 ms'],
      rows: [
        { label: 'POST …/electorate (CSV import)', values: [1, vote.parts.length, importMs, '', '', ''] },
        { label: 'POST /api/votes/:boxId/tokens (all)', values: [1, vote.parts.length, issueMs, '', '', ''] },
        {
          label: 'POST /api/ballot/:token (HTTP)',
          values: [tokens.length, ballots, castMs, ballotsPerSecond, http.p50, http.p99],
        },
        {
          label: 'createBallotCaster().cast (same casts, no HTTP)',
          values: [direct.tokens.length, vote.parts.length, directMs, directPerSecond, inProcess.p50, inProcess.p99],
        },
        { label: 'closeAndTally (one transaction)', values: [1, ballots, closeMs, '', '', ''] },
      ],
      notes: [
        `aim: ≥ 1,000 ballots/s through the HTTP API (${ballotsPerSecond >= 1000 ? 'met' : 'MISSED'}: ${ballotsPerSecond})`,
        `HTTP share of a cast: about ${round(100 - (directMs / castMs) * 100, 0)} % of the time (the rest is the database transaction)`,
        `database: ${db.dialect}; the load client is a worker thread of the bench process (${concurrency} casts in flight)`,
      ],
      figures: {
        concurrency,
        tokens: tokens.length,
        ballots,
        importMs,
        issueMs,
        castMs,
        closeMs,
        directMs,
        http,
        inProcess,
      },
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** `npx tsx bench/sections/ballots-http.ts [concurrency]`: the section alone. */
if (require.main === module) {
  ballotsHttp((line) => process.stderr.write(`[bench] ${line}\n`), Number(process.argv[2] ?? 128))
    .then((report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
