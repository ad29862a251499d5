// What each exchange's answers say about its limits, in the shapes the exchanges document (headers as ccxt hands
// them over, capitalised), and which scopes each request is counted in.
import { describe, expect, it } from 'vitest';
import { type Sender, type VenueAnswer, venueLimits } from './venue-limits';

const sender: Sender = { rateLimitMs: 20, keyId: 'k1' };
const answer = (over: Partial<VenueAnswer>): VenueAnswer => ({
  status: 200,
  url: 'https://api.example.com/',
  headers: {},
  body: '{}',
  ...over,
});
const read = (exchangeId: string, over: Partial<VenueAnswer>) =>
  venueLimits(exchangeId).read(answer(over), sender);

describe('reading the exchanges’ answers', () => {
  it('Binance: weight near the minute’s 6,000 holds the IP; -1003 pauses the IP, -1015 and sapi UID the account', () => {
    expect(read('binance', { headers: { 'X-Mbx-Used-Weight-1m': '5000' } })).toBeUndefined();
    const near = read('binance', { headers: { 'X-Mbx-Used-Weight-1m': '5420' } });
    expect(near).toMatchObject({ kind: 'nearly-spent', scope: 'ip' });
    expect(near?.ms).toBeLessThanOrEqual(60_000);
    expect(read('binance', { status: 418, headers: { 'Retry-After': '300' } })).toMatchObject({
      kind: 'refused',
      scope: 'ip',
      ms: 300_000,
      reason: 'IP_BANNED',
    });
    expect(
      read('binance', {
        status: 429,
        headers: { 'Retry-After': '7' },
        body: '{"code":-1003,"msg":"Too much request weight used"}',
      }),
    ).toMatchObject({ scope: 'ip', ms: 7_000, reason: 'RATE_LIMITED' });
    expect(
      read('binance', { status: 429, body: '{"code":-1015,"msg":"Too many new orders"}' }),
    ).toMatchObject({
      scope: 'key:k1',
      ms: 10_000,
    });
    expect(
      read('binance', {
        status: 429,
        headers: { 'X-Sapi-Used-Uid-Weight-1m': '180020' },
        body: '{"code":-1003}',
      }),
    ).toMatchObject({ scope: 'key:k1' });
  });

  it('Bybit: retCode 10006 on HTTP 200 pauses the key until the reset timestamp; 403 and 10018 ban the IP', () => {
    const reset = Date.now() + 400;
    const limited = read('bybit', {
      headers: {
        'X-Bapi-Limit': '50',
        'X-Bapi-Limit-Status': '0',
        'X-Bapi-Limit-Reset-Timestamp': String(reset),
      },
      body: '{"retCode":10006,"retMsg":"Too many visits!","result":{},"time":1}',
    });
    expect(limited).toMatchObject({ kind: 'refused', scope: 'key:k1', reason: 'RATE_LIMITED' });
    expect(limited?.ms).toBeGreaterThan(300);
    expect(limited?.ms).toBeLessThanOrEqual(400);
    expect(read('bybit', { status: 403, body: 'access too frequent' })).toMatchObject({
      scope: 'ip',
      ms: 600_000,
      reason: 'IP_BANNED',
    });
    expect(read('bybit', { body: '{"retCode":10018,"retMsg":"Exceeded the IP Rate Limit"}' })).toMatchObject({
      scope: 'ip',
      reason: 'IP_BANNED',
    });
    // two calls left of fifty this second: hold the key a second rather than earn a 10006
    expect(
      read('bybit', { headers: { 'X-Bapi-Limit': '50', 'X-Bapi-Limit-Status': '2' }, body: '{"retCode":0}' }),
    ).toMatchObject({ kind: 'nearly-spent', scope: 'key:k1', ms: 1_000 });
    expect(
      read('bybit', {
        headers: { 'X-Bapi-Limit': '50', 'X-Bapi-Limit-Status': '40' },
        body: '{"retCode":0}',
      }),
    ).toBeUndefined();
  });

  it('OKX: 50011 pauses the key on a private endpoint and the IP on a public one', () => {
    const body = '{"msg":"Too Many Requests","code":"50011"}';
    expect(
      read('okx', { status: 429, url: 'https://www.okx.com/api/v5/account/balance', body }),
    ).toMatchObject({
      scope: 'key:k1',
      ms: 2_000,
    });
    expect(
      read('okx', { status: 429, url: 'https://www.okx.com/api/v5/market/tickers?instType=SPOT', body }),
    ).toMatchObject({
      scope: 'ip',
    });
    expect(read('okx', { body: '{"code":"0","data":[]}' })).toBeUndefined();
  });

  it('Kraken: its HTTP 200 errors pause the key (counter, lockout) or the IP (public calls)', () => {
    const url = 'https://api.kraken.com/0/private/BalanceEx';
    expect(read('kraken', { url, body: '{"error":["EAPI:Rate limit exceeded"]}' })).toMatchObject({
      scope: 'key:k1',
      ms: 10_000,
    });
    expect(read('kraken', { url, body: '{"error":["EGeneral:Temporary lockout"]}' })).toMatchObject({
      scope: 'key:k1',
      ms: 15 * 60_000,
    });
    expect(
      read('kraken', {
        url: 'https://api.kraken.com/0/public/Ticker',
        body: '{"error":["EGeneral:Too many requests"]}',
      }),
    ).toMatchObject({ scope: 'ip', ms: 2_000 });
    expect(read('kraken', { url, body: '{"error":[],"result":{"XXBT":{"balance":"1"}}}' })).toBeUndefined();
  });

  it('any other exchange: 429 and 418 pause the IP; a 403 is not read as rate', () => {
    expect(read('kucoin', { status: 429, headers: { 'retry-after': '3' } })).toMatchObject({
      scope: 'ip',
      ms: 3_000,
    });
    expect(read('kucoin', { status: 418 })).toMatchObject({ reason: 'IP_BANNED', ms: 120_000 });
    expect(read('kucoin', { status: 403 })).toBeUndefined();
  });
});

describe('the scopes a request is counted in', () => {
  const call = (api: string, cost = 3) => ({ api, path: 'x', cost });

  it('per key where the exchange counts keys, per IP otherwise; an unsigned call is the IP’s', () => {
    const kraken = venueLimits('kraken').bookings(call('private'), { rateLimitMs: 1000, keyId: 'k1' });
    expect(kraken).toHaveLength(1);
    expect(kraken[0]).toMatchObject({ scope: 'key:k1', cost: 3 });
    // a fresh key's whole verification fits in its burst, under Starter's 15
    expect((kraken[0]?.burstMs ?? 0) / (3 * (kraken[0]?.msPerCost ?? 1))).toBeLessThan(15);
    expect(venueLimits('kraken').bookings(call('public', 1), { rateLimitMs: 1000 })[0]?.scope).toBe('ip');
    expect(
      venueLimits('bybit')
        .bookings(call('private', 5), sender)
        .map((b) => b.scope),
    ).toEqual(['key:k1', 'ip']);
    expect(
      venueLimits('okx')
        .bookings(call('private', 2), sender)
        .map((b) => b.scope),
    ).toEqual(['key:k1']);
    expect(
      venueLimits('okx')
        .bookings(call('public', 2), sender)
        .map((b) => b.scope),
    ).toEqual(['ip']);
    expect(
      venueLimits('binance')
        .bookings(call('sapi', 1), sender)
        .map((b) => b.scope),
    ).toEqual(['ip']);
    expect(
      venueLimits('okx')
        .bookings(call('private', 2), { rateLimitMs: 110 })
        .map((b) => b.scope),
    ).toEqual(['ip']);
  });
});
