// The sim against the real exchanges' recorded answers (../shared/research/exchange-responses, from ccxt's
// static fixtures): for every recorded call the sim serves, its raw answer has the recording's fields with the
// recording's types, and real ccxt fills in from the sim's answer every unified field it fills in from the
// recording. Prints the match rate per endpoint.
import type { Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimFixture } from '../fixtures';
import { type ExchangeSim, startExchangeSim } from '../server';
import { binanceClient, bybitClient, krakenClient, okxClient, spotMarket } from '../test-clients';
import { type Differences, definedShape, differences, type Shape, shapeOf } from './json-shape';
import { type RecordedCase, recordedResponses } from './research-dir';

type Venue = 'binance' | 'bybit' | 'okx' | 'kraken';
const VENUES: Venue[] = ['binance', 'bybit', 'okx', 'kraken'];

const keys = {
  binance: { apiKey: 'CONFbinance0000000000000000000000000000000000000000000000000001', secret: 'b-secret' },
  bybit: { apiKey: 'CONFbybit00000001', secret: 'y-secret' },
  okx: { apiKey: 'c0nf0000-0000-0000-0000-000000000001', secret: 'O-SECRET', password: 'Conf-pass1' },
  kraken: {
    apiKey: 'CONFkraken000000000000000000000000000000000000000000001',
    secret: 'a3Jha2VuLXNlY3JldA==',
  },
};

const fixture: SimFixture = {
  accounts: [
    {
      exchange: 'binance',
      uid: '501',
      balances: { BTC: { free: '0.5', locked: '0.1' }, USDT: { free: '1000', locked: '0' } },
      wallets: { swap: { USDT: { free: '250', locked: '10' } } },
      keys: [{ ...keys.binance, permissions: { read: true, futures: true } }],
    },
    {
      exchange: 'bybit',
      uid: '502',
      balances: { BTC: { free: '0.25', locked: '0.05' }, USDT: { free: '500', locked: '0' } },
      keys: [keys.bybit],
    },
    {
      exchange: 'okx',
      uid: '503',
      balances: { USDT: { free: '90.5', locked: '10' }, ETH: { free: '1.25', locked: '0' } },
      wallets: { funding: { USDT: { free: '12', locked: '0' } } },
      keys: [{ apiKey: keys.okx.apiKey, secret: keys.okx.secret, passphrase: keys.okx.password }],
    },
    {
      exchange: 'kraken',
      uid: 'AA504',
      balances: { BTC: { free: '0.2', locked: '0.05' }, USD: { free: '1500', locked: '0' } },
      keys: [keys.kraken],
    },
  ],
  // shapes here: the venues' limits have their own tests
  venueLimits: 'off',
  tickers: { 'BTC/USDT': { last: '60000.5', open24h: '58000' } },
};

let sim: ExchangeSim;
beforeAll(async () => {
  sim = await startExchangeSim({ fixture });
});
afterAll(async () => {
  await sim.close();
});

const CLIENTS: Record<Venue, () => Exchange> = {
  binance: () => binanceClient(sim, keys.binance.apiKey, keys.binance.secret),
  // Keyport's client knows every Bybit account is unified: no probe before the balance read
  bybit: () => {
    const ex = bybitClient(sim, keys.bybit);
    Object.assign(ex.options, {
      enableUnifiedAccount: true,
      enableUnifiedMargin: false,
      unifiedMarginStatus: 5,
    });
    return ex;
  },
  okx: () => okxClient(sim, keys.okx),
  kraken: () => krakenClient(sim, keys.kraken),
};

const MARKETS: Record<Venue, unknown[]> = {
  binance: [spotMarket('BTCUSDT', 'BTC/USDT'), spotMarket('ETHUSDT', 'ETH/USDT')],
  bybit: [spotMarket('BTCUSDT', 'BTC/USDT')],
  okx: [spotMarket('BTC-USDT', 'BTC/USDT')],
  kraken: [spotMarket('XBTUSDT', 'BTC/USDT')],
};

// objects whose keys are data, folded so that different currencies and pairs compare
const KEYED_RAW = new Set(['$.result']);
const rawShape = (body: unknown): Shape => shapeOf(body, (path) => KEYED_RAW.has(path));

function unifiedShape(method: string, result: unknown): Shape {
  if (method !== 'fetchBalance') return definedShape(result, () => false);
  const {
    info: _info,
    free,
    used,
    total,
    debt,
    timestamp,
    datetime,
    ...perCurrency
  } = result as Record<string, unknown>;
  // the per-currency maps fold into one entry each, and the per-currency entries into a list
  const folded = { free, used, total, debt, timestamp, datetime, currencies: Object.values(perCurrency) };
  return definedShape(folded, (path) => ['$.free', '$.used', '$.total', '$.debt'].includes(path));
}

interface Outcome {
  venue: Venue;
  method: string;
  description: string;
  served: boolean;
  why?: string;
  raw: Differences;
  rawFields: number;
  unified: Differences;
  unifiedFields: number;
}

const NONE: Differences = { missing: [], retyped: [] };

// ccxt's fixtures were recorded before v3: the recording is /fapi/v2/account's shape, which the sim also serves
const CASE_SETUP: Record<string, (ex: Exchange) => void> = {
  'binance fetchBalance Linear swap balance': (ex) => {
    ex.options.fetchBalance = { ...(ex.options.fetchBalance as object), useV2: true };
  },
};

/** Every symbol a recorded call names (fetchTicker's one, fetchTickers' list). */
function symbolsOf(input: unknown[]): string[] {
  const [first] = input;
  if (typeof first === 'string') return [first];
  return Array.isArray(first) ? first.filter((s): s is string => typeof s === 'string') : [];
}

async function compare(venue: Venue, method: string, recorded: RecordedCase): Promise<Outcome> {
  const base = { venue, method, description: recorded.description };
  const call = (ex: Exchange) =>
    (ex as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[method]?.(...recorded.input);
  const unserved = (why: string): Outcome => ({
    ...base,
    served: false,
    why: why.slice(0, 100),
    raw: NONE,
    rawFields: 0,
    unified: NONE,
    unifiedFields: 0,
  });
  const loaded = new Set((MARKETS[venue] as { symbol: string }[]).map((m) => m.symbol));
  const unknown = symbolsOf(recorded.input).filter((symbol) => !loaded.has(symbol));
  if (unknown.length > 0) return unserved(`a market Keyport never reads: ${unknown.join(', ')}`);
  const setup = (ex: Exchange) => {
    ex.setMarkets(MARKETS[venue] as never);
    CASE_SETUP[`${venue} ${method} ${recorded.description}`]?.(ex);
    return ex;
  };
  // what ccxt makes of the recorded answer: the same client, its request answered with the recording
  const replay = setup(CLIENTS[venue]());
  replay.fetch = (async () => structuredClone(recorded.httpResponse)) as never;
  let fromRecording: unknown;
  try {
    fromRecording = await call(replay);
  } catch (error) {
    // a market Keyport never loads (derivatives, options): the call is outside what the sim serves
    return unserved(`replay: ${(error as Error).message}`);
  }
  const live = setup(CLIENTS[venue]());
  live.enableLastJsonResponse = true;
  let fromSim: unknown;
  try {
    fromSim = await call(live);
  } catch (error) {
    return unserved(`sim: ${(error as Error).message}`);
  }
  const recordedRaw = rawShape(recorded.httpResponse);
  const recordedUnified = unifiedShape(method, fromRecording);
  return {
    ...base,
    served: true,
    raw: differences(recordedRaw, rawShape(live.last_json_response)),
    rawFields: recordedRaw.size,
    unified: differences(recordedUnified, unifiedShape(method, fromSim)),
    unifiedFields: recordedUnified.size,
  };
}

const outcomes: Outcome[] = [];
const served = () => outcomes.filter((o) => o.served);
const name = (o: Outcome) => `${o.venue} ${o.method} ${o.description}`;

/** Share of the recording's fields the sim's answer has, typed as the recording or as the venue documents. */
function matchRate(o: Outcome, d: Differences, fields: number): number {
  const documented = new Set(d === o.raw ? (DOCUMENTED_TYPES[name(o)] ?? []) : []);
  const wrong = d.missing.length + d.retyped.filter((r) => !documented.has(r)).length;
  return fields === 0 ? 1 : (fields - wrong) / fields;
}
const pct = (rate: number) => `${Math.round(rate * 100)}%`;

describe('the sim against recorded real answers', () => {
  beforeAll(async () => {
    for (const venue of VENUES)
      for (const [method, cases] of Object.entries(recordedResponses(venue)))
        for (const recorded of cases) outcomes.push(await compare(venue, method, recorded));
    const lines = outcomes.map((o) =>
      o.served
        ? `${name(o)}: raw ${pct(matchRate(o, o.raw, o.rawFields))} of ${o.rawFields} fields` +
          `${o.raw.missing.length ? `, missing ${o.raw.missing.join(' ')}` : ''}` +
          `${o.raw.retyped.length ? `, typed otherwise ${o.raw.retyped.join('; ')}` : ''}` +
          `; unified ${pct(matchRate(o, o.unified, o.unifiedFields))} of ${o.unifiedFields}`
        : `${name(o)}: not served (${o.why})`,
    );
    const fields = served().reduce((n, o) => n + o.rawFields, 0);
    const matched = served().reduce((n, o) => n + matchRate(o, o.raw, o.rawFields) * o.rawFields, 0);
    lines.push(
      `served ${served().length} of ${outcomes.length} recorded calls; raw fields matched ${pct(matched / fields)} of ${fields}`,
    );
    console.info(`recorded-response conformance\n  ${lines.join('\n  ')}`);
  }, 60_000);

  it('serves every recorded call Keyport makes (the rest are listed, with why)', () => {
    expect(outcomes.filter((o) => !o.served).map(name)).toEqual(EXPECTED_UNSERVED);
  });

  it('answers with every field the recording has', () => {
    for (const o of served())
      expect({ call: name(o), missing: o.raw.missing }).toEqual({ call: name(o), missing: [] });
  });

  it('types every field as the venue documents it (a recording that stringified a number is not followed)', () => {
    for (const o of served())
      expect({ call: name(o), retyped: o.raw.retyped }).toEqual({
        call: name(o),
        retyped: DOCUMENTED_TYPES[name(o)] ?? [],
      });
  });

  it('gives ccxt every unified field the real answer gives it, with its type', () => {
    for (const o of served())
      expect({ call: name(o), unified: o.unified }).toEqual({ call: name(o), unified: NONE });
  });
});

// Each venue's documented error body for an unknown key (Binance: https://developers.binance.com/docs/binance-spot-api-docs/errors;
// OKX: https://www.okx.com/docs-v5/en/#error-code; Bybit: https://bybit-exchange.github.io/docs/v5/error;
// Kraken: https://docs.kraken.com/api/docs/guides/spot-errors)
const DOCUMENTED_REFUSALS: Record<Venue, unknown> = {
  binance: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
  okx: { code: '50111', msg: 'Invalid OK-ACCESS-KEY', data: [] },
  bybit: { retCode: 10003, retMsg: 'API key is invalid.', result: {}, retExtInfo: {}, time: 1671017382656 },
  kraken: { error: ['EAPI:Invalid key'] },
};
const UNKNOWN_KEYS: Record<Venue, () => Exchange> = {
  binance: () => binanceClient(sim, 'CONFunknownbinance00000000000000000000000000000000000000000000', 's'),
  okx: () => okxClient(sim, { apiKey: 'c0nf0000-0000-0000-0000-00000000dead', secret: 'S', password: 'p' }),
  bybit: () => bybitClient(sim, { apiKey: 'CONFunknownbybit1', secret: 's' }),
  kraken: () => krakenClient(sim, { apiKey: 'CONFunknownkraken', secret: 'a3Jha2Vu' }),
};

describe('refusals against the venues’ documented error bodies', () => {
  it.each(VENUES)('%s: an unknown key gets the documented envelope, code and types', async (venue) => {
    const ex = UNKNOWN_KEYS[venue]();
    ex.enableLastJsonResponse = true;
    Object.assign(ex.options, {
      enableUnifiedAccount: true,
      enableUnifiedMargin: false,
      unifiedMarginStatus: 5,
    });
    await expect(ex.fetchBalance()).rejects.toThrow();
    const body = ex.last_json_response as Record<string, unknown>;
    const documented = DOCUMENTED_REFUSALS[venue] as Record<string, unknown>;
    expect(differences(shapeOf(documented), shapeOf(body))).toEqual(NONE);
    // the code a client branches on is the documented one
    const codeField = Object.keys(documented)[0] as string;
    expect(body[codeField]).toEqual(documented[codeField]);
  });
});

// recorded calls outside what Keyport asks of these venues
const EXPECTED_UNSERVED: string[] = [
  // portfolio-margin accounts are not read
  'binance fetchBalance fetch papi balance',
  'binance fetchBalance fetch linear papi balance',
  // prices come from /api/v3/ticker/24hr, not rolling windows
  'binance fetchTickers rolling tickers',
  // derivatives and options tickers, and currency lists, are not read
  'bybit fetchTicker swap ticker',
  'bybit fetchTickers Fetch tickers for a BTC option symbol',
  'bybit fetchCurrencies fetchCurrencies',
  'okx fetchStatus Fetch status',
];

// ccxt's fixtures hold some numbers as strings; the venues' documentation gives numbers, and the sim follows it
// (Binance: GET /api/v3/account, /api/v3/ticker/24hr and /fapi/v2/account examples; Bybit: retCode and time are
// integers, https://bybit-exchange.github.io/docs/v5/intro#response-parameters)
const numbers = (paths: string[]) => paths.map((path) => `${path}: number, recorded string`);
const DOCUMENTED_TYPES: Record<string, string[]> = {
  'binance fetchBalance Spot balance': numbers([
    '$.makerCommission',
    '$.takerCommission',
    '$.buyerCommission',
    '$.sellerCommission',
    '$.updateTime',
    '$.uid',
  ]),
  'binance fetchBalance Linear swap balance': numbers([
    '$.feeTier',
    '$.tradeGroupId',
    '$.updateTime',
    '$.assets[].updateTime',
  ]),
  'binance fetchTicker public spot ticker': numbers([
    '$.openTime',
    '$.closeTime',
    '$.firstId',
    '$.lastId',
    '$.count',
  ]),
  'bybit fetchBalance balance after availableToWithdraw update': numbers(['$.retCode', '$.time']),
};
