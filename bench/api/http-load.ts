// One closed-loop HTTP load run (autocannon: `connections` in flight, each sends its next request when the
// previous answer is in), the way ../shared/research/baselines.md measured bare yoga.
import autocannon from 'autocannon';
import { cpuTimeMs, cpuTimeOf, machineCpuMs } from '../lib/proc';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU ms the server process used per answered request. */
  serverCpuPerRequest: number;
  /** CPU ms PostgreSQL's backends for the bench database used per request (0 without one). */
  databaseCpuPerRequest: number;
  /** Busy CPU ms of the whole machine (both cores: load generator included) per request. */
  machineCpuPerRequest: number;
}

export interface LoadTarget {
  url: string;
  body: string;
  headers: Record<string, string>;
  serverPid: number;
  /** The database whose PostgreSQL backends' CPU is counted. */
  databaseName?: string;
}

export async function httpLoad(
  target: LoadTarget,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const cpuBefore = cpuTimeMs(target.serverPid);
  const databaseCpu = () => (target.databaseName ? cpuTimeOf('postgres', target.databaseName) : 0);
  const databaseBefore = databaseCpu();
  const machineBefore = machineCpuMs().busy;
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body,
  });
  const requests = result.requests.total;
  return {
    requestsPerSecond: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    serverCpuPerRequest: (cpuTimeMs(target.serverPid) - cpuBefore) / Math.max(requests, 1),
    databaseCpuPerRequest: (databaseCpu() - databaseBefore) / Math.max(requests, 1),
    machineCpuPerRequest: (machineCpuMs().busy - machineBefore) / Math.max(requests, 1),
  };
}
