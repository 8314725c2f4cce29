// CPU seconds used by processes, from /proc (Linux); null elsewhere. For finding bottlenecks.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // CLK_TCK on Linux

/** utime + stime of one process, in seconds, or null if it cannot be read. */
export function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Tracks the CPU time of a set of processes from now on. `pids` is an async function so the set
 * may change (PostgreSQL backends come and go); each pid counts from the first time it is seen.
 */
export class CpuMeter {
  constructor(pids) {
    this.pids = pids;
    this.base = new Map();
    this.last = new Map();
  }

  /** CPU seconds used by the tracked processes since they were first seen. */
  async seconds() {
    for (const pid of await this.pids()) {
      const seconds = cpuSecondsOf(pid);
      if (seconds == null) continue;
      if (!this.base.has(pid)) this.base.set(pid, seconds);
      this.last.set(pid, seconds);
    }
    let total = 0;
    for (const [pid, last] of this.last) total += last - this.base.get(pid);
    return total;
  }
}
