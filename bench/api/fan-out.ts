// Fan-out: `count` SSE subscriptions held open by one client process, then `events` published one by one on
// Redis; for each event, the time from publish to every subscription having it.

import { wallClockMs } from '../lib/clock';
import { childEnv } from '../lib/env';
import { cpuTimeMs, readMemory } from '../lib/proc';
import { Child, type Cleanup } from '../lib/processes';
import type { Launcher } from '../lib/runtime';
import { percentile } from '../lib/stats';
import type { SubscribersResult, SubscribersSetup } from './sse-subscribers';

export interface FanOutPlan {
  setup: Omit<SubscribersSetup, 'count' | 'batch'>;
  count: number;
  events: number;
  spacingMs: number;
  serverPid: number;
  /** Puts event `n` where the server will read it (e.g. the database row); not timed. */
  prepare: (n: number) => Promise<void>;
  /** Sends event `n` on Redis; timed from just before it is called. */
  publish: (n: number) => Promise<void>;
}

export interface FanOutResult {
  connectMs: number;
  /** Server RSS before the subscriptions, once all are open, and after the events, MB. */
  rssMb: { before: number; connected: number; after: number };
  /** Per event: publish → last subscription to have it, ms (warm events only). */
  perEventMax: number[];
  /** Cold first event (not in the percentiles), ms to the last subscription. */
  coldMax: number;
  p50: number;
  p99: number;
  missed: number;
  dropped: number;
  /** Server CPU per event over the warm events (main thread and helpers), ms. */
  serverCpuPerEvent: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function fanOut(launcher: Launcher, cleanup: Cleanup, plan: FanOutPlan): Promise<FanOutResult> {
  const launch = await launcher.launch('bench/api/sse-subscribers.ts', 'bench');
  const client = new Child({ name: 'sse-subscribers', ...launch, env: childEnv({}), cleanup, stdin: true });
  const rss = () => readMemory(plan.serverPid)?.rssMb ?? Number.NaN;
  const before = rss();
  const setup: SubscribersSetup = { ...plan.setup, count: plan.count, batch: 200 };
  client.proc.stdin?.write(`${JSON.stringify(setup)}\n`);
  const line = await client.waitForLine((l) => l.startsWith('CONNECTED') || l.startsWith('FAILED'), 120_000);
  if (line.startsWith('FAILED')) throw client.failure(line);
  const connectMs = Number(line.split(' ')[1]);
  // every stream has its response headers; give the server a moment to finish subscribing on Redis
  await sleep(1_000);
  const connected = rss();

  const publishedAt = new Map<number, number>();
  let warmCpuFrom = Number.NaN;
  for (let n = 0; n <= plan.events; n++) {
    await plan.prepare(n);
    if (n === 1) warmCpuFrom = cpuTimeMs(plan.serverPid);
    publishedAt.set(n, wallClockMs());
    await plan.publish(n);
    await sleep(plan.spacingMs);
  }
  const serverCpuPerEvent = (cpuTimeMs(plan.serverPid) - warmCpuFrom) / plan.events;
  await sleep(1_000);
  const after = rss();
  client.proc.stdin?.write('REPORT\n');
  const resultLine = await client.waitForLine((l) => l.startsWith('RESULT '), 30_000);
  await client.wait();
  const result = JSON.parse(resultLine.slice('RESULT '.length)) as SubscribersResult;

  const warm: number[] = [];
  const perEventMax: number[] = [];
  let coldMax = Number.NaN;
  let missed = 0;
  for (const [n, sent] of publishedAt) {
    const latencies = (result.received[String(n)] ?? []).map((at) => at - sent);
    missed += plan.count - latencies.length;
    const max = latencies.length > 0 ? Math.max(...latencies) : Number.NaN;
    if (n === 0) coldMax = max;
    else {
      perEventMax.push(max);
      warm.push(...latencies);
    }
  }
  return {
    connectMs,
    rssMb: { before, connected, after },
    perEventMax,
    coldMax,
    p50: percentile(warm, 50),
    p99: percentile(warm, 99),
    missed,
    dropped: result.dropped,
    serverCpuPerEvent,
  };
}
