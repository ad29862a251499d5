import type { KeyPermissions } from '@keyport/exchange/permissions';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

/** Vault envelope as stored; the db package stays ignorant of how it is sealed. */
export type SealedCredentials = Record<string, unknown>;

/** One API key's link to one exchange account, and where its verification stands. */
export const ExchangeConnection = defineEntity({
  name: 'ExchangeConnection',
  tableName: 'exchange_connections',
  properties: (p) => ({
    id: p.uuid().primary(),
    owner: p.manyToOne(User).mapToPk().deleteRule('cascade').index(),
    exchangeId: p.string().length(64),
    label: p.string().length(64),
    sandbox: p.boolean().default(false),
    accountTypes: p.json<string[]>(),
    status: p.string().length(32).index(),
    reasonCode: p.string().length(48).nullable(),
    progressStep: p.string().length(32).nullable(),
    keyHint: p.string().length(32),
    /** SHA-256 of exchange and the key's public part (or, without one, its private part), to refuse the same key pasted twice (vault credentialFingerprint). */
    keyFingerprint: p.string().length(64).nullable(),
    credentials: p.json<SealedCredentials>().nullable(),
    credentialVersion: p.integer().default(1),
    credentialKid: p.string().length(64).nullable(),
    /** New keys replacing a working key, sealed for version credentialVersion + 1, until their check passes. */
    stagedCredentials: p.json<SealedCredentials>().nullable(),
    stagedCredentialKid: p.string().length(64).nullable(),
    /** The staged keys' hint; kept with stagedReasonCode once they were refused (their secret erased). */
    stagedKeyHint: p.string().length(32).nullable(),
    stagedKeyFingerprint: p.string().length(64).nullable(),
    /** Bumped by each staging: a check of keys staged before is not applied to keys staged after. */
    stagedSerial: p.integer().default(0),
    stagedReasonCode: p.string().length(48).nullable(),
    /** The exchange could not be asked (down, limiting): when the staged keys' check is tried again. */
    stagedRetryAt: p.datetime().nullable(),
    stagedAt: p.datetime().nullable(),
    permissions: p.json<KeyPermissions>().nullable(),
    /** Chosen wallets the key could not read at its last check, with the reason of each. */
    unreadableWallets: p.json<{ wallet: string; reason: string }[]>().nullable(),
    exchangeAccountUid: p.string().length(128).nullable(),
    /** Set when replacement keys turned out to belong to another exchange account: the one read before. */
    previousAccountUid: p.string().length(128).nullable(),
    /** Our clock minus the exchange's, in ms, measured when it kept refusing our request time; else null. */
    clockOffsetMs: p.integer().nullable(),
    /** How the last verification knew whether the key may trade: verified, reported or unknown. */
    tradeCheck: p.string().length(16).nullable(),
    /** For trading (a bot's): a key without the spot-trade right is refused (TRADE_NOT_ALLOWED). */
    needsTrading: p.boolean().default(false),
    retryAt: p.datetime().nullable(),
    lastVerifiedAt: p.datetime().nullable(),
    lastSyncedAt: p.datetime().nullable(),
    /** When a balance refresh was last put on the queue; the sweeper adds each due account once. */
    refreshQueuedAt: p.datetime().nullable(),
    nextCheckAt: p.datetime().nullable().index(),
    statusChangedAt: p.datetime().onCreate(() => new Date()),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    deletedAt: p.datetime().nullable(),
    /**
     * Grows by one with every change of the row: a trigger sets it on every UPDATE, whoever writes; the unit of
     * work counts the same, so an answer made from the entity in memory carries the revision the row got.
     */
    revision: p
      .integer()
      .default(0)
      .onUpdate((connection) => connection.revision + 1),
  }),
});
export type IExchangeConnection = InferEntity<typeof ExchangeConnection>;
