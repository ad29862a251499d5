// Bybit v5 private-endpoint checks, in the gateway's order: key, expiry, time window, signature, IP.
import { headerValue, type SimReply, type SimRequest, type VenueContext } from '../exchange-adapter';
import type { KeyMatch } from '../state';
import { bybitKeyExpiry } from './bodies';
import { bybitErrors } from './errors';
import { bybitPrehash, bybitSignatureValid } from './signature';

// server_time - recv_window <= timestamp < server_time + 1000 (Bybit's documented rule)
const FUTURE_TOLERANCE_MS = 1_000;
const DEFAULT_RECV_WINDOW_MS = 5_000;

export type BybitAuth = ({ ok: true } & KeyMatch) | { ok: false; reply: SimReply };

export function authenticateBybit(req: SimRequest, ctx: VenueContext): BybitAuth {
  const refuse = (reply: SimReply): BybitAuth => ({ ok: false, reply });
  const apiKey = headerValue(req, 'x-bapi-api-key');
  const signature = headerValue(req, 'x-bapi-sign');
  const timestamp = headerValue(req, 'x-bapi-timestamp');
  const recvWindow = headerValue(req, 'x-bapi-recv-window') ?? String(DEFAULT_RECV_WINDOW_MS);
  if (!apiKey) return refuse(bybitErrors.missingKey(ctx.now));
  if (!signature || !timestamp || !/^\d+$/.test(timestamp) || !/^\d+$/.test(recvWindow))
    return refuse(bybitErrors.badRequest('missing or malformed X-BAPI-SIGN / X-BAPI-TIMESTAMP', ctx.now));

  const match = ctx.state.findKey('bybit', apiKey);
  if (!match || match.key.revoked)
    return refuse(bybitErrors.invalidKey(match ? 'revoked-key' : 'unknown-key', ctx.now));
  const { key } = match;
  const expiry = bybitKeyExpiry(key);
  if (expiry !== undefined && ctx.now >= expiry) return refuse(bybitErrors.expiredKey(ctx.now));
  const sentAt = Number(timestamp);
  if (!(sentAt < ctx.now + FUTURE_TOLERANCE_MS && ctx.now - sentAt <= Number(recvWindow)))
    return refuse(bybitErrors.timestamp(ctx.now, timestamp, recvWindow));
  const payload = req.method === 'GET' ? req.query : req.body;
  if (!bybitSignatureValid(key.secret, bybitPrehash(timestamp, apiKey, recvWindow, payload), signature))
    return refuse(bybitErrors.badSignature(ctx.now));
  if (key.allowedIps.length > 0 && !key.allowedIps.includes(req.ip))
    return refuse(bybitErrors.ipNotAllowed(ctx.now));
  return { ok: true, ...match };
}
