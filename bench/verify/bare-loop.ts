// Child process: the floor for one verification. Real ccxt binance fetchBalance() against the sim, no queue,
// no database, at the same concurrency as the worker. Reads its input as one JSON line on stdin (the keys
// never touch argv, env or disk) and prints one `RESULT {json}` line.
//   new                    a new instance per call, as the worker does per job (constructor ≈ 5 ms of CPU)
//   new+probe              the same plus the permissions probe the worker also makes
//                          (GET /sapi/v1/account/apiRestrictions), with ccxt's per-instance throttle on as in the worker
//   new+probe-unthrottled  the same with enableRateLimit: false (the throttle sleeps ~200 ms before the probe)
//   reuse                  one long-lived instance per lane, credentials swapped per call (keep-alive, no
//                          constructor); throttle off, since one instance's bucket would pace every key it serves
import { createInterface } from 'node:readline';
import type { Exchange } from 'ccxt';
import { cpuTimeMs, machineCpuMs, readMemory } from '../lib/proc';
import { type LatencySummary, runPool, summarize } from '../lib/stats';

export type BareMode = 'new' | 'new+probe' | 'new+probe-unthrottled' | 'reuse';

export interface BareInput {
  simUrl: string;
  /** PID of the sim process, to attribute its CPU time to each mode. */
  simPid: number;
  concurrency: number;
  modes: BareMode[];
  warmupKeys: { apiKey: string; secret: string }[];
  keys: { apiKey: string; secret: string }[];
}

export interface BareModeResult {
  mode: BareMode;
  summary: LatencySummary;
  errors: string[];
  /** CPU ms per call: this process, the sim, and the whole machine (busy time, all cores). */
  cpuPerCall: { client: number; sim: number; machine: number };
}

export interface BareResult {
  ccxtVersion: string;
  importMs: number;
  modes: BareModeResult[];
  rssMb: number;
}

const started = performance.now();
const ccxt = (await import('ccxt')).default;
const importMs = performance.now() - started;

/** Same client settings as the worker's createExchangeClient: markets never loaded, strings for amounts. */
function newClient(
  simUrl: string,
  key: { apiKey: string; secret: string },
  enableRateLimit = true,
): Exchange {
  const exchange = new ccxt.binance({ ...key, timeout: 10_000, enableRateLimit, number: String });
  const walk = (node: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value === 'string') node[name] = value.replace(/^https?:\/\/[^/]+/, simUrl);
      else if (value && typeof value === 'object') walk(value as Record<string, unknown>);
    }
  };
  walk(exchange.urls.api as unknown as Record<string, unknown>);
  exchange.setMarkets({});
  return exchange;
}

function checkBalance(balance: Awaited<ReturnType<Exchange['fetchBalance']>>): void {
  const btc = (balance.total as unknown as Record<string, unknown>).BTC;
  if (Number(btc) !== 0.5) throw new Error(`unexpected BTC total ${String(btc)}`);
}

async function probe(exchange: Exchange): Promise<void> {
  const call = (exchange as unknown as Record<string, (params: object) => Promise<Record<string, unknown>>>)
    .sapiGetAccountApiRestrictions;
  const restrictions = await (call as (params: object) => Promise<Record<string, unknown>>).call(
    exchange,
    {},
  );
  if (restrictions.enableReading !== true) throw new Error('apiRestrictions: enableReading is not true');
}

async function runMode(input: BareInput, mode: BareMode, keys: BareInput['keys']) {
  const latencies: number[] = [];
  const errors: string[] = [];
  // reuse: built before the clock starts, one per lane, so no two calls ever share an instance at once
  const lanes =
    mode === 'reuse'
      ? Array.from({ length: input.concurrency }, () => newClient(input.simUrl, keys[0]!, false))
      : [];
  const wall = await runPool(keys.length, input.concurrency, async (index, lane) => {
    const key = keys[index]!;
    const t0 = performance.now();
    let exchange: Exchange;
    if (mode === 'reuse') {
      exchange = lanes[lane] as Exchange;
      exchange.apiKey = key.apiKey;
      exchange.secret = key.secret;
    } else {
      exchange = newClient(input.simUrl, key, mode !== 'new+probe-unthrottled');
    }
    try {
      checkBalance(await exchange.fetchBalance());
      if (mode.startsWith('new+probe')) await probe(exchange);
      latencies.push(performance.now() - t0);
    } catch (error) {
      errors.push(`${(error as Error).constructor.name}: ${(error as Error).message}`.slice(0, 300));
    } finally {
      if (mode !== 'reuse') await exchange.close().catch(() => undefined);
    }
  });
  for (const exchange of lanes) await exchange.close().catch(() => undefined);
  return { latencies, errors, wall };
}

async function main(): Promise<void> {
  const line = await new Promise<string>((resolve) => {
    createInterface({ input: process.stdin }).once('line', resolve);
  });
  const input = JSON.parse(line) as BareInput;
  const results: BareModeResult[] = [];
  for (const mode of input.modes) {
    await runMode(input, mode, input.warmupKeys);
    const cpu0 = process.cpuUsage();
    const sim0 = cpuTimeMs(input.simPid);
    const machine0 = machineCpuMs().busy;
    const { latencies, errors, wall } = await runMode(input, mode, input.keys);
    const cpu = process.cpuUsage(cpu0);
    const calls = Math.max(1, latencies.length + errors.length);
    results.push({
      mode,
      summary: summarize(latencies, wall),
      errors,
      cpuPerCall: {
        client: (cpu.user + cpu.system) / 1000 / calls,
        sim: (cpuTimeMs(input.simPid) - sim0) / calls,
        machine: (machineCpuMs().busy - machine0) / calls,
      },
    });
  }
  const result: BareResult = {
    ccxtVersion: ccxt.version,
    importMs,
    modes: results,
    rssMb: readMemory(process.pid)?.rssMb ?? Number.NaN,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
