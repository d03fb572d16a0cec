import { readFileSync } from 'node:fs';

/** CPU time used so far, in ms: this process (all its threads: worker, workflow threads, client) and the server. */
export interface CpuReading {
  processMs: number;
  /** The Temporal dev server's user + system time, from /proc (Linux); undefined when unknown. */
  serverMs?: number;
}

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every mainstream Linux. */
const clockTicksPerSecond = 100;

function serverCpuMs(pid: number): number | undefined {
  try {
    // Fields after the parenthesised command name: state is the 3rd field, utime the 14th and stime the 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicksPerSecond : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the CPU time used so far by this process and, when its pid is known, the dev server. */
export function readCpu(serverPid: number | undefined): CpuReading {
  const usage = process.cpuUsage();
  return {
    processMs: (usage.user + usage.system) / 1000,
    serverMs: serverPid === undefined ? undefined : serverCpuMs(serverPid),
  };
}

/** CPU used between two readings. */
export function cpuSince(before: CpuReading, after: CpuReading): CpuReading {
  return {
    processMs: after.processMs - before.processMs,
    serverMs:
      before.serverMs === undefined || after.serverMs === undefined ? undefined : after.serverMs - before.serverMs,
  };
}
