import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, signedUpClient, waitForStatus } from './client';
import { type Stack, startStack } from './harness';
import { addBinanceAccount, addBybitAccount, addKrakenAccount, addOkxAccount } from './sim-accounts';

let stack: Stack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startStack();
  api = await signedUpClient(stack.apiUrl);
  stack.sim.setTickers({
    'BTC/USDT': { last: '60000.5', open24h: '58000' },
    'ETH/USDT': { last: '3000', open24h: '3000' },
    'EUR/USDT': { last: '1.25', open24h: '1.25' },
  });
});
afterAll(async () => {
  await stack?.close();
});

const PORTFOLIO = `query ($quote: Quote) { portfolio(quote: $quote) {
  quote total change24h stale pricesAt unpricedAssets
  assets { asset amount price value share change24h stale exchangeIds priceSources { id } pricedAt }
  exchanges { exchangeId value share unpricedAssets exchange { name } }
} }`;

interface Portfolio {
  quote: string;
  total: string;
  change24h: string | null;
  stale: boolean;
  pricesAt: string | null;
  unpricedAssets: string[];
  assets: {
    asset: string;
    amount: string;
    price: string | null;
    value: string | null;
    change24h: string | null;
    exchangeIds: string[];
    priceSources: { id: string }[];
    pricedAt: string | null;
  }[];
  exchanges: {
    exchangeId: string;
    value: string;
    unpricedAssets: string[];
    exchange: { name: string } | null;
  }[];
}

async function connectAndWait(client: ApiClient, input: Record<string, unknown>) {
  const { connectExchange } = await client.ok<{ connectExchange: { data: { id: string } } }>(
    CONNECT_MUTATION,
    {
      input,
    },
  );
  await waitForStatus(client, connectExchange.data.id, (s) => s === 'CONNECTED');
  return connectExchange.data.id;
}

describe('portfolio', () => {
  it('merges two exchanges to the last decimal, values at the sim’s prices, lists unpriced assets unvalued', async () => {
    const binance = addBinanceAccount(stack.sim, {
      BTC: { free: '0.50000001', locked: '0.01' },
      USDT: { free: '1234.56', locked: '100.44' },
      XYZ: { free: '7', locked: '0' },
    });
    const okx = addOkxAccount(stack.sim, {
      BTC: { free: '0.24999999', locked: '0' },
      ETH: { free: '1.5', locked: '0' },
    });
    await connectAndWait(api, {
      exchangeId: 'binance',
      label: 'Binance',
      credentials: { apiKey: binance.apiKey, secret: binance.secret },
    });
    await connectAndWait(api, {
      exchangeId: 'okx',
      label: 'OKX',
      credentials: { apiKey: okx.apiKey, secret: okx.secret, password: okx.passphrase },
    });
    await stack.workers!.prices.refresh();

    const { portfolio } = await api.ok<{ portfolio: Portfolio }>(PORTFOLIO, {});
    expect(portfolio.quote).toBe('USD');
    expect(portfolio.assets.map((a) => [a.asset, a.amount, a.price, a.value])).toEqual([
      ['BTC', '0.76', '60000.5', '45600.38'],
      ['ETH', '1.5', '3000', '4500'],
      ['USDT', '1335', '1', '1335'],
      ['XYZ', '7', null, null],
    ]);
    expect(portfolio.assets[0]?.exchangeIds).toEqual(['binance', 'okx']);
    expect(portfolio.total).toBe('51435.38');
    expect(portfolio.unpricedAssets).toEqual(['XYZ']);
    expect(
      portfolio.exchanges.map((e) => [e.exchangeId, e.value, e.unpricedAssets, e.exchange?.name]),
    ).toEqual([
      ['binance', '31935.2556', ['XYZ'], 'Binance'],
      ['okx', '19500.1244', [], 'OKX'],
    ]);
    expect(portfolio.stale).toBe(false);
    expect(Date.now() - Date.parse(portfolio.pricesAt ?? '')).toBeLessThan(60_000);

    const { portfolio: inEur } = await api.ok<{ portfolio: Portfolio }>(PORTFOLIO, { quote: 'EUR' });
    expect(inEur.total).toBe('41148.304');
    expect(inEur.assets.find((a) => a.asset === 'ETH')?.value).toBe('3600');
  });

  it('values a Kraken-only and a Bybit-only account from that exchange’s own public tickers', async () => {
    const priced = async (client: ApiClient, quote = 'USD') => {
      await stack.workers!.prices.refresh();
      // the periodic refresher may hold this round's claim: wait for its book, not for a fixed time
      let portfolio: Portfolio | undefined;
      await expect
        .poll(
          async () => {
            portfolio = (await client.ok<{ portfolio: Portfolio }>(PORTFOLIO, { quote })).portfolio;
            return portfolio.unpricedAssets;
          },
          { timeout: 15_000 },
        )
        .toEqual([]);
      return portfolio as Portfolio;
    };
    const before = stack.sim.requests().length;

    // Kraken holds BTC and USD under its own ids (XXBT, ZUSD); its tickers name BTC/USDT "XBTUSDT"
    const krakenUser = await signedUpClient(stack.apiUrl);
    const kraken = addKrakenAccount(stack.sim);
    await connectAndWait(krakenUser, {
      exchangeId: 'kraken',
      label: 'Kraken only',
      credentials: { apiKey: kraken.apiKey, secret: kraken.secret },
    });
    const onKraken = await priced(krakenUser);
    expect(onKraken.assets.map((a) => [a.asset, a.price, a.value, a.change24h])).toEqual([
      ['BTC', '60000.5', '15000.125', '3.45'],
      ['USD', '1', '1500', '0'],
    ]);
    expect(onKraken.total).toBe('16500.125');
    // each price says where it came from and when: BTC from Kraken's own tickers, USD at par
    expect(
      onKraken.assets.map((a) => [a.asset, a.priceSources.map((e) => e.id), a.pricedAt !== null]),
    ).toEqual([
      ['BTC', ['kraken'], true],
      ['USD', [], false],
    ]);
    // and in euros through Kraken's own EUR market
    expect((await priced(krakenUser, 'EUR')).total).toBe('13200.1');

    const bybitUser = await signedUpClient(stack.apiUrl);
    const bybit = addBybitAccount(stack.sim, {
      balances: { ETH: { free: '2', locked: '0' }, USDT: { free: '10', locked: '0' } },
    });
    await connectAndWait(bybitUser, {
      exchangeId: 'bybit',
      label: 'Bybit only',
      credentials: { apiKey: bybit.apiKey, secret: bybit.secret },
    });
    const onBybit = await priced(bybitUser);
    expect(onBybit.assets.map((a) => [a.asset, a.value])).toEqual([
      ['ETH', '6000'],
      ['USDT', '10'],
    ]);
    expect(onBybit.exchanges.map((e) => [e.exchangeId, e.value])).toEqual([['bybit', '6010']]);

    // each read its prices from its own exchange, publicly: one ticker request per exchange per round
    const tickerReads = stack.sim
      .requests()
      .slice(before)
      .filter((r) => r.path === '/0/public/Ticker' || r.path === '/v5/market/tickers');
    expect(new Set(tickerReads.map((r) => [r.exchange, r.apiKey, r.verdict].join()))).toEqual(
      new Set(['kraken,,ok', 'bybit,,ok']),
    );
  });

  it('refreshes balances on demand and by the cadence, and pushes the new valuation to portfolioUpdated', async () => {
    const keys = addBinanceAccount(stack.sim, { ETH: { free: '1', locked: '0' } });
    const client = await signedUpClient(stack.apiUrl);
    const id = await connectAndWait(client, {
      exchangeId: 'binance',
      label: 'Moves',
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    });
    await stack.workers!.prices.refresh();
    expect((await client.ok<{ portfolio: Portfolio }>(PORTFOLIO, {})).portfolio.total).toBe('3000');

    const listening = stack.listeners('portfolio-updated');
    const live = client.subscribe<{ portfolioUpdated: Portfolio }>(
      'subscription { portfolioUpdated(quote: USD) { total assets { asset amount value } } }',
    );
    await listening.added();
    stack.sim.setBalances('binance', keys.uid, { ETH: { free: '2.5', locked: '0' } });
    const { refreshBalances } = await client.ok<{ refreshBalances: { __typename: string } }>(
      'mutation ($id: ID!) { refreshBalances(id: $id) { __typename } }',
      { id },
    );
    expect(refreshBalances.__typename).toBe('MutationRefreshBalancesSuccess');
    const events = await live.waitFor((all) => all.some((e) => e.portfolioUpdated.total === '7500'));
    expect(events.at(-1)?.portfolioUpdated.assets).toEqual([{ asset: 'ETH', amount: '2.5', value: '7500' }]);

    // the cadence: balances older than BALANCE_REFRESH_MS are read again by the sweeper
    stack.sim.setBalances('binance', keys.uid, { ETH: { free: '3', locked: '0' } });
    await stack.db.orm.em
      .fork()
      .getConnection()
      .execute("update exchange_connections set last_synced_at = now() - interval '1 hour' where id = ?", [
        id,
      ]);
    expect(await stack.workers!.refreshes.sweep()).toBeGreaterThanOrEqual(1);
    await live.waitFor((all) => all.some((e) => e.portfolioUpdated.total === '9000'));
    live.close();
  });

  it('hands a refresh that finds the key revoked to the status machine: EXPIRED, with the remedy', async () => {
    const keys = addBinanceAccount(stack.sim);
    const id = await connectAndWait(api, {
      exchangeId: 'binance',
      label: 'Revoked later',
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    });
    stack.sim.revokeKey(keys.apiKey);
    await api.ok('mutation ($id: ID!) { refreshBalances(id: $id) { __typename } }', { id });
    const expired = await waitForStatus(api, id, (s) => s === 'EXPIRED');
    expect(expired.statusReason?.code).toBe('KEY_EXPIRED');
    const { refreshBalances } = await api.ok<{ refreshBalances: { __typename: string; code?: string } }>(
      'mutation ($id: ID!) { refreshBalances(id: $id) { __typename ... on Error { code } } }',
      { id },
    );
    expect(refreshBalances).toEqual({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
  });

  it('records history points as balances change, newest last, in the quote asked', async () => {
    const keys = addBinanceAccount(stack.sim, { BTC: { free: '1', locked: '0' } });
    const client = await signedUpClient(stack.apiUrl);
    const id = await connectAndWait(client, {
      exchangeId: 'binance',
      label: 'History',
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    });
    await stack.workers!.prices.refresh();
    expect(await stack.workers!.snapshots.take()).toBeGreaterThanOrEqual(1);
    stack.sim.setBalances('binance', keys.uid, { BTC: { free: '2', locked: '0' } });
    await client.ok('mutation ($id: ID!) { refreshBalances(id: $id) { __typename } }', { id });
    await expect
      .poll(async () => (await client.ok<{ portfolio: Portfolio }>(PORTFOLIO, {})).portfolio.total)
      .toBe('120001');
    await stack.workers!.snapshots.take();

    const HISTORY =
      'query ($quote: Quote) { portfolioHistory(range: DAY, quote: $quote) { at value complete } }';
    const { portfolioHistory } = await client.ok<{
      portfolioHistory: { at: string; value: string | null; complete: boolean }[];
    }>(HISTORY, { quote: 'USD' });
    expect(portfolioHistory.map((p) => [p.value, p.complete])).toEqual([
      ['60000.5', true],
      ['120001', true],
    ]);
    expect(Date.parse(portfolioHistory[0]!.at)).toBeLessThanOrEqual(Date.parse(portfolioHistory[1]!.at));
    const inEur = await client.ok<{ portfolioHistory: { value: string | null }[] }>(HISTORY, {
      quote: 'EUR',
    });
    expect(inEur.portfolioHistory.map((p) => p.value)).toEqual(['48000.4', '96000.8']);
    // another user sees none of it
    const stranger = await signedUpClient(stack.apiUrl);
    expect((await stranger.ok<{ portfolioHistory: unknown[] }>(HISTORY, {})).portfolioHistory).toEqual([]);
  });

  it('shows another user nothing of this one’s holdings', async () => {
    const stranger = await signedUpClient(stack.apiUrl);
    const { portfolio } = await stranger.ok<{ portfolio: Portfolio }>(PORTFOLIO, { quote: 'BTC' });
    expect(portfolio).toMatchObject({ quote: 'BTC', total: '0', assets: [], exchanges: [], change24h: null });
  });
});
