import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

/** A signed-in browser or script; only the SHA-256 of its opaque token is stored. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: (p) => ({
    id: p.uuid().primary(),
    user: p.manyToOne(User).mapToPk().deleteRule('cascade'),
    tokenHash: p.string().length(64).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastSeenAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
  }),
});
export type ISession = InferEntity<typeof Session>;
