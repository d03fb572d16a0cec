import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevServer } from '../../server/temporal/dev-server';
import { globalTemporal, testNamespace } from './temporal-env';

/**
 * Jest globalSetup: one embedded Temporal dev server for the whole run (sqlite in a fresh temp dir), so tests share a
 * real server without each paying its start-up. Skipped when GONGZHI_TEST_TEMPORAL_ADDRESS is already set, e.g. to
 * test against an external server.
 */
export default async function globalSetup(): Promise<void> {
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
