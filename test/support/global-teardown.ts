import fs from 'node:fs';
import type { ThrowawayPostgres } from './postgres-server';
import { globalTemporal } from './temporal-env';

/** Jest globalTeardown: stops the PostgreSQL server and the dev server of global-setup.ts and deletes its temp dir. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __gongzhiTestPostgres?: ThrowawayPostgres };
  await holder.__gongzhiTestPostgres?.stop();
  holder.__gongzhiTestPostgres = undefined;
  const handle = globalTemporal.handle;
  if (!handle) return;
  globalTemporal.handle = undefined;
  await handle.server.stop();
  fs.rmSync(handle.dir, { recursive: true, force: true });
}
