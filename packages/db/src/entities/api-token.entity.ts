import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

/** A third party's access to one user's data, limited to its scopes; only the SHA-256 of the token is stored. */
export const ApiToken = defineEntity({
  name: 'ApiToken',
  tableName: 'api_tokens',
  properties: (p) => ({
    id: p.uuid().primary(),
    user: p.manyToOne(User).mapToPk().deleteRule('cascade'),
    name: p.string().length(64),
    /** The token's first characters ("kp_AbC1"), shown so its owner can tell tokens apart. */
    prefix: p.string().length(16),
    tokenHash: p.string().length(64).unique(),
    scopes: p.json<string[]>(),
    /** Client addresses the token may be used from; null: anywhere. */
    allowedIps: p.json<string[]>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  }),
});
export type IApiToken = InferEntity<typeof ApiToken>;
