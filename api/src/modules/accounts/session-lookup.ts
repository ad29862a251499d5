import { Session } from '@keyport/db/entities';
import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../../context';
import { hashToken } from './session-token';

/** The viewer behind a token, if its session is live; touches lastSeenAt at most once a minute. */
export async function resolveSession(em: EntityManager, token: string): Promise<Viewer | null> {
  const session = await em.findOne(Session, { tokenHash: hashToken(token), revokedAt: null });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    await em.nativeUpdate(Session, { id: session.id }, { lastSeenAt: new Date() });
  }
  return { userId: session.user, sessionId: session.id };
}
