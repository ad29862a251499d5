// The exchange-sim as its own process (bench/verify/sim-server.ts), and its admin API as the benches use it.
import { randomBytes } from 'node:crypto';
import { childEnv } from './env';
import { Child, type Cleanup } from './processes';
import type { Launcher } from './runtime';
import { runPool } from './stats';

export type SimKeyPair = { apiKey: string; secret: string };

/** A random Binance-looking key pair (64 hex characters each). */
export const randomKey = (): SimKeyPair => ({
  apiKey: randomBytes(32).toString('hex'),
  secret: randomBytes(32).toString('hex'),
});

/** Starts the sim bundle on a free port; resolves once it listens. */
export async function startSim(launcher: Launcher, cleanup: Cleanup): Promise<{ child: Child; url: string }> {
  const launch = await launcher.launch('bench/verify/sim-server.ts', 'bench');
  const child = new Child({ name: 'exchange-sim', ...launch, env: childEnv({}), cleanup });
  const line = await child.waitForLine((l) => l.startsWith('{'), 30_000);
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

/**
 * One binance account per key over `POST /__sim/accounts` (`concurrency` requests in flight), uid
 * `${uidPrefix}${index}`, read + spot-trade key, the given spot balances.
 */
export async function addSimAccounts(
  simUrl: string,
  keys: readonly SimKeyPair[],
  options: {
    uidPrefix: string;
    balances: Record<string, { free: string; locked: string }>;
    concurrency?: number;
  },
): Promise<void> {
  await runPool(keys.length, options.concurrency ?? 8, async (index) => {
    const { apiKey, secret } = keys[index] as SimKeyPair;
    const response = await fetch(`${simUrl}/__sim/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        exchange: 'binance',
        uid: `${options.uidPrefix}${index}`,
        balances: options.balances,
        keys: [{ apiKey, secret, permissions: { read: true, spotTrade: true } }],
      }),
    });
    if (response.status !== 201) throw new Error(`sim refused account ${index}: ${await response.text()}`);
  });
}

export type SimLogEntry = { seq: number; at: string; method: string; path: string; verdict: string };

/** The sim's request log (its last 10,000 venue requests; `seq` counts every one since the start). */
export async function simRequests(simUrl: string): Promise<SimLogEntry[]> {
  const response = await fetch(`${simUrl}/__sim/requests`);
  return ((await response.json()) as { requests: SimLogEntry[] }).requests;
}
