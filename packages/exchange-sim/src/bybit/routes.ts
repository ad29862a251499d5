// Bybit v5: server time, the unified wallet, the funding wallet, the key's own info and the account's mode.
import {
  type ExchangeAdapter,
  headerValue,
  jsonReply,
  type SimReply,
  type SimRequest,
  type VenueContext,
} from '../exchange-adapter';
import type { KeyMatch } from '../state';
import { authenticateBybit } from './auth';
import {
  bybitAccountInfoBody,
  bybitEnvelope,
  bybitFundBody,
  bybitKeyInfoBody,
  bybitWalletBody,
} from './bodies';
import { bybitError, bybitErrors } from './errors';
import { bybitTickersReply } from './tickers';

function signed(req: SimRequest, ctx: VenueContext, body: (auth: KeyMatch) => unknown | SimReply): SimReply {
  const auth = authenticateBybit(req, ctx);
  if (!auth.ok) return auth.reply;
  const result = body(auth);
  return isReply(result) ? result : jsonReply(200, result, 'ok');
}

function isReply(value: unknown): value is SimReply {
  return typeof value === 'object' && value !== null && 'verdict' in value && 'status' in value;
}

const accountType = (req: SimRequest) => new URLSearchParams(req.query).get('accountType');

export const bybitAdapter: ExchangeAdapter = {
  id: 'bybit',
  publicHost: 'api.bybit.com',
  handles: (path) => path.startsWith('/v5/'),
  apiKeyOf: (req) => headerValue(req, 'x-bapi-api-key'),
  handle(req, ctx) {
    switch (`${req.method} ${req.path}`) {
      case 'GET /v5/market/time':
        return jsonReply(
          200,
          bybitEnvelope(
            { timeSecond: String(Math.floor(ctx.now / 1000)), timeNano: `${ctx.now}000000` },
            ctx.now,
          ),
          'ok',
        );
      case 'GET /v5/market/tickers':
        return bybitTickersReply(req, ctx);
      case 'GET /v5/account/wallet-balance':
        return signed(req, ctx, ({ account }) =>
          // classic accounts are gone: every account is unified, as Bybit answers for a UTA
          accountType(req) === 'UNIFIED'
            ? bybitWalletBody(account, ctx.state, ctx.now)
            : bybitError(200, 10001, 'accountType only support UNIFIED.', 'bad-request', ctx.now),
        );
      case 'GET /v5/asset/transfer/query-account-coins-balance':
        return signed(req, ctx, ({ account }) =>
          accountType(req) === 'FUND'
            ? bybitFundBody(account, ctx.now)
            : bybitError(200, 10001, 'the sim serves accountType=FUND only', 'bad-request', ctx.now),
        );
      case 'GET /v5/user/query-api':
        return signed(req, ctx, ({ account, key }) => bybitKeyInfoBody(account, key, ctx.now));
      case 'GET /v5/account/info':
        return signed(req, ctx, () => bybitAccountInfoBody(ctx.now));
      default:
        return bybitErrors.notFound(ctx.now);
    }
  },
  rateLimited(_status, retryAfterSeconds) {
    // Bybit's IP limit answers HTTP 403 "access too frequent", not 429, and bans the IP for a while
    return {
      ...jsonReply(
        403,
        { retCode: 10006, retMsg: 'Too many visits!', result: {}, retExtInfo: {}, time: Date.now() },
        'fault:rate-limit',
      ),
      headers: { 'Retry-After': String(retryAfterSeconds) },
    };
  },
  banStatus: 429,
  // Bybit counts requests per IP (600 per 5 s), each one unit
  requestWeight: () => 1,
  usageHeaders: () => ({}),
  serverError(status) {
    return bybitError(status, 10016, 'Internal server error.', 'fault:server-error', Date.now());
  },
};
