// Child process: the floor for one balance refresh. Real ccxt binance fetchBalance() against the sim, no
// queue, no database, no vault, at the same concurrency as the worker, for a fixed time window. Long-lived so
// it can alternate with the worker: the first stdin line is the setup (the keys never touch argv, env or disk),
// every further line a window to run; each window prints one `RESULT {json}` line.
//   new    a new instance per call (constructor ≈ 5 ms of CPU, a new TCP connection), ccxt throttle on
//   reuse  one long-lived instance per lane, credentials swapped per call (keep-alive, no constructor),
//          throttle off, as the worker's client pool leases them
import { createInterface } from 'node:readline';
import { pointAt } from '@keyport/exchange/url-overrides';
import type { Exchange } from 'ccxt';
import { cpuTimeMs, machineCpuMs, readMemory } from '../lib/proc';
import { median } from '../lib/stats';

export type BareMode = 'new' | 'reuse';

export interface BareSetup {
  simUrl: string;
  /** PID of the sim process, to attribute its CPU time to each window. */
  simPid: number;
  concurrency: number;
  keys: { apiKey: string; secret: string }[];
}

export interface BareWindow {
  mode: BareMode;
  /** Calls cycle over the first `keyCount` keys (the accounts of the current phase). */
  keyCount: number;
  /** Unmeasured calls before the window, ms. */
  warmupMs: number;
  windowMs: number;
}

export interface BareWindowResult {
  mode: BareMode;
  calls: number;
  wallMs: number;
  callsPerSecond: number;
  p50Ms: number;
  errors: string[];
  /** CPU ms per call: this process, the sim, and the whole machine (busy time, all cores). */
  cpuPerCall: { client: number; sim: number; machine: number };
  rssMb: number;
  ccxtVersion: string;
}

const ccxt = (await import('ccxt')).default;

/** Same client settings as the worker's createExchangeClient: markets never loaded, strings for amounts. */
function newClient(simUrl: string, key: BareSetup['keys'][number], enableRateLimit: boolean): Exchange {
  const exchange = new ccxt.binance({ ...key, timeout: 10_000, enableRateLimit, number: String });
  pointAt(exchange, simUrl);
  exchange.setMarkets({});
  return exchange;
}

function checkBalance(balance: Awaited<ReturnType<Exchange['fetchBalance']>>): void {
  const btc = (balance.total as unknown as Record<string, unknown>).BTC;
  if (Number(btc) !== 0.5) throw new Error(`unexpected BTC total ${String(btc)}`);
}

let setup: BareSetup;
// reuse: one instance per lane for the whole life of this process, like the worker's pool
let lanes: Exchange[] = [];
let nextKey = 0;

/** Runs lanes back to back until `untilMs` (performance.now()); returns latencies and errors. */
async function runUntil(window: BareWindow, untilMs: number) {
  const latencies: number[] = [];
  const errors: string[] = [];
  if (window.mode === 'reuse' && lanes.length === 0)
    lanes = Array.from({ length: setup.concurrency }, () =>
      newClient(setup.simUrl, setup.keys[0] as BareSetup['keys'][number], false),
    );
  const runLane = async (lane: number) => {
    while (performance.now() < untilMs) {
      const key = setup.keys[nextKey % window.keyCount] as BareSetup['keys'][number];
      nextKey += 1;
      const t0 = performance.now();
      let exchange: Exchange;
      if (window.mode === 'reuse') {
        exchange = lanes[lane] as Exchange;
        exchange.apiKey = key.apiKey;
        exchange.secret = key.secret;
      } else {
        exchange = newClient(setup.simUrl, key, true);
      }
      try {
        checkBalance(await exchange.fetchBalance({ type: 'spot' }));
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors.push(`${(error as Error).constructor.name}: ${(error as Error).message}`.slice(0, 300));
      } finally {
        if (window.mode === 'new') await exchange.close().catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: setup.concurrency }, (_, lane) => runLane(lane)));
  return { latencies, errors };
}

async function runWindow(window: BareWindow): Promise<BareWindowResult> {
  if (window.warmupMs > 0) await runUntil(window, performance.now() + window.warmupMs);
  const cpu0 = process.cpuUsage();
  const sim0 = cpuTimeMs(setup.simPid);
  const machine0 = machineCpuMs().busy;
  const started = performance.now();
  const { latencies, errors } = await runUntil(window, started + window.windowMs);
  // the wall time ends with the last call: lanes finish the call in flight at the deadline
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const calls = Math.max(1, latencies.length + errors.length);
  return {
    mode: window.mode,
    calls: latencies.length,
    wallMs,
    callsPerSecond: (latencies.length * 1000) / wallMs,
    p50Ms: median(latencies),
    errors,
    cpuPerCall: {
      client: (cpu.user + cpu.system) / 1000 / calls,
      sim: (cpuTimeMs(setup.simPid) - sim0) / calls,
      machine: (machineCpuMs().busy - machine0) / calls,
    },
    rssMb: readMemory(process.pid)?.rssMb ?? Number.NaN,
    ccxtVersion: ccxt.version,
  };
}

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  let queue: Promise<void> = Promise.resolve();
  lines.on('line', (line) => {
    queue = queue.then(async () => {
      const message = JSON.parse(line) as { setup: BareSetup } | { window: BareWindow };
      if ('setup' in message) {
        setup = message.setup;
        process.stdout.write('READY\n');
        return;
      }
      process.stdout.write(`RESULT ${JSON.stringify(await runWindow(message.window))}\n`);
    });
    queue.catch((error) => {
      console.error(error);
      process.exit(1);
    });
  });
  lines.once('close', () => {
    void queue.then(async () => {
      for (const exchange of lanes) await exchange.close().catch(() => undefined);
      process.exit(0);
    });
  });
}

await main();
