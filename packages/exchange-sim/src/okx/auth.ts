// OKX private-endpoint checks: headers present, key, environment, passphrase, time, signature, IP.
import { headerValue, type SimReply, type SimRequest, type VenueContext } from '../exchange-adapter';
import type { KeyMatch } from '../state';
import { timingSafeStringEqual } from '../timing-safe';
import { okxErrors } from './errors';
import { okxPrehash, okxSignatureValid } from './signature';

// OKX rejects requests whose OK-ACCESS-TIMESTAMP is more than 30 s away from its clock.
const TIMESTAMP_TOLERANCE_MS = 30_000;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export type OkxAuth = ({ ok: true } & KeyMatch) | { ok: false; reply: SimReply };

function refuse(reply: SimReply): OkxAuth {
  return { ok: false, reply };
}

export function authenticateOkx(req: SimRequest, ctx: VenueContext): OkxAuth {
  const apiKey = headerValue(req, 'ok-access-key');
  const passphrase = headerValue(req, 'ok-access-passphrase');
  const signature = headerValue(req, 'ok-access-sign');
  const timestamp = headerValue(req, 'ok-access-timestamp');
  if (!apiKey) return refuse(okxErrors.emptyKey());
  if (!passphrase) return refuse(okxErrors.emptyPassphrase());
  if (!signature) return refuse(okxErrors.emptySign());
  if (!timestamp) return refuse(okxErrors.emptyTimestamp());
  const sentAt = ISO_MS.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (!Number.isFinite(sentAt)) return refuse(okxErrors.invalidTimestamp());

  const match = ctx.state.findKey('okx', apiKey);
  if (!match) return refuse(okxErrors.invalidKey('unknown-key'));
  const { key } = match;
  if (key.revoked) return refuse(okxErrors.invalidKey('revoked-key'));
  if (key.expiresAt !== undefined && ctx.now >= key.expiresAt)
    return refuse(okxErrors.invalidKey('expired-key'));
  // Demo (simulated-trading) keys only work with `x-simulated-trading: 1`, live keys only without it.
  const simulated = headerValue(req, 'x-simulated-trading') === '1';
  if ((key.environment === 'demo') !== simulated) return refuse(okxErrors.wrongEnvironment());
  if (!timingSafeStringEqual(passphrase, key.passphrase ?? '')) return refuse(okxErrors.badPassphrase());
  if (Math.abs(ctx.now - sentAt) > TIMESTAMP_TOLERANCE_MS) return refuse(okxErrors.timestampExpired());
  const prehash = okxPrehash(timestamp, req.method, req.rawUrl, req.body);
  if (!okxSignatureValid(key.secret, prehash, signature)) return refuse(okxErrors.invalidSign());
  if (key.allowedIps.length > 0 && !key.allowedIps.includes(req.ip))
    return refuse(okxErrors.ipNotAllowed(req.ip));
  return { ok: true, ...match };
}
