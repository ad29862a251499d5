import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixture } from './fixtures';
import { type ExchangeSim, startExchangeSim } from './server';
import { binanceClient, bybitClient, krakenClient, okxClient } from './test-clients';

// `npm run demo` hands these keys to the rest of the stack, so they must work through ccxt.
describe('demo fixture', () => {
  let sim: ExchangeSim;
  beforeAll(async () => {
    sim = await startExchangeSim({ fixture: demoFixture() });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('is deterministic and obviously fake, its keys made ten days before the demo starts', () => {
    const startedAt = Date.UTC(2026, 11, 1);
    expect(demoFixture(startedAt)).toEqual(demoFixture(startedAt));
    expect(demoFixture(startedAt).accounts[0]?.keys[0]?.createdAt).toBe(startedAt - 10 * 86_400_000);
    const binanceKey = demoFixture().accounts[0]!.keys[0]!.apiKey;
    expect(binanceKey).toMatch(/^SIMFAKE[0-9a-f]{57}$/);
  });

  it('every demo key reads its balance', async () => {
    for (const account of demoFixture().accounts) {
      for (const key of account.keys) {
        const clients = {
          binance: () => binanceClient(sim, key.apiKey, key.secret),
          okx: () =>
            okxClient(
              sim,
              { apiKey: key.apiKey, secret: key.secret, password: key.passphrase ?? '' },
              { demo: key.environment === 'demo' },
            ),
          bybit: () => bybitClient(sim, key),
          kraken: () => krakenClient(sim, key),
        };
        const ex = clients[account.exchange]();
        const balance = await ex.fetchBalance();
        expect(Object.keys(balance.total ?? {}).sort()).toEqual(Object.keys(account.balances).sort());
      }
    }
    expect(sim.requests().every((r) => r.verdict === 'ok')).toBe(true);
  });
});
