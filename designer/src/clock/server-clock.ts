/**
 * The server's clock as the browser sees it: every API answer's `Date` header moves the estimated offset between the
 * server's time and this machine's, so countdowns agree with the deadlines the server computes even when the phone's
 * clock is wrong. The header has one-second resolution; the offset keeps the smallest-magnitude correction seen over
 * the last answers, which filters out slow responses.
 */
export interface ServerClock {
  /** Milliseconds since the epoch on the server's clock, now. */
  now(): number;
  /** The current estimate of server time minus local time, in milliseconds. */
  offsetMs(): number;
  /** Records a `Date` header (or null when an answer had none). */
  observe(dateHeader: string | null, localMs?: number): void;
}

/** A clock following the server's `Date` headers (starts at offset 0, i.e. the local clock). */
export function createServerClock(local: () => number = () => Date.now()): ServerClock {
  let offset = 0;
  let samples: number[] = [];
  return {
    now: () => local() + offset,
    offsetMs: () => offset,
    observe(dateHeader, localMs = local()) {
      if (!dateHeader) return;
      const serverMs = Date.parse(dateHeader);
      if (Number.isNaN(serverMs)) return;
      // The header truncates to the second: the server's true time lies in [serverMs, serverMs + 1000).
      samples = [...samples.slice(-9), serverMs + 500 - localMs];
      const sorted = [...samples].sort((a, b) => a - b);
      offset = sorted[Math.floor(sorted.length / 2)] ?? 0;
    },
  };
}

/** The app's one server clock, fed by the API client's transport. */
export const serverClock: ServerClock = createServerClock();
