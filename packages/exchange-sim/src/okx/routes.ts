// OKX v5: public time and tickers, the trading-account and funding balances, and the account config.
import {
  type ExchangeAdapter,
  headerValue,
  jsonReply,
  type SimReply,
  type SimRequest,
  type VenueContext,
} from '../exchange-adapter';
import { okxTicker } from '../market-tickers';
import type { KeyMatch } from '../state';
import { authenticateOkx } from './auth';
import { okxBalanceBody, okxConfigBody, okxEnvelope, okxFundingBody } from './bodies';
import { okxError, okxErrors } from './errors';
import { okxTickerReply } from './ticker';

function ok(json: unknown): SimReply {
  return jsonReply(200, json, 'ok');
}

function signed(req: SimRequest, ctx: VenueContext, body: (auth: KeyMatch) => unknown): SimReply {
  const auth = authenticateOkx(req, ctx);
  return auth.ok ? ok(body(auth)) : auth.reply;
}

export const okxAdapter: ExchangeAdapter = {
  id: 'okx',
  publicHost: 'www.okx.com',
  handles: (path) => path.startsWith('/api/v5/'),
  apiKeyOf: (req) => headerValue(req, 'ok-access-key'),
  handle(req, ctx) {
    switch (`${req.method} ${req.path}`) {
      case 'GET /api/v5/public/time':
        return ok(okxEnvelope([{ ts: String(ctx.now) }]));
      case 'GET /api/v5/market/tickers': {
        const instType = new URLSearchParams(req.query).get('instType');
        if (!instType) return okxError(400, '50014', 'Parameter instType can not be empty.', 'bad-request');
        // the sim lists spot markets only; other instrument types exist but are empty here
        const rows = instType === 'SPOT' ? ctx.state.tickers().map((t) => okxTicker(t, ctx.now)) : [];
        return ok(okxEnvelope(rows));
      }
      case 'GET /api/v5/market/ticker':
        return okxTickerReply(req, ctx);
      case 'GET /api/v5/account/balance':
        return signed(req, ctx, ({ account }) =>
          okxBalanceBody(account, ctx.state, new URLSearchParams(req.query)),
        );
      case 'GET /api/v5/asset/balances':
        return signed(req, ctx, ({ account }) => okxFundingBody(account, new URLSearchParams(req.query)));
      case 'GET /api/v5/account/config':
        return signed(req, ctx, ({ account, key }) => okxConfigBody(account, key));
      default:
        return okxErrors.notFound();
    }
  },
  rateLimited(status, retryAfterSeconds) {
    // OKX's gateway answers with this bare body (no data), e.g. {"msg":"Too Many Requests","code":"50011"}.
    const reply = jsonReply(status, { msg: 'Too Many Requests', code: '50011' }, 'fault:rate-limit');
    return { ...reply, headers: { 'Retry-After': String(retryAfterSeconds) } };
  },
  banStatus: 429,
  // OKX limits count requests per endpoint; the sim charges each one a single unit
  requestWeight: () => 1,
  usageHeaders: () => ({}),
  serverError(status) {
    return status === 503
      ? okxError(503, '50013', 'Systems are busy. Please try again later.', 'fault:server-error')
      : okxError(status, '50026', 'System error. Try again later.', 'fault:server-error');
  },
};
