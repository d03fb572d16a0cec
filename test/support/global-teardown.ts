import fs from 'node:fs';
import { globalTemporal } from './temporal-env';

/** Jest globalTeardown: stops the dev server of global-setup.ts and deletes its temp dir. */
export default async function globalTeardown(): Promise<void> {
  const handle = globalTemporal.handle;
  if (!handle) return;
  globalTemporal.handle = undefined;
  await handle.server.stop();
  fs.rmSync(handle.dir, { recursive: true, force: true });
}
