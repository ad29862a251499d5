import { runPrepared } from '@keyport/db/prepared';
import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../../context';
import { hashToken } from './session-token';

interface SessionRow {
  id: string;
  user_id: string;
  // the driver hands timestamps over as strings (MikroORM converts them itself, raw SQL does not)
  expires_at: string | Date;
  last_seen_at: string | Date;
}

/**
 * The viewer behind a token, if its session is live; touches lastSeenAt at most once a minute.
 * Plain SQL: it runs on every request, where the ORM's query building would cost more than the query.
 */
export async function resolveSession(em: EntityManager, token: string): Promise<Viewer | null> {
  const connection = em.getConnection();
  const {
    rows: [session],
  } = await runPrepared<SessionRow>(
    em,
    'select id, user_id, expires_at, last_seen_at from sessions where token_hash = ? and revoked_at is null',
    [hashToken(token)],
  );
  if (!session || new Date(session.expires_at).getTime() <= Date.now()) return null;
  if (Date.now() - new Date(session.last_seen_at).getTime() > 60_000) {
    await connection.execute(
      'update sessions set last_seen_at = ? where id = ?',
      [new Date(), session.id],
      'run',
    );
  }
  return {
    userId: session.user_id,
    sessionId: session.id,
    tokenId: null,
    scopes: null,
    sessionExpiresAt: new Date(session.expires_at),
  };
}
