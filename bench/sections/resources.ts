import { readFileSync } from 'node:fs';
import { round, type SectionReport } from '../report';

/** Resident set size of another process in MB, from /proc (Linux); undefined where that is not available. */
function rssOfPid(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

/**
 * Memory at the end of the run: this process — which hosts the worker (and the bench's client) — and, when the bench
 * started it, the Temporal dev server.
 */
export function resources(serverPid: number | undefined): SectionReport {
  const memory = process.memoryUsage();
  const mb = (bytes: number) => round(bytes / 1024 / 1024);
  const figures = {
    workerProcessRssMb: mb(memory.rss),
    workerProcessHeapUsedMb: mb(memory.heapUsed),
    devServerRssMb: serverPid === undefined ? undefined : rssOfPid(serverPid),
  };
  return {
    key: 'resources',
    title: 'Memory at the end of the run',
    columns: ['RSS MB', 'heap used MB'],
    rows: [
      {
        label: 'worker process (worker + bench client)',
        values: [figures.workerProcessRssMb, figures.workerProcessHeapUsedMb],
      },
      { label: 'Temporal dev server', values: [figures.devServerRssMb ?? 'n/a', 'n/a'] },
    ],
    notes: [],
    figures,
  };
}
