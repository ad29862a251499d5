// Kraken spot REST: public time, the extended balance, the key's own info, and orders (validate-only or placed).
import {
  type ExchangeAdapter,
  headerValue,
  jsonReply,
  type SimReply,
  type SimRequest,
  type VenueContext,
} from '../exchange-adapter';
import type { KeyMatch } from '../state';
import { authenticateKraken } from './auth';
import { krakenBalanceExBody, krakenKeyInfoBody, krakenTimeBody } from './bodies';
import { krakenError, krakenErrors } from './errors';
import { krakenAddOrder } from './orders';
import { krakenTickerReply } from './tickers';

function signed(req: SimRequest, ctx: VenueContext, body: (auth: KeyMatch) => unknown): SimReply {
  const auth = authenticateKraken(req, ctx);
  return auth.ok ? jsonReply(200, body(auth), 'ok') : auth.reply;
}

export const krakenAdapter: ExchangeAdapter = {
  id: 'kraken',
  publicHost: 'api.kraken.com',
  handles: (path) => path.startsWith('/0/'),
  apiKeyOf: (req) => headerValue(req, 'api-key'),
  handle(req, ctx) {
    switch (`${req.method} ${req.path}`) {
      case 'GET /0/public/Time':
        return jsonReply(200, krakenTimeBody(ctx.now), 'ok');
      case 'GET /0/public/Ticker':
        return krakenTickerReply(req, ctx);
      case 'POST /0/private/BalanceEx':
        return signed(req, ctx, ({ account, key }) =>
          key.permissions.read ? krakenBalanceExBody(account) : { error: ['EGeneral:Permission denied'] },
        );
      case 'POST /0/private/AddOrder': {
        const auth = authenticateKraken(req, ctx);
        if (!auth.ok) return auth.reply;
        const outcome = krakenAddOrder(req.body, auth, ctx.state);
        return 'result' in outcome ? jsonReply(200, { error: [], result: outcome.result }, 'ok') : outcome;
      }
      case 'POST /0/private/GetApiKeyInfo':
        // any key may describe itself
        return signed(req, ctx, ({ key }) =>
          krakenKeyInfoBody(key, new URLSearchParams(req.body).get('nonce') ?? '0'),
        );
      default:
        return krakenErrors.unknownMethod();
    }
  },
  rateLimited(status, retryAfterSeconds) {
    // Kraken's REST counter answers with an error string, not an HTTP status of its own
    return {
      ...krakenError('EAPI:Rate limit exceeded', 'fault:rate-limit', status),
      headers: { 'Retry-After': String(retryAfterSeconds) },
    };
  },
  banStatus: 429,
  requestWeight: () => 1,
  usageHeaders: () => ({}),
  serverError(status) {
    return krakenError('EService:Unavailable', 'fault:server-error', status);
  },
};
