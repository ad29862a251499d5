// Linux /proc readers: memory and CPU time of processes, and of the whole machine.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** Clock ticks per second for /proc/<pid>/stat times (USER_HZ; 100 on every mainstream Linux build). */
const USER_HZ = 100;

export interface Memory {
  /** Resident set size now, MB. */
  rssMb: number;
  /** Peak resident set size ("high water mark") over the process's life, MB. */
  hwmMb: number;
}

function statusKb(text: string, field: string): number {
  const match = text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) : Number.NaN;
}

/** VmRSS and VmHWM of a process from /proc/<pid>/status; null when it is gone. */
export function readMemory(pid: number): Memory | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rssMb: statusKb(text, 'VmRSS') / 1024, hwmMb: statusKb(text, 'VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** The fields after the command name in /proc/<pid>/stat (the name may contain spaces and parentheses). */
function statFields(pid: number | string): { comm: string; fields: string[] } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    return { comm: text.slice(open + 1, close), fields: text.slice(close + 2).split(' ') };
  } catch {
    return null;
  }
}

/** User + system CPU time a process has used so far, ms; NaN when it is gone. */
export function cpuTimeMs(pid: number): number {
  const stat = statFields(pid);
  if (!stat) return Number.NaN;
  // after the name: state(0) ppid(1) ... utime(11) stime(12)
  return ((Number(stat.fields[11]) + Number(stat.fields[12])) * 1000) / USER_HZ;
}

/**
 * Summed CPU time (ms) of every process with command name `comm` whose command line (process title) contains
 * `titleContains`, e.g. the PostgreSQL backends serving one database ("postgres: … <dbname> 127.0.0.1(…) idle").
 * Read-only: it attributes CPU during a batch to services this bench did not start.
 */
export function cpuTimeOf(comm: string, titleContains = ''): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statFields(entry);
    if (!stat || stat.comm !== comm) continue;
    if (titleContains) {
      try {
        if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(titleContains))
          continue;
      } catch {
        continue;
      }
    }
    total += ((Number(stat.fields[11]) + Number(stat.fields[12])) * 1000) / USER_HZ;
  }
  return total;
}

/** Busy and total CPU time of the whole machine (all cores), ms, from /proc/stat. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, ...values] = line.trim().split(/\s+/);
  const ticks = values.map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
  return { busy: ((total - idle) * 1000) / USER_HZ, total: (total * 1000) / USER_HZ };
}

/**
 * Like cpuTimeOf, with a test on the command line (process title) instead of a substring, e.g. PostgreSQL's
 * shared server processes ("postgres: 15/main: walwriter").
 */
export function cpuTimeMatching(comm: string, test: (title: string) => boolean): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statFields(entry);
    if (!stat || stat.comm !== comm) continue;
    try {
      if (!test(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '))) continue;
    } catch {
      continue;
    }
    total += ((Number(stat.fields[11]) + Number(stat.fields[12])) * 1000) / USER_HZ;
  }
  return total;
}

/** One line on the machine a run is measured on, printed before anything is measured. */
export function machineLine(): string {
  const cpu = cpus();
  return (
    `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, ` +
    `node ${process.version}, load average before ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  );
}
