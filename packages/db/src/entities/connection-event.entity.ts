import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ExchangeConnection } from './exchange-connection.entity';

/** Audit trail of a connection: every status change, key replacement, rename and deletion. */
export const ConnectionEvent = defineEntity({
  name: 'ConnectionEvent',
  tableName: 'connection_events',
  indexes: [{ properties: ['connection', 'id'] }],
  properties: (p) => ({
    id: p.bigint('string').primary().autoincrement(),
    connection: p.manyToOne(ExchangeConnection).mapToPk().deleteRule('cascade'),
    ownerId: p.uuid().index(),
    kind: p.string().length(32),
    fromStatus: p.string().length(32).nullable(),
    toStatus: p.string().length(32).nullable(),
    reasonCode: p.string().length(48).nullable(),
    actorType: p.string().length(16),
    actorId: p.uuid().nullable(),
    credentialVersion: p.integer(),
    detail: p.json<Record<string, string | number | boolean | null>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IConnectionEvent = InferEntity<typeof ConnectionEvent>;
