import {
  Balance,
  ConnectionEvent,
  type IBalance,
  type IConnectionEvent,
  type IExchangeConnection,
} from '@keyport/db/entities';
import { findExchange } from '@keyport/exchange/catalogue';
import type { KeyPermissions } from '@keyport/exchange/permissions';
import {
  CONNECTION_STATUSES,
  type ConnectionStatus,
  isReasonCode,
  REASON_CODES,
  type ReasonCode,
  reasonSpec,
  statusExplanation,
  VERIFICATION_STEPS,
} from '@keyport/exchange/status';
import { exactRemedy } from '@keyport/exchange/withdraw-switches';
import { builder } from '../../schema/builder';
import { trimDecimal } from '../../schema/decimal';
import { AccountTypeEnum, ExchangeRef } from '../exchanges/types';
import { type ConnectionWarning, connectionWarnings, WARNING_CODES } from './connection-warnings';

export const ConnectionStatusEnum = builder.enumType('ConnectionStatus', { values: CONNECTION_STATUSES });
const ReasonCodeEnum = builder.enumType('StatusReasonCode', {
  description: 'The precise, stable cause behind a status.',
  values: REASON_CODES,
});
const VerificationStepEnum = builder.enumType('VerificationStep', { values: VERIFICATION_STEPS });
const WarningCodeEnum = builder.enumType('ConnectionWarningCode', { values: WARNING_CODES });
const ConnectionWarningRef = builder.objectRef<ConnectionWarning>('ConnectionWarning').implement({
  description: 'Something that may break this connection soon, or that its owner should know.',
  fields: (t) => ({
    code: t.field({ type: WarningCodeEnum, resolve: (w) => w.code }),
    message: t.exposeString('message'),
    detail: t.exposeString('detail', {
      nullable: true,
      description: 'Days left, wallet names, or the other connections’ labels, comma-separated.',
    }),
  }),
});

interface StatusReason {
  code: ReasonCode;
  exchangeId: string;
  clockOffsetMs: number | null;
}

const StatusReasonRef = builder.objectRef<StatusReason>('StatusReason').implement({
  description: 'Why a connection is in its status, and what to do about it.',
  fields: (t) => ({
    code: t.field({ type: ReasonCodeEnum, resolve: ({ code }) => code }),
    explanation: t.string({ resolve: ({ code }) => reasonSpec(code).explanation }),
    remedy: t.string({
      description: 'What to do, naming the exchange’s own switch where Keyport knows it.',
      resolve: ({ code, exchangeId }) =>
        exactRemedy(reasonSpec(code).remedy, code, exchangeId, findExchange(exchangeId)?.name ?? exchangeId),
    }),
    retrying: t.boolean({
      description: 'Keyport retries this by itself.',
      resolve: ({ code }) => reasonSpec(code).retryable,
    }),
    clockOffsetMs: t.int({
      nullable: true,
      description:
        'CLOCK_SKEW: our clock minus the exchange’s in milliseconds, measured after resynchronising (negative: ours is behind).',
      resolve: ({ code, clockOffsetMs }) => (code === 'CLOCK_SKEW' ? clockOffsetMs : null),
    }),
  }),
});

const PermissionsRef = builder.objectRef<KeyPermissions>('KeyPermissions').implement({
  description: 'What the key may do. Each value is null when the exchange does not report it (unknown).',
  fields: (t) => ({
    read: t.exposeBoolean('read', { nullable: true }),
    spotTrade: t.exposeBoolean('spotTrade', { nullable: true }),
    margin: t.exposeBoolean('margin', { nullable: true }),
    futures: t.exposeBoolean('futures', { nullable: true }),
    withdraw: t.exposeBoolean('withdraw', { nullable: true }),
    internalTransfer: t.exposeBoolean('internalTransfer', { nullable: true }),
    ipRestricted: t.exposeBoolean('ipRestricted', { nullable: true }),
    allowedIps: t.exposeStringList('allowedIps', { nullable: true }),
    expiresAt: t.exposeString('expiresAt', { nullable: true }),
    accountKind: t.exposeString('accountKind', { nullable: true }),
  }),
});

const BalanceRef = builder.objectRef<IBalance>('Balance').implement({
  description: 'Holding of one asset in one wallet; amounts are exact decimal strings.',
  fields: (t) => ({
    accountType: t.exposeString('accountType'),
    asset: t.exposeString('asset'),
    free: t.string({ resolve: (b) => trimDecimal(b.free) }),
    used: t.string({ resolve: (b) => trimDecimal(b.used) }),
    total: t.string({ resolve: (b) => trimDecimal(b.total) }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'When this amount last changed; the connection’s lastSyncedAt says when it was last read.',
    }),
  }),
});

const ConnectionEventRef = builder.objectRef<IConnectionEvent>('ConnectionEvent').implement({
  description: 'One entry of the audit trail.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind'),
    fromStatus: t.field({
      type: ConnectionStatusEnum,
      nullable: true,
      resolve: (e) => e.fromStatus as ConnectionStatus | null,
    }),
    toStatus: t.field({
      type: ConnectionStatusEnum,
      nullable: true,
      resolve: (e) => e.toStatus as ConnectionStatus | null,
    }),
    reasonCode: t.field({
      type: ReasonCodeEnum,
      nullable: true,
      resolve: (e) => (isReasonCode(e.reasonCode) ? e.reasonCode : null),
    }),
    actorType: t.exposeString('actorType'),
    credentialVersion: t.exposeInt('credentialVersion'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const ExchangeConnectionRef = builder.objectRef<IExchangeConnection>('ExchangeConnection').implement({
  description: 'An exchange account connected by API key. Secrets are write-only and never returned.',
  fields: (t) => ({
    id: t.exposeID('id'),
    exchangeId: t.exposeString('exchangeId'),
    exchange: t.field({
      type: ExchangeRef,
      nullable: true,
      resolve: (c) => findExchange(c.exchangeId) ?? null,
    }),
    label: t.exposeString('label'),
    sandbox: t.exposeBoolean('sandbox', { description: 'A testnet/demo account.' }),
    accountTypes: t.field({ type: [AccountTypeEnum], resolve: (c) => c.accountTypes as never[] }),
    needsTrading: t.exposeBoolean('needsTrading', {
      description: 'Connected for trading: the key must be allowed to trade.',
    }),
    status: t.field({ type: ConnectionStatusEnum, resolve: (c) => c.status as ConnectionStatus }),
    statusReason: t.field({
      type: StatusReasonRef,
      nullable: true,
      resolve: (c) =>
        isReasonCode(c.reasonCode)
          ? { code: c.reasonCode, exchangeId: c.exchangeId, clockOffsetMs: c.clockOffsetMs ?? null }
          : null,
    }),
    statusExplanation: t.string({
      resolve: (c) =>
        isReasonCode(c.reasonCode)
          ? reasonSpec(c.reasonCode).explanation
          : statusExplanation(c.status as ConnectionStatus),
    }),
    verificationStep: t.field({
      type: VerificationStepEnum,
      nullable: true,
      resolve: (c) => c.progressStep as (typeof VERIFICATION_STEPS)[number] | null,
    }),
    keyHint: t.exposeString('keyHint', { description: 'First and last characters of the API key.' }),
    credentialVersion: t.exposeInt('credentialVersion'),
    hasCredentials: t.boolean({ resolve: (c) => c.credentials !== null }),
    permissions: t.field({ type: PermissionsRef, nullable: true, resolve: (c) => c.permissions ?? null }),
    exchangeAccountUid: t.exposeString('exchangeAccountUid', { nullable: true }),
    warnings: t.field({
      type: [ConnectionWarningRef],
      resolve: (c, _args, { em }) => connectionWarnings(em, c),
    }),
    balances: t.field({
      type: [BalanceRef],
      resolve: (c, _args, { em }) =>
        em.find(Balance, { connection: c.id }, { orderBy: { accountType: 'asc', asset: 'asc' } }),
    }),
    events: t.field({
      type: [ConnectionEventRef],
      description:
        'The audit trail, newest first: who (user or system), what, when. Page back with `before`: the id of the oldest event already shown.',
      args: {
        first: t.arg.int({ required: false, defaultValue: 50 }),
        before: t.arg.id({ required: false }),
      },
      resolve: (c, { first, before }, { em }) => {
        // ids are bigints: anything but digits is no cursor, and an empty page rather than an error
        const cursor = before != null && /^\d{1,18}$/.test(String(before)) ? String(before) : null;
        if (before != null && cursor === null) return [];
        return em.find(
          ConnectionEvent,
          { connection: c.id, ...(cursor ? { id: { $lt: cursor } } : {}) },
          { orderBy: { id: 'desc' }, limit: Math.min(Math.max(first ?? 50, 1), 200) },
        );
      },
    }),
    statusChangedAt: t.expose('statusChangedAt', { type: 'DateTime' }),
    lastVerifiedAt: t.expose('lastVerifiedAt', { type: 'DateTime', nullable: true }),
    lastSyncedAt: t.expose('lastSyncedAt', { type: 'DateTime', nullable: true }),
    retryAt: t.expose('retryAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When Keyport retries by itself.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
  }),
});
