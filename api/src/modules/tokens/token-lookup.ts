import { runPrepared } from '@keyport/db/prepared';
import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../../context';
import { hashToken } from '../accounts/session-token';
import { isTokenScope, type TokenScope } from './token-scopes';

interface TokenRow {
  id: string;
  user_id: string;
  scopes: string[];
  allowed_ips: string[] | null;
  expires_at: string | Date | null;
  last_used_at: string | Date | null;
}

/**
 * The viewer behind an API token, if it is live (not revoked, not expired) and used from an address it allows,
 * limited to its scopes; notes its
 * last use at most once a minute. Plain SQL: it runs on every request a third party makes.
 */
export async function resolveApiToken(
  em: EntityManager,
  token: string,
  clientIp: string,
): Promise<Viewer | null> {
  const connection = em.getConnection();
  const {
    rows: [row],
  } = await runPrepared<TokenRow>(
    em,
    'select id, user_id, scopes, allowed_ips, expires_at, last_used_at from api_tokens where token_hash = ? and revoked_at is null',
    [hashToken(token)],
  );
  if (!row) return null;
  if (row.expires_at && new Date(row.expires_at).getTime() <= Date.now()) return null;
  // a token bound to addresses is worth nothing from anywhere else: answered as if there were none
  if (row.allowed_ips && !row.allowed_ips.includes(clientIp)) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await connection.execute(
      'update api_tokens set last_used_at = ? where id = ?',
      [new Date(), row.id],
      'run',
    );
  }
  return {
    userId: row.user_id,
    sessionId: null,
    tokenId: row.id,
    scopes: new Set(row.scopes.filter(isTokenScope)) as ReadonlySet<TokenScope>,
    tokenExpiresAt: row.expires_at ? new Date(row.expires_at) : null,
  };
}
