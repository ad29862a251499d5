// Binance: spot /api/v3 and /sapi/v1 (public time/ping/tickers, account, test and real orders, key rights,
// margin and funding wallets) plus the USDⓈ-M (/fapi) and COIN-M (/dapi) futures account balances.
import {
  type ExchangeAdapter,
  headerValue,
  jsonReply,
  type RateLimitDetail,
  type SimReply,
  type SimRequest,
  type VenueContext,
} from '../exchange-adapter';
import type { SimPermissions } from '../fixtures';
import { binanceTicker24h } from '../market-tickers';
import type { KeyMatch } from '../state';
import { authenticateBinance } from './auth';
import { binanceAccountBody, binanceApiRestrictionsBody } from './bodies';
import { BINANCE_CONTENT_TYPE, binanceError, binanceErrors } from './errors';
import { binancePlaceOrder, binanceTestOrder } from './orders';
import {
  binanceCoinmBody,
  binanceFundingBody,
  binanceMarginBody,
  binanceUsdmV2Body,
  binanceUsdmV3Body,
} from './wallet-bodies';
import { binanceRequestWeight } from './weights';

function ok(json: unknown): SimReply {
  return jsonReply(200, json, 'ok', undefined, BINANCE_CONTENT_TYPE);
}

function signed(
  req: SimRequest,
  ctx: VenueContext,
  body: (auth: KeyMatch & { params: URLSearchParams }) => unknown,
  permission?: keyof SimPermissions,
): SimReply {
  const auth = authenticateBinance(req, ctx, permission);
  return auth.ok ? ok(body(auth)) : auth.reply;
}

/** A signed TRADE request: the key must be allowed to trade; the order itself may still be refused. */
function signedOrder(
  req: SimRequest,
  ctx: VenueContext,
  run: (auth: KeyMatch & { params: URLSearchParams }) => { refusal: SimReply } | { body: unknown },
): SimReply {
  const auth = authenticateBinance(req, ctx, 'spotTrade');
  if (!auth.ok) return auth.reply;
  const outcome = run(auth);
  return 'refusal' in outcome ? outcome.refusal : ok(outcome.body);
}

// Binance names intervals like "1 MINUTE" or "10 SECOND" in its limit messages.
function interval(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} MINUTE`;
  if (ms % 1000 === 0) return `${ms / 1000} SECOND`;
  return `${ms} MILLISECOND`;
}

function rateLimitMessage(status: number, detail: RateLimitDetail | undefined): string {
  if (status === 418) {
    const until = detail?.bannedUntil ?? 'further notice';
    return `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`;
  }
  if (detail?.unit === 'weight') {
    return `Too much request weight used; current limit is ${detail.limit} request weight per ${interval(detail.windowMs)}. Please use WebSocket Streams for live updates to avoid polling the API.`;
  }
  const limit = detail
    ? `${detail.limit} requests per ${interval(detail.windowMs)}`
    : '6000 requests per minute';
  return `Too many requests; current limit of IP is ${limit}. Please use WebSocket Streams for live updates to avoid polling the API.`;
}

/** All tickers, `symbol=BTCUSDT` (one object) or `symbols=["BTCUSDT",…]`, as Binance answers. */
function tickers24h(req: SimRequest, ctx: VenueContext): SimReply {
  const params = new URLSearchParams(req.query);
  const all = ctx.state.tickers();
  const bySymbol = new Map(all.map((t) => [`${t.base}${t.quote}`, t]));
  const symbol = params.get('symbol');
  if (symbol) {
    const ticker = bySymbol.get(symbol);
    return ticker
      ? ok(binanceTicker24h(ticker, ctx.now))
      : binanceError(400, -1121, 'Invalid symbol.', 'bad-request');
  }
  const symbols = params.get('symbols');
  if (symbols) {
    let wanted: unknown;
    try {
      wanted = JSON.parse(symbols);
    } catch {
      wanted = null;
    }
    if (!Array.isArray(wanted) || wanted.some((s) => !bySymbol.has(String(s))))
      return binanceError(400, -1121, 'Invalid symbol.', 'bad-request');
    return ok(wanted.map((s) => binanceTicker24h(bySymbol.get(String(s)) as never, ctx.now)));
  }
  return ok(all.map((t) => binanceTicker24h(t, ctx.now)));
}

export const binanceAdapter: ExchangeAdapter = {
  id: 'binance',
  publicHost: 'api.binance.com',
  handles: (path) =>
    path.startsWith('/api/v3/') ||
    path.startsWith('/sapi/v1/') ||
    path.startsWith('/fapi/') ||
    path.startsWith('/dapi/'),
  apiKeyOf: (req) => headerValue(req, 'x-mbx-apikey'),
  handle(req, ctx) {
    switch (`${req.method} ${req.path}`) {
      case 'GET /api/v3/ping':
        return ok({});
      case 'GET /api/v3/time':
        return ok({ serverTime: ctx.now });
      case 'GET /api/v3/ticker/24hr':
        return tickers24h(req, ctx);
      case 'GET /api/v3/account':
        return signed(req, ctx, ({ account, params }) => binanceAccountBody(account, params));
      case 'POST /api/v3/order/test':
        return signedOrder(req, ctx, ({ params }) => binanceTestOrder(params));
      case 'POST /api/v3/order':
        return signedOrder(req, ctx, (auth) => binancePlaceOrder(auth.params, auth, ctx.state, ctx.now));
      case 'GET /sapi/v1/account/apiRestrictions':
        return signed(req, ctx, ({ key }) => binanceApiRestrictionsBody(key, ctx.now));
      // reading the margin wallet needs only enableReading, not enableMargin
      case 'GET /sapi/v1/margin/account':
        return signed(req, ctx, ({ account }) => binanceMarginBody(account, ctx.state));
      case 'POST /sapi/v1/asset/get-funding-asset':
        return signed(req, ctx, ({ account, params }) => binanceFundingBody(account, ctx.state, params));
      case 'GET /fapi/v3/account':
        return signed(req, ctx, ({ account }) => binanceUsdmV3Body(account), 'futures');
      case 'GET /fapi/v2/account':
        return signed(req, ctx, ({ account }) => binanceUsdmV2Body(account), 'futures');
      case 'GET /dapi/v1/account':
        return signed(req, ctx, ({ account }) => binanceCoinmBody(account), 'futures');
      default:
        return binanceErrors.notFound(req.method, req.path);
    }
  },
  rateLimited(status, retryAfterSeconds, detail) {
    // 418 is the auto-ban that follows ignored 429s; both carry Retry-After.
    const reply = binanceError(status, -1003, rateLimitMessage(status, detail), 'fault:rate-limit');
    return { ...reply, headers: { 'Retry-After': String(retryAfterSeconds) } };
  },
  banStatus: 418,
  requestWeight: binanceRequestWeight,
  usageHeaders: (used) => ({ 'x-mbx-used-weight': String(used), 'x-mbx-used-weight-1m': String(used) }),
  serverError(status) {
    return status === 503
      ? binanceError(
          503,
          -1008,
          'Server is currently overloaded with other requests. Please try again in a few minutes.',
          'fault:server-error',
        )
      : binanceError(
          status,
          -1001,
          'Internal error; unable to process your request. Please try again.',
          'fault:server-error',
        );
  },
};
