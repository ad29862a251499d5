// Binance spot: /api/v3 and /sapi/v1, public time/ping plus the two signed endpoints a key check needs.
import {
  type ExchangeAdapter,
  headerValue,
  jsonReply,
  type SimReply,
  type SimRequest,
  type VenueContext,
} from '../exchange-adapter';
import { binanceTicker24h } from '../market-tickers';
import type { KeyMatch } from '../state';
import { authenticateBinance } from './auth';
import { binanceAccountBody, binanceApiRestrictionsBody } from './bodies';
import { BINANCE_CONTENT_TYPE, binanceError, binanceErrors } from './errors';

function ok(json: unknown): SimReply {
  return jsonReply(200, json, 'ok', undefined, BINANCE_CONTENT_TYPE);
}

function signed(
  req: SimRequest,
  ctx: VenueContext,
  body: (auth: KeyMatch & { params: URLSearchParams }) => unknown,
): SimReply {
  const auth = authenticateBinance(req, ctx);
  return auth.ok ? ok(body(auth)) : auth.reply;
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
  handles: (path) => path.startsWith('/api/v3/') || path.startsWith('/sapi/v1/'),
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
      case 'GET /sapi/v1/account/apiRestrictions':
        return signed(req, ctx, ({ key }) => binanceApiRestrictionsBody(key));
      default:
        return binanceErrors.notFound(req.method, req.path);
    }
  },
  rateLimited(status, retryAfterSeconds) {
    // 418 is the auto-ban that follows ignored 429s; both carry Retry-After.
    const msg =
      status === 418
        ? 'Way too much request weight used; IP banned until further notice. Please use WebSocket Streams for live updates to avoid bans.'
        : 'Too many requests; current limit of IP is 6000 requests per minute. Please use WebSocket Streams for live updates to avoid polling the API.';
    const reply = binanceError(status, -1003, msg, 'fault:rate-limit');
    return { ...reply, headers: { 'Retry-After': String(retryAfterSeconds) } };
  },
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
