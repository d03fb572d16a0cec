import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Where the embedded Temporal dev server of `npm start` listens; CLI commands in other terminals read it. */
export interface EmbeddedState {
  /** Frontend gRPC address, `127.0.0.1:port`. */
  address: string;
  namespace: string;
  uiUrl: string;
  /** The Temporal server process; the state counts as stale once it is gone. */
  pid: number;
}

const EmbeddedStateFile = z.object({
  address: z.string().min(1),
  namespace: z.string().min(1),
  uiUrl: z.string(),
  pid: z.number().int().positive(),
});

const stateFile = (dataDir: string) => path.join(dataDir, 'temporal.json');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Records the running embedded server in `<dataDir>/temporal.json`, so `npm run gongzhi …` in another terminal finds
 * the free port `npm start` picked. Written atomically: a reader never sees half a file.
 */
export function writeEmbeddedState(dataDir: string, state: EmbeddedState): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const temporary = `${stateFile(dataDir)}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(state, null, 2) + '\n');
  fs.renameSync(temporary, stateFile(dataDir));
}

/**
 * The embedded server recorded for `dataDir`, or undefined when there is none, the file is unreadable, or its process
 * has exited (a crashed `npm start` leaves a stale file behind).
 */
export function readEmbeddedState(dataDir: string): EmbeddedState | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8'));
  } catch {
    return undefined;
  }
  const parsed = EmbeddedStateFile.safeParse(raw);
  return parsed.success && isAlive(parsed.data.pid) ? parsed.data : undefined;
}

/** Deletes `<dataDir>/temporal.json` when the embedded server stops; no error when it is already gone. */
export function removeEmbeddedState(dataDir: string): void {
  fs.rmSync(stateFile(dataDir), { force: true });
}
