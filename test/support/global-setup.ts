import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevServer } from '../../server/temporal/dev-server';
import { startThrowawayPostgres, type ThrowawayPostgres } from './postgres-server';
import { globalTemporal, testNamespace } from './temporal-env';

/**
 * Jest globalSetup: one throwaway PostgreSQL server and one embedded Temporal dev server for the whole run (sqlite in a fresh temp dir), so tests share a
 * real server without each paying its start-up. Skipped when GONGZHI_TEST_TEMPORAL_ADDRESS is already set, e.g. to
 * test against an external server.
 */
export default async function globalSetup(): Promise<void> {
  // One real PostgreSQL server for the run too, unless CI (or the developer) points at one.
  if (!process.env.GONGZHI_TEST_DATABASE_URL) {
    const postgres = await startThrowawayPostgres();
    (globalThis as { __gongzhiTestPostgres?: ThrowawayPostgres }).__gongzhiTestPostgres = postgres;
    process.env.GONGZHI_TEST_DATABASE_URL = postgres.url;
  }
  if (process.env.GONGZHI_TEST_TEMPORAL_ADDRESS) {
    process.env.GONGZHI_TEST_TEMPORAL_NAMESPACE ??= testNamespace;
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-temporal-'));
  const server = await startDevServer({ dbFile: path.join(dir, 'temporal.sqlite'), namespace: testNamespace });
  globalTemporal.handle = { server, dir };
  process.env.GONGZHI_TEST_TEMPORAL_ADDRESS = server.address;
  process.env.GONGZHI_TEST_TEMPORAL_NAMESPACE = server.namespace;
}
