// Test-only helpers: real ccxt instances aimed at a running sim (no mocks anywhere).
import ccxt, { type Exchange } from 'ccxt';
import type { SimFixture } from './fixtures';
import type { ExchangeSim } from './server';

/** Rewrites scheme+host of every string under urls.api and keeps the path (Binance has ~20 such bases). */
export function pointAt(ex: Exchange, base: string): void {
  const walk = (node: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value === 'string') node[name] = value.replace(/^https?:\/\/[^/]+/, base);
      else if (typeof value === 'object' && value !== null) walk(value as Record<string, unknown>);
    }
  };
  walk(ex.urls.api as Record<string, unknown>);
}

export function binanceClient(sim: ExchangeSim, apiKey: string, secret: string, timeout = 10_000): Exchange {
  const ex = new ccxt.binance({ apiKey, secret, timeout });
  pointAt(ex, sim.url);
  ex.setMarkets({}); // balance checks need no markets: skips 7 loadMarkets requests
  return ex;
}

export function okxClient(
  sim: ExchangeSim,
  creds: { apiKey: string; secret: string; password: string },
  options: { demo?: boolean; timeout?: number } = {},
): Exchange {
  const ex = new ccxt.okx({ ...creds, timeout: options.timeout ?? 10_000, urls: { api: { rest: sim.url } } });
  if (options.demo) {
    ex.setSandboxMode(true); // adds `x-simulated-trading: 1` but also swaps urls.api to urls.test...
    pointAt(ex, sim.url); // ...so aim it back at the sim afterwards
  }
  ex.setMarkets({});
  return ex;
}

export function bybitClient(
  sim: ExchangeSim,
  creds: { apiKey: string; secret: string },
  options: { timeout?: number; timeDifference?: number } = {},
): Exchange {
  const ex = new ccxt.bybit({ ...creds, timeout: options.timeout ?? 10_000 });
  pointAt(ex, sim.url);
  ex.setMarkets({});
  if (options.timeDifference !== undefined) ex.options.timeDifference = options.timeDifference;
  return ex;
}

export function krakenClient(
  sim: ExchangeSim,
  creds: { apiKey: string; secret: string },
  options: { timeout?: number; timeDifference?: number } = {},
): Exchange {
  const ex = new ccxt.kraken({ ...creds, timeout: options.timeout ?? 10_000, enableRateLimit: false });
  pointAt(ex, sim.url);
  ex.setMarkets({});
  if (options.timeDifference !== undefined) ex.options.timeDifference = options.timeDifference;
  return ex;
}

/** Calls one of ccxt's implicit endpoint methods by name (publicGetTicker…), whose typings ccxt leaves loose. */
export function callImplicit(
  ex: Exchange,
  method: string,
  params: Record<string, unknown> = {},
): Promise<unknown> {
  const fn = (ex as unknown as Record<string, (p: Record<string, unknown>) => Promise<unknown>>)[method];
  if (!fn) throw new Error(`ccxt ${ex.id} has no method ${method}`);
  return fn.call(ex, params);
}

/** The rejection of a promise that must fail (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The ccxt class name of an error, e.g. "AuthenticationError". */
export function ccxtClass(error: Error): string {
  return error.constructor.name;
}

export const TEST_KEYS = {
  binanceRead: {
    apiKey: 'TESTbinanceReadKey0000000000000000000000000000000000000000000001',
    secret: 'test-binance-read-secret-5d1c',
  },
  binanceTrade: {
    apiKey: 'TESTbinanceTradeKey000000000000000000000000000000000000000000002',
    secret: 'test-binance-trade-secret-8e2a',
  },
  binanceWrongIp: {
    apiKey: 'TESTbinanceIpKey000000000000000000000000000000000000000000000003',
    secret: 'test-binance-ip-secret-77f0',
  },
  okxLive: {
    apiKey: '0e7d3c1a-1111-4a2b-9c3d-5e6f7a8b9c01',
    secret: 'TESTOKXLIVESECRET0000000000000001',
    password: 'Test-Pass-Live-1',
  },
  okxDemo: {
    apiKey: '0e7d3c1a-2222-4a2b-9c3d-5e6f7a8b9c02',
    secret: 'TESTOKXDEMOSECRET0000000000000002',
    password: 'Test-Pass-Demo-2',
  },
  okxWrongIp: {
    apiKey: '0e7d3c1a-3333-4a2b-9c3d-5e6f7a8b9c03',
    secret: 'TESTOKXIPSECRET00000000000000003',
    password: 'Test-Pass-Ip-3',
  },
} as const;

export const TEST_CREATED_AT = Date.UTC(2026, 2, 1);

/** Invented balances and keys; each test starts a sim from this. */
export function testFixture(): SimFixture {
  const k = TEST_KEYS;
  return {
    usdPrices: { BTC: '60000', ETH: '3000' },
    accounts: [
      {
        exchange: 'binance',
        uid: '200000042',
        balances: {
          BTC: { free: '0.5', locked: '0.01' },
          ETH: { free: '1.23456789', locked: '0' },
          USDT: { free: '1234.56', locked: '100.44' },
        },
        keys: [
          { ...k.binanceRead, label: 'read', permissions: { read: true }, createdAt: TEST_CREATED_AT },
          {
            ...k.binanceTrade,
            label: 'trade',
            permissions: { read: true, spotTrade: true, margin: true, internalTransfer: true },
            allowedIps: ['127.0.0.1'],
            createdAt: TEST_CREATED_AT,
          },
          { ...k.binanceWrongIp, permissions: { read: true }, allowedIps: ['10.9.8.7'] },
        ],
      },
      {
        exchange: 'okx',
        uid: '600000000000000042',
        mainUid: '600000000000000001',
        balances: {
          BTC: { free: '0.75', locked: '0.05' },
          USDT: { free: '2500.5', locked: '0' },
        },
        keys: [
          {
            apiKey: k.okxLive.apiKey,
            secret: k.okxLive.secret,
            passphrase: k.okxLive.password,
            label: 'live trade',
            permissions: { read: true, spotTrade: true, withdraw: true },
            environment: 'live',
          },
          {
            apiKey: k.okxDemo.apiKey,
            secret: k.okxDemo.secret,
            passphrase: k.okxDemo.password,
            label: 'demo',
            environment: 'demo',
          },
          {
            apiKey: k.okxWrongIp.apiKey,
            secret: k.okxWrongIp.secret,
            passphrase: k.okxWrongIp.password,
            allowedIps: ['10.9.8.7', '10.9.8.8'],
          },
        ],
      },
    ],
  };
}

/** A spot market as loadMarkets would hold it (the sim serves no market lists): exchange id ↔ unified symbol. */
export function spotMarket(id: string, symbol: string) {
  const [base, quote] = symbol.split('/') as [string, string];
  return {
    id,
    symbol,
    base,
    quote,
    baseId: base,
    quoteId: quote,
    type: 'spot',
    spot: true,
    margin: false,
    swap: false,
    future: false,
    option: false,
    contract: false,
    active: true,
    precision: {},
    limits: {},
  };
}
