// Binance signed-endpoint checks, in the order the venue reports them: key, IP, parameters, time, signature.
import { headerValue, type SimReply, type SimRequest, type VenueContext } from '../exchange-adapter';
import type { SimPermissions } from '../fixtures';
import type { KeyMatch } from '../state';
import { binanceErrors } from './errors';
import { binanceSignatureValid, binanceSignedPayload } from './signature';
import { binanceMayTrade } from './trading-authority';

const DEFAULT_RECV_WINDOW = 5000;
const MAX_RECV_WINDOW = 60000;

export type BinanceAuth = ({ ok: true; params: URLSearchParams } & KeyMatch) | { ok: false; reply: SimReply };

function refuse(reply: SimReply): BinanceAuth {
  return { ok: false, reply };
}

// Signed parameters may travel in the query string, the form body, or both.
function requestParams(req: SimRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  for (const [name, value] of new URLSearchParams(req.body)) params.append(name, value);
  return params;
}

/** `permission`: the key right the endpoint needs beyond reading (fapi/dapi need `futures`). */
export function authenticateBinance(
  req: SimRequest,
  ctx: VenueContext,
  permission?: keyof SimPermissions,
): BinanceAuth {
  const apiKey = headerValue(req, 'x-mbx-apikey');
  if (!apiKey) return refuse(binanceErrors.missingKey());
  const match = ctx.state.findKey('binance', apiKey);
  // Binance answers every key problem with the same -2015, on purpose; only the log tells them apart.
  if (!match) return refuse(binanceErrors.rejectedKey('unknown-key'));
  const { key } = match;
  if (key.revoked) return refuse(binanceErrors.rejectedKey('revoked-key'));
  if (key.allowedIps.length > 0 && !key.allowedIps.includes(req.ip)) {
    return refuse(binanceErrors.rejectedKey('ip-not-allowed'));
  }
  // A key without the right gets the same -2015 as a bad key: Binance checks rights with the key itself. Binance
  // keys never expire; what lapses is an unrestricted key's trading right (`expiresAt` here).
  const allowed =
    permission === 'spotTrade' ? binanceMayTrade(key, ctx.now) : key.permissions[permission ?? 'read'];
  if (permission !== undefined && !allowed) {
    const lapsed = permission === 'spotTrade' && key.permissions.spotTrade;
    return refuse(binanceErrors.rejectedKey(lapsed ? 'trading-lapsed' : 'permission-denied'));
  }

  const params = requestParams(req);
  const timestampText = params.get('timestamp') ?? '';
  if (!/^\d{1,16}$/.test(timestampText)) return refuse(binanceErrors.mandatoryParam('timestamp'));
  const recvWindowText = params.get('recvWindow') ?? String(DEFAULT_RECV_WINDOW);
  if (!/^\d{1,16}$/.test(recvWindowText)) return refuse(binanceErrors.mandatoryParam('recvWindow'));
  const recvWindow = Number(recvWindowText);
  if (recvWindow > MAX_RECV_WINDOW) return refuse(binanceErrors.recvWindowTooLarge());

  // The documented rule: timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow.
  const timestamp = Number(timestampText);
  if (timestamp >= ctx.now + 1000) return refuse(binanceErrors.aheadOfServer());
  if (ctx.now - timestamp > recvWindow) return refuse(binanceErrors.outsideRecvWindow());

  const signed = binanceSignedPayload(req.query, req.body);
  if (signed.signature === undefined) return refuse(binanceErrors.mandatoryParam('signature'));
  if (!binanceSignatureValid(key.secret, signed)) return refuse(binanceErrors.badSignature());
  return { ok: true, params, ...match };
}
