// Kraken private-endpoint checks: key, signature, nonce (strictly increasing per key), IP allowlist.
import { headerValue, type SimReply, type SimRequest, type VenueContext } from '../exchange-adapter';
import type { KeyMatch } from '../state';
import { krakenErrors } from './errors';
import { krakenSignatureValid } from './signature';

export type KrakenAuth = ({ ok: true } & KeyMatch) | { ok: false; reply: SimReply };

export function authenticateKraken(req: SimRequest, ctx: VenueContext): KrakenAuth {
  const refuse = (reply: SimReply): KrakenAuth => ({ ok: false, reply });
  const apiKey = headerValue(req, 'api-key');
  const signature = headerValue(req, 'api-sign');
  if (!apiKey) return refuse(krakenErrors.invalidKey('missing-key'));
  const nonce = new URLSearchParams(req.body).get('nonce') ?? '';
  if (!signature || !/^\d{1,19}$/.test(nonce)) return refuse(krakenErrors.badRequest());
  const match = ctx.state.findKey('kraken', apiKey);
  if (!match || match.key.revoked)
    return refuse(krakenErrors.invalidKey(match ? 'revoked-key' : 'unknown-key'));
  const { key } = match;
  if (key.expiresAt !== undefined && ctx.now >= key.expiresAt)
    return refuse(krakenErrors.invalidKey('expired-key'));
  if (!krakenSignatureValid(key.secret, req.path, nonce, req.body, signature))
    return refuse(krakenErrors.invalidSignature());
  // a nonce not above the key's last one is refused, even a correctly signed one: two senders race here
  if (!ctx.state.acceptNonce(apiKey, BigInt(nonce))) return refuse(krakenErrors.invalidNonce());
  if (key.allowedIps.length > 0 && !key.allowedIps.includes(req.ip))
    return refuse(krakenErrors.permissionDenied('ip-not-allowed'));
  return { ok: true, ...match };
}
