// Each exchange's limits as the exchange documents them (the sim's 'documented' mode) against the worker's own
// per-venue budgets: a key another app has spent waits as its exchange asks, once, while other keys connect in
// normal time; an IP ban pauses that exchange for everyone and nobody else.
import { createExchangeClient } from '@keyport/exchange/client';
import { simUrlOverrides } from '@keyport/exchange-sim/fixtures';
import type { Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, waitForStatus } from './client';
import type { Stack } from './harness';
import { refreshedSince, seedConnected } from './seed-connected';
import {
  addBinanceAccount,
  addBybitAccount,
  addKrakenAccount,
  addOkxAccount,
  type SimKeys,
} from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started), {
  venueLimits: 'documented',
  clientBudgets: 'venue',
  // the venues' own pauses (a Kraken counter's decay) are waited out, not cut short by the tests' 2 s cap
  retryMaxMs: 60_000,
  // production's cadence: twice a second would spend the venues' public budgets on prices
  priceRefreshMs: 30_000,
});

type Venue = 'binance' | 'bybit' | 'okx' | 'kraken';

/** Another app using the same key from the same machine, with no budget at all. */
function otherApp(exchangeId: Venue, keys: SimKeys): Exchange {
  const { exchange } = createExchangeClient({
    exchangeId,
    credentials: { apiKey: keys.apiKey, secret: keys.secret, password: keys.passphrase },
    sandbox: false,
    urlOverrides: simUrlOverrides(stack.sim.url),
  });
  exchange.throttle = () => Promise.resolve();
  return exchange;
}

async function connect(exchangeId: Venue, keys: SimKeys): Promise<string> {
  const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(CONNECT_MUTATION, {
    input: {
      exchangeId,
      label: `${exchangeId} ${keys.apiKey.slice(-4)}`,
      credentials: { apiKey: keys.apiKey, secret: keys.secret, password: keys.passphrase },
    },
  });
  return connectExchange.data.id;
}

/** The sim's sequence number of the last request it has seen: Keyport's requests come after it. */
const lastSeq = () => stack.sim.requests().at(-1)?.seq ?? 0;

/** Requests of one key after `since`, refused by the venue's documented limits. */
const refusedAfter = (since: number, apiKey: string) =>
  stack.sim.requests().filter((r) => r.seq > since && r.apiKey === apiKey && r.verdict === 'rate-limited')
    .length;

/** Waits until a connection reaches CONNECTED, noting whether it was RATE_LIMITED on the way and when it left. */
async function watchUntilConnected(id: string, timeoutMs: number) {
  const started = Date.now();
  let limitedAt: number | undefined;
  const connected = await waitForStatus(
    api,
    id,
    (status) => {
      if (status === 'RATE_LIMITED') limitedAt ??= Date.now();
      return status === 'CONNECTED';
    },
    timeoutMs,
  );
  const reason = connected.events.find((e) => e.toStatus === 'RATE_LIMITED')?.reasonCode ?? undefined;
  return { connected, limitedAt, reason, tookMs: Date.now() - started };
}

/** Holds verifications queued while `spend` runs, so the spent key's first request meets the venue's full counter. */
async function withWorkerHeld(spend: () => Promise<void>): Promise<void> {
  const queue = stack.jobsDeps.verifyQueue;
  await queue.pause();
  try {
    await spend();
  } finally {
    await queue.resume();
  }
}

/** A response header whatever its case (ccxt capitalises them). */
function header(exchange: Exchange, name: string): string | undefined {
  const headers = (exchange.last_response_headers ?? {}) as Record<string, string>;
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * Two fresh accounts on a venue, both connected while another app spends the first one's limit with its key;
 * then both are watched until CONNECTED, and the spent key's refusals after the app stopped are counted.
 */
async function spentWhileConnecting(
  exchangeId: 'bybit' | 'okx' | 'kraken',
  spend: (app: Exchange) => Promise<unknown>,
  timeoutMs: number,
) {
  const add = { bybit: addBybitAccount, okx: addOkxAccount, kraken: addKrakenAccount }[exchangeId];
  const spent = add(stack.sim);
  const fresh = add(stack.sim);
  let since = 0;
  let ids: string[] = [];
  await withWorkerHeld(async () => {
    ids = [await connect(exchangeId, spent), await connect(exchangeId, fresh)];
    await spend(otherApp(exchangeId, spent));
    since = lastSeq();
  });
  const freshly = await watchUntilConnected(ids[1] as string, 20_000);
  const limited = await watchUntilConnected(ids[0] as string, timeoutMs);
  // the fresh key was neither refused nor paused: it is counted apart from the spent one
  expect(freshly.limitedAt).toBeUndefined();
  expect(refusedAfter(since, fresh.apiKey)).toBe(0);
  // the spent key was told RATE_LIMITED and waited as the venue asked: refused that once, never again
  expect(limited.reason).toBe('RATE_LIMITED');
  expect(refusedAfter(since, spent.apiKey)).toBe(1);
  return { freshly, limited };
}

describe('venue limits, as the exchanges document them', () => {
  it('refreshing 200 accounts on the four venues at once, as after a restart, earns no refusal', async () => {
    const owner = (await api.ok<{ viewer: { id: string } }>('{ viewer { id } }')).viewer.id;
    const add = {
      binance: addBinanceAccount,
      bybit: addBybitAccount,
      okx: addOkxAccount,
      kraken: addKrakenAccount,
    };
    const seededAt = new Date();
    const ids: string[] = [];
    for (const venue of Object.keys(add) as Venue[]) {
      const accounts = Array.from({ length: 50 }, () => add[venue](stack.sim));
      ids.push(...(await seedConnected(stack, owner, venue, accounts)));
    }
    const started = Date.now();
    await expect
      .poll(() => refreshedSince(stack, ids, seededAt), { timeout: 60_000, interval: 250 })
      .toBe(200);
    const refused = Object.fromEntries(
      (Object.keys(add) as Venue[]).map((venue) => [venue, stack.sim.rateStats(venue).refused]),
    );
    console.info(
      `200 accounts refreshed at once in ${((Date.now() - started) / 1000).toFixed(1)} s; refused by the sim: ${JSON.stringify(refused)}`,
    );
    expect(refused).toEqual({ binance: {}, bybit: {}, okx: {}, kraken: {} });
    // the other tests start from no background refreshes
    await stack.db.orm.em
      .fork()
      .getConnection()
      .execute('delete from exchange_connections where id in (?)', [ids]);
  }, 90_000);

  it('Kraken: a key whose call counter another app filled waits for it to decay; a fresh key connects at once', async () => {
    const { freshly, limited } = await spentWhileConnecting(
      'kraken',
      async (app) => {
        // Starter: 15 calls, one at a time (Kraken nonces must rise); the app stops at its first refusal
        for (let call = 0; call < 20; call++) {
          const refused = await app.fetchBalance().then(
            () => false,
            (error: Error) => /Rate limit exceeded/.test(error.message),
          );
          if (refused) break;
        }
      },
      60_000,
    );
    console.info(`Kraken: fresh key connected in ${freshly.tookMs} ms, spent key in ${limited.tookMs} ms`);
    // not spaced behind the spent key, nor held by its pause; the spent key waited for its counter to decay
    expect(freshly.tookMs).toBeLessThan(limited.tookMs);
    expect(freshly.tookMs).toBeLessThan(8_000);
    expect(limited.tookMs).toBeGreaterThanOrEqual(9_000);
    expect(limited.connected.balances.map((b) => b.asset)).toEqual(['BTC', 'USD']);
  }, 90_000);

  it('Bybit: a UID over its per-second limit (HTTP 200, retCode 10006) waits for the reset timestamp', async () => {
    // the unified wallet balance allows 50 a second per UID
    const { limited } = await spentWhileConnecting(
      'bybit',
      (app) => Promise.allSettled(Array.from({ length: 55 }, () => app.fetchBalance())),
      20_000,
    );
    // the reset timestamp is at most a second away: no long backoff for a one-second window
    expect(limited.tookMs).toBeLessThan(10_000);
  }, 60_000);

  it('OKX: a user id over an endpoint’s limit (429, code 50011) pauses that key only', async () => {
    // the trading account's balance allows 10 per 2 seconds per user id
    await spentWhileConnecting(
      'okx',
      (app) => Promise.allSettled(Array.from({ length: 12 }, () => app.fetchBalance())),
      20_000,
    );
  }, 60_000);

  it('Binance: past the IP’s weight (429 -1003) every Binance key waits out Retry-After; other venues carry on', async () => {
    const burner = addBinanceAccount(stack.sim);
    const app = otherApp('binance', burner);
    const accounts = [addBinanceAccount(stack.sim), addBinanceAccount(stack.sim)];
    const okx = addOkxAccount(stack.sim);
    let since = 0;
    let ids: string[] = [];
    let okxId = '';
    // Binance's intervals are whole minutes: start with time left in this one, so the pause cannot end mid-test
    if (60_000 - (Date.now() % 60_000) < 25_000)
      await new Promise((resolve) => setTimeout(resolve, 60_000 - (Date.now() % 60_000) + 100));
    await withWorkerHeld(async () => {
      ids = [
        await connect('binance', accounts[0] as SimKeys),
        await connect('binance', accounts[1] as SimKeys),
      ];
      okxId = await connect('okx', okx);
      // 6,000 weight a minute per IP: the account read weighs 20; stop short of a 429 for the app itself
      for (let read = 0; read < 400; read++) {
        await app.fetchBalance();
        const used = Number(header(app, 'x-mbx-used-weight-1m') ?? 0);
        if (used > 6000 - 20) break;
      }
      since = lastSeq();
    });

    const others = await watchUntilConnected(okxId, 20_000);
    expect(others.limitedAt).toBeUndefined();
    const views = await Promise.all(ids.map((id) => waitForStatus(api, id, (s) => s === 'RATE_LIMITED')));
    for (const view of views) {
      expect(view.statusReason?.code).toBe('RATE_LIMITED');
      expect(view.statusReason?.retrying).toBe(true);
    }
    // one request met the 429; the other key's request, and every retry, waited for the pause instead
    const keyportKeys = new Set(accounts.map((a) => a.apiKey));
    const binanceAfter = () =>
      stack.sim.requests().filter((r) => r.seq > since && r.apiKey !== null && keyportKeys.has(r.apiKey));
    expect(binanceAfter().filter((r) => r.verdict === 'rate-limited').length).toBeLessThanOrEqual(2);
    const seen = binanceAfter().length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(binanceAfter().length).toBe(seen);
  }, 90_000);

  it('Bybit: an IP ban (HTTP 403) pauses every Bybit connection and no other exchange', async () => {
    const app = otherApp('bybit', addBybitAccount(stack.sim));
    const bybit = [addBybitAccount(stack.sim), addBybitAccount(stack.sim)];
    const kraken = addKrakenAccount(stack.sim);
    const okx = addOkxAccount(stack.sim);
    let since = 0;
    const ids: string[] = [];
    await withWorkerHeld(async () => {
      for (const keys of bybit) ids.push(await connect('bybit', keys));
      ids.push(await connect('kraken', kraken), await connect('okx', okx));
      // 600 requests in 5 seconds from one IP, and the IP is banned for 10 minutes
      for (let batch = 0; batch < 13; batch++)
        await Promise.allSettled(
          Array.from({ length: 50 }, () =>
            app.publicGetV5MarketTickers({ category: 'spot', symbol: 'BTCUSDT' }),
          ),
        );
      since = lastSeq();
    });

    const [first, second, krakenId, okxId] = ids as [string, string, string, string];
    for (const id of [krakenId, okxId])
      expect((await watchUntilConnected(id, 20_000)).limitedAt).toBeUndefined();
    for (const id of [first, second]) {
      const view = await waitForStatus(api, id, (s) => s === 'RATE_LIMITED');
      expect(view.statusReason?.code).toBe('IP_BANNED');
    }
    // after the first 403, Keyport sends Bybit nothing more: at most the other job's request was on the wire
    const bybitKeys = new Set(bybit.map((keys) => keys.apiKey));
    const sent = stack.sim
      .requests()
      .filter((r) => r.seq > since && r.apiKey !== null && bybitKeys.has(r.apiKey));
    expect(sent.length).toBeLessThanOrEqual(2);
  }, 60_000);
});
