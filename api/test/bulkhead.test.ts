// One slow exchange must not hold every verification slot: while Bybit takes seconds to answer, Binance users
// are still verified at once (each exchange holds at most its share of a worker's slots).
import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION } from './client';
import type { Stack } from './harness';
import { addBinanceAccount, addBybitAccount } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started), { exchangeTimeoutMs: 20_000 });

async function connect(exchangeId: string, label: string, keys: { apiKey: string; secret: string }) {
  const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(CONNECT_MUTATION, {
    input: { exchangeId, label, credentials: { apiKey: keys.apiKey, secret: keys.secret } },
  });
  return connectExchange.data.id;
}

const statuses = async (ids: string[]) =>
  (
    await stack.db.orm.em
      .fork()
      .getConnection()
      .execute<{ status: string }[]>('select status from exchange_connections where id = any(?::uuid[])', [
        `{${ids.join(',')}}`,
      ])
  ).map((row) => row.status);

describe('a bulkhead per exchange', () => {
  it('verifies Binance keys while a slow Bybit holds its share of the slots', async () => {
    stack.sim.addFault({ kind: 'latency', exchange: 'bybit', delayMs: 4_000 });
    const bybit: string[] = [];
    // more slow jobs than the worker has slots, queued first
    for (let i = 0; i < 12; i += 1)
      bybit.push(await connect('bybit', `Slow ${i}`, addBybitAccount(stack.sim)));
    const binance: string[] = [];
    for (let i = 0; i < 3; i += 1)
      binance.push(await connect('binance', `Fast ${i}`, addBinanceAccount(stack.sim)));

    await expect
      .poll(() => statuses(binance), { timeout: 30_000 })
      .toEqual(['CONNECTED', 'CONNECTED', 'CONNECTED']);
    // decided by order, not by a clock: every Binance key was through while no Bybit one had an answer yet
    expect((await statuses(bybit)).filter((s) => s !== 'PENDING' && s !== 'VERIFYING')).toEqual([]);
    stack.sim.clearFaults();
    await expect
      .poll(async () => (await statuses(bybit)).filter((s) => s === 'CONNECTED').length, { timeout: 60_000 })
      .toBe(12);
  }, 120_000);
});
