import { isIP } from 'node:net';
import { ApiToken, type IApiToken } from '@keyport/db/entities';
import { isUuid } from '@keyport/db/uuid';
import type { Context, Viewer } from '../../context';
import { LimitReachedError, NotFoundError, ValidationError } from '../../schema/errors';
import { hashToken } from '../accounts/session-token';
import { isTokenScope, type TokenScope } from './token-scopes';
import { newApiToken, visiblePrefix } from './token-secret';
import { announceRevocation } from './until-revoked';

/** Tokens a user may hold at once: enough for every tool, few enough that a leak is easy to review. */
const MAX_LIVE_TOKENS = 50;

export interface NewTokenInput {
  name: string;
  scopes: readonly string[];
  expiresAt?: Date | null;
  /** Client addresses the token may be used from; none: anywhere. */
  allowedIps?: readonly string[] | null;
}

/** Makes a token with these scopes; the token itself is returned once and never again (only its hash stays). */
export async function createApiToken(
  ctx: Context,
  viewer: Viewer,
  input: NewTokenInput,
): Promise<{ token: string; apiToken: IApiToken }> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > 64)
    throw new ValidationError('Name the token with 1 to 64 characters.', 'name');
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw new ValidationError('Give the token at least one scope.', 'scopes');
  if (!scopes.every(isTokenScope)) throw new ValidationError('Unknown scope.', 'scopes');
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
    throw new ValidationError('The expiry must be in the future.', 'expiresAt');
  const allowedIps = input.allowedIps?.length ? [...new Set(input.allowedIps.map((ip) => ip.trim()))] : null;
  if (allowedIps?.some((ip) => !isIP(ip)))
    throw new ValidationError('Allowed addresses must be IPv4 or IPv6 addresses.', 'allowedIps');
  const live = await ctx.em.count(ApiToken, { user: viewer.userId, revokedAt: null });
  if (live >= MAX_LIVE_TOKENS)
    throw new LimitReachedError(
      `At most ${MAX_LIVE_TOKENS} tokens: revoke one you no longer use.`,
      MAX_LIVE_TOKENS,
    );

  const token = newApiToken();
  const apiToken = ctx.em.create(ApiToken, {
    id: crypto.randomUUID(),
    user: viewer.userId,
    name,
    prefix: visiblePrefix(token),
    tokenHash: hashToken(token),
    scopes: scopes as TokenScope[],
    expiresAt: input.expiresAt ?? null,
    allowedIps,
  });
  await ctx.em.flush();
  return { token, apiToken };
}

/** The user's tokens not revoked, newest first (expired ones too, so they can be seen and cleaned up). */
export function listApiTokens(ctx: Context, viewer: Viewer): Promise<IApiToken[]> {
  return ctx.em.find(ApiToken, { user: viewer.userId, revokedAt: null }, { orderBy: { createdAt: 'desc' } });
}

/** Revokes one of the user's tokens at once; another user's id is answered as missing. */
export async function revokeApiToken(ctx: Context, viewer: Viewer, id: string): Promise<IApiToken> {
  const apiToken = isUuid(id)
    ? await ctx.em.findOne(ApiToken, { id, user: viewer.userId, revokedAt: null })
    : null;
  if (!apiToken) throw new NotFoundError('API token');
  apiToken.revokedAt = new Date();
  await ctx.em.flush();
  announceRevocation(ctx.deps, apiToken.id);
  return apiToken;
}
