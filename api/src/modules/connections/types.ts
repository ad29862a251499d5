import type { IBalance, IConnectionEvent, IExchangeConnection } from '@keyport/db/entities';
import { findExchange } from '@keyport/exchange/catalogue';
import { guideSectionFor } from '@keyport/exchange/guides';
import type { KeyPermissions } from '@keyport/exchange/permissions';
import {
  CONNECTION_STATUSES,
  type ConnectionStatus,
  isReasonCode,
  REASON_CODES,
  type ReasonCode,
  reasonSpec,
  VERIFICATION_STEPS,
  type VerificationStep,
} from '@keyport/exchange/status';
import { say } from '@keyport/messages/say';
import { builder } from '../../schema/builder';
import { trimDecimal } from '../../schema/decimal';
import { describedValues } from '../../schema/enum-values';
import { GuideLocaleEnum, GuideSectionEnum, TradeCheckModeEnum } from '../exchanges/guide';
import { AccountTypeEnum, ExchangeRef } from '../exchanges/types';
import { connectionLoaders } from './connection-loaders';
import { reasonExplanation, reasonRemedy, statusSentence, warningMessage } from './connection-texts';
import {
  type ConnectionWarning,
  connectionWarnings,
  EXPIRY_WARNING_DAYS,
  WARNING_CODES,
  type WarningCode,
} from './connection-warnings';

const STATUS_DESCRIPTIONS: Record<ConnectionStatus, string> = {
  PENDING: 'Waiting for its verification to start: just connected, keys replaced, or a test asked for.',
  VERIFYING: 'Being verified now; `verificationStep` says how far it has got.',
  CONNECTED: 'The key works, its permissions are acceptable and balances are loaded and kept fresh.',
  INVALID_CREDENTIALS: 'The exchange refused the credentials (key, secret, passphrase or environment).',
  PERMISSION_DENIED:
    'The key works but may not do what this connection needs (read, trade, an account type), or the account is suspended.',
  UNSAFE_PERMISSIONS: 'The key can withdraw funds: Keyport refused it and erased the stored keys.',
  IP_NOT_ALLOWED: 'The key is IP-restricted to addresses that leave out Keyport’s (see `egressIps`).',
  CLOCK_SKEW: 'The exchange refused the request time even after resynchronising; retried automatically.',
  RATE_LIMITED:
    'The exchange is limiting or has banned Keyport’s requests for a while; retried automatically.',
  EXCHANGE_UNAVAILABLE:
    'The exchange is down, in maintenance, unreachable or answering unexpectedly; retried automatically.',
  EXPIRED: 'The key worked before and is now refused (revoked, deleted or expired): replace the keys.',
  ERROR: 'Verification failed for another reason, given by `statusReason`.',
};

export const ConnectionStatusEnum = builder.enumType('ConnectionStatus', {
  description:
    'Where a connection’s verification stands; `statusReason` gives the precise cause of a failure.',
  values: describedValues(CONNECTION_STATUSES, STATUS_DESCRIPTIONS),
});
const ReasonCodeEnum = builder.enumType('StatusReasonCode', {
  description: 'The precise, stable cause behind a status.',
  // the explanation shown for each code is its description: one source for both
  values: describedValues(
    REASON_CODES,
    Object.fromEntries(
      REASON_CODES.map((code) => {
        const { status, retryable } = reasonSpec(code);
        const explanation = say('en', `reasons.${code}.explanation`, { exchange: 'other' });
        return [code, `${explanation} Status ${status}${retryable ? ', retried automatically' : ''}.`];
      }),
    ) as Record<ReasonCode, string>,
  ),
});

const STEP_DESCRIPTIONS: Record<VerificationStep, string> = {
  QUEUED: 'Waiting for a worker to pick the verification up.',
  CHECKING_CREDENTIALS: 'Asking the exchange whether it accepts the credentials.',
  READING_PERMISSIONS: 'Reading what the key may do from the exchange.',
  LOADING_BALANCES: 'Reading the balances of the chosen wallets.',
  DONE: 'The last verification has finished; `status` has its outcome.',
};
const VerificationStepEnum = builder.enumType('VerificationStep', {
  description: 'How far a verification has got, in the order the steps happen.',
  values: describedValues(VERIFICATION_STEPS, STEP_DESCRIPTIONS),
});

const WARNING_DESCRIPTIONS: Record<WarningCode, string> = {
  KEY_EXPIRES_SOON: `The key (or its trading right) expires within ${EXPIRY_WARNING_DAYS} days; \`detail\` is the number of days left.`,
  KEY_EXPIRY_PASSED:
    'The expiry the exchange gave for the key (or its trading right) has passed while it still reads; `detail` is that date (YYYY-MM-DD).',
  IP_UNRESTRICTED: 'The key works from any IP address: restrict it to Keyport’s `egressIps`.',
  WALLETS_UNREADABLE: 'The key may not read some of the chosen wallets; `detail` lists them.',
  SAME_ACCOUNT_AS_OTHER:
    'Another of your connections reads the same exchange account (the portfolio counts it once, from the connection read last); `detail` lists their labels.',
  ACCOUNT_CHANGED:
    'The replacement keys belong to another exchange account; `detail` is the old and the new account uid, comma-separated.',
  FUTURES_NOT_ENABLED: 'Futures wallets were chosen but the key may not use futures.',
  WITHDRAWALS_ENABLED:
    'The key can withdraw funds: switch that off on the exchange (only where the deployment accepts such keys).',
  WITHDRAWAL_RIGHTS_UNKNOWN:
    'The exchange does not tell whether the key can withdraw (`Exchange.support.withdrawalRights` is false, or its answer left it out): Keyport could not refuse such a key, so check on the exchange that withdrawals are off.',
};
const WarningCodeEnum = builder.enumType('ConnectionWarningCode', {
  description: 'The kind of a connection warning.',
  values: describedValues(WARNING_CODES, WARNING_DESCRIPTIONS),
});
/** The language of a text for people: the dashboard's languages, from the messages it renders too. */
const localeArgs = builder.args((t) => ({
  locale: t.field({
    type: GuideLocaleEnum,
    required: false,
    defaultValue: 'en',
    description: 'The language of the text.',
  }),
}));

const ConnectionWarningRef = builder.objectRef<ConnectionWarning>('ConnectionWarning').implement({
  description: 'Something that may break this connection soon, or that its owner should know.',
  fields: (t) => ({
    code: t.field({
      type: WarningCodeEnum,
      description: 'What the warning is about.',
      resolve: (w) => w.code,
    }),
    message: t.string({
      description: 'What is wrong and what to do, in a sentence for people.',
      args: localeArgs,
      resolve: (w, { locale }) => warningMessage(locale ?? 'en', w),
    }),
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
    code: t.field({ type: ReasonCodeEnum, description: 'The precise cause.', resolve: ({ code }) => code }),
    explanation: t.string({
      description: 'What happened, in a sentence for people.',
      args: localeArgs,
      resolve: ({ code, exchangeId }, { locale }) => reasonExplanation(locale ?? 'en', code, exchangeId),
    }),
    remedy: t.string({
      description: 'What to do, naming the exchange’s own switch where Keyport knows it.',
      args: localeArgs,
      resolve: ({ code, exchangeId }, { locale }) => reasonRemedy(locale ?? 'en', code, exchangeId),
    }),
    guideSection: t.field({
      type: GuideSectionEnum,
      nullable: true,
      description:
        'The part of the exchange’s guide (`Exchange.guide`) that helps with this; null when the key is not the problem or there is no guide.',
      resolve: ({ code, exchangeId }) => guideSectionFor(exchangeId, code),
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

const KEY_REPLACEMENT_STATES = ['CHECKING', 'REFUSED'] as const;
const KeyReplacementStateEnum = builder.enumType('KeyReplacementState', {
  description: 'Where keys sent to replace a working key stand.',
  values: describedValues(KEY_REPLACEMENT_STATES, {
    CHECKING: 'Being checked; the working key is used meanwhile.',
    REFUSED: 'Refused by their check and erased (`reason` says why); the working key is still in use.',
  }),
});

interface KeyReplacement {
  keyHint: string;
  state: (typeof KEY_REPLACEMENT_STATES)[number];
  reason: StatusReason | null;
  requestedAt: Date;
  retryAt: Date | null;
}

const KeyReplacementRef = builder.objectRef<KeyReplacement>('KeyReplacement').implement({
  description:
    'Keys sent with `updateExchangeCredentials` while the connection worked: kept aside until they pass their check, then they replace the working key (`credentialVersion` goes up).',
  fields: (t) => ({
    keyHint: t.exposeString('keyHint', { description: 'First and last characters of the new API key.' }),
    state: t.field({
      type: KeyReplacementStateEnum,
      description: 'Where they stand.',
      resolve: (r) => r.state,
    }),
    reason: t.field({
      type: StatusReasonRef,
      nullable: true,
      description: 'REFUSED: why, and what to do; null while CHECKING.',
      resolve: (r) => r.reason,
    }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime', description: 'When they were sent.' }),
    retryAt: t.expose('retryAt', {
      type: 'DateTime',
      nullable: true,
      description:
        'CHECKING: when the check is tried again, the exchange not having answered (down, limiting); null while it runs.',
    }),
  }),
});

function keyReplacementOf(c: IExchangeConnection): KeyReplacement | null {
  if (!c.stagedKeyHint || !c.stagedAt) return null;
  if (c.stagedCredentials)
    return {
      keyHint: c.stagedKeyHint,
      state: 'CHECKING',
      reason: null,
      requestedAt: c.stagedAt,
      retryAt: c.stagedRetryAt ?? null,
    };
  const code = isReasonCode(c.stagedReasonCode) ? c.stagedReasonCode : 'INTERNAL_ERROR';
  return {
    keyHint: c.stagedKeyHint,
    state: 'REFUSED',
    reason: { code, exchangeId: c.exchangeId, clockOffsetMs: null },
    requestedAt: c.stagedAt,
    retryAt: null,
  };
}

const PermissionsRef = builder.objectRef<KeyPermissions>('KeyPermissions').implement({
  description: 'What the key may do. Each value is null when the exchange does not report it (unknown).',
  fields: (t) => ({
    read: t.exposeBoolean('read', { nullable: true, description: 'May read balances and account data.' }),
    spotTrade: t.exposeBoolean('spotTrade', { nullable: true, description: 'May trade on the spot market.' }),
    margin: t.exposeBoolean('margin', { nullable: true, description: 'May trade on margin.' }),
    futures: t.exposeBoolean('futures', {
      nullable: true,
      description: 'May trade futures (perpetual or dated).',
    }),
    withdraw: t.exposeBoolean('withdraw', {
      nullable: true,
      description: 'May withdraw funds from the exchange.',
    }),
    internalTransfer: t.exposeBoolean('internalTransfer', {
      nullable: true,
      description: 'May move funds between the account’s own wallets or sub-accounts.',
    }),
    ipRestricted: t.exposeBoolean('ipRestricted', {
      nullable: true,
      description: 'Works only from the IP addresses on its whitelist.',
    }),
    allowedIps: t.exposeStringList('allowedIps', {
      nullable: true,
      description: 'The IP addresses the key is restricted to, where the exchange lists them.',
    }),
    expiresAt: t.exposeString('expiresAt', {
      nullable: true,
      description:
        'When the key (or its trading right) stops working, as an ISO-8601 string; null: no expiry reported.',
    }),
    accountKind: t.exposeString('accountKind', {
      nullable: true,
      description: 'Whether the key is of a `master` account or a `sub` account.',
    }),
  }),
});

const BalanceRef = builder.objectRef<IBalance>('Balance').implement({
  description: 'Holding of one asset in one wallet; amounts are exact decimal strings.',
  fields: (t) => ({
    accountType: t.exposeString('accountType', {
      description:
        'The wallet it is held in: a lowercase account type (`spot`, `funding`…), or `trading` for a unified trading account (OKX, Bybit).',
    }),
    asset: t.exposeString('asset', { description: 'The currency code, as ccxt names it (`BTC`, `USDT`).' }),
    free: t.string({
      description: 'The amount available, not tied up in orders or positions.',
      resolve: (b) => trimDecimal(b.free),
    }),
    used: t.string({
      description: 'The amount tied up in open orders or positions.',
      resolve: (b) => trimDecimal(b.used),
    }),
    total: t.string({
      description: 'The whole amount held, free and used, as the exchange reports it.',
      resolve: (b) => trimDecimal(b.total),
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'When this amount last changed; the connection’s lastSyncedAt says when it was last read.',
    }),
  }),
});

const ConnectionEventRef = builder.objectRef<IConnectionEvent>('ConnectionEvent').implement({
  description: 'One entry of the audit trail.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'Identifies the event; ids grow over time, so pass it as `before` to page back.',
    }),
    kind: t.exposeString('kind', {
      description:
        'What happened: CREATED, STATUS_CHANGED, RENAMED, CREDENTIALS_REPLACED, KEYS_STAGED (new keys for a working connection, kept aside until checked), REPLACEMENT_REFUSED (those keys failed their check: erased, `reasonCode` says why), VERIFICATION_REQUESTED, ENVIRONMENT_CHANGED (`detail.sandbox`), SECRET_ERASED or DELETED.',
    }),
    fromStatus: t.field({
      type: ConnectionStatusEnum,
      nullable: true,
      description: 'The status before the event; null when the event changed no status.',
      resolve: (e) => e.fromStatus as ConnectionStatus | null,
    }),
    toStatus: t.field({
      type: ConnectionStatusEnum,
      nullable: true,
      description: 'The status after the event; null when the event changed no status.',
      resolve: (e) => e.toStatus as ConnectionStatus | null,
    }),
    reasonCode: t.field({
      type: ReasonCodeEnum,
      nullable: true,
      description:
        'The connection’s reason code after the event (for REPLACEMENT_REFUSED: why the new keys were refused); null when it had none.',
      resolve: (e) => (isReasonCode(e.reasonCode) ? e.reasonCode : null),
    }),
    actorType: t.exposeString('actorType', {
      description: '`user` when the owner did it, `system` when Keyport’s workers did.',
    }),
    credentialVersion: t.exposeInt('credentialVersion', {
      description:
        'The version of the keys the connection held at the event (see `ExchangeConnection.credentialVersion`).',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it happened.' }),
  }),
});

export const ExchangeConnectionRef = builder.objectRef<IExchangeConnection>('ExchangeConnection').implement({
  description: 'An exchange account connected by API key. Secrets are write-only and never returned.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'Identifies the connection (a UUID) in queries, mutations and subscriptions.',
    }),
    exchangeId: t.exposeString('exchangeId', { description: 'The ccxt id of the exchange ("binance").' }),
    exchange: t.field({
      type: ExchangeRef,
      nullable: true,
      description: 'The exchange from the catalogue; null if Keyport no longer supports it.',
      resolve: (c) => findExchange(c.exchangeId) ?? null,
    }),
    label: t.exposeString('label', {
      description: 'The owner’s name for the connection, unique among their live connections, ignoring case.',
    }),
    sandbox: t.exposeBoolean('sandbox', { description: 'A testnet/demo account.' }),
    accountTypes: t.field({
      type: [AccountTypeEnum],
      description: 'The wallets Keyport reads on this account.',
      resolve: (c) => c.accountTypes as never[],
    }),
    needsTrading: t.exposeBoolean('needsTrading', {
      description: 'Connected for trading: the key must be allowed to trade.',
    }),
    status: t.field({
      type: ConnectionStatusEnum,
      description: 'Where verification stands.',
      resolve: (c) => c.status as ConnectionStatus,
    }),
    statusReason: t.field({
      type: StatusReasonRef,
      nullable: true,
      description:
        'The precise cause of the status and what to do; null when there is none (pending, verifying, connected).',
      resolve: (c) =>
        isReasonCode(c.reasonCode)
          ? { code: c.reasonCode, exchangeId: c.exchangeId, clockOffsetMs: c.clockOffsetMs ?? null }
          : null,
    }),
    statusExplanation: t.string({
      description:
        'The status in a sentence for people: the reason’s explanation, or the status’s own when there is no reason.',
      args: localeArgs,
      resolve: (c, { locale }) =>
        isReasonCode(c.reasonCode)
          ? reasonExplanation(locale ?? 'en', c.reasonCode, c.exchangeId)
          : statusSentence(locale ?? 'en', c.status as ConnectionStatus),
    }),
    verificationStep: t.field({
      type: VerificationStepEnum,
      nullable: true,
      description:
        'How far the current or last verification has got; null while waiting for an automatic retry, or once deleted.',
      resolve: (c) => c.progressStep as (typeof VERIFICATION_STEPS)[number] | null,
    }),
    keyHint: t.exposeString('keyHint', { description: 'First and last characters of the API key.' }),
    credentialVersion: t.exposeInt('credentialVersion', {
      description: 'Which keys the connection holds: 1 for the first, one more each time they are replaced.',
    }),
    version: t.exposeInt('revision', {
      description:
        'Grows with every change of the connection (status, step, keys, balances, name…), whoever made it: keep the highest seen per id and drop a live event or answer carrying a lower or equal one (a repeat, or older than what you hold).',
    }),
    keyReplacement: t.field({
      type: KeyReplacementRef,
      nullable: true,
      description:
        'New keys sent while the connection worked, being checked or refused; null when there are none (or once they replaced the key).',
      resolve: keyReplacementOf,
    }),
    hasCredentials: t.boolean({
      description:
        'Keys are stored; false once they were erased (deleted, or refused for allowing withdrawals).',
      resolve: (c) => c.credentials !== null,
    }),
    permissions: t.field({
      type: PermissionsRef,
      nullable: true,
      description: 'What the key may do, as last read from the exchange; null until it was read.',
      resolve: (c) => c.permissions ?? null,
    }),
    tradeCheck: t.field({
      type: TradeCheckModeEnum,
      nullable: true,
      description:
        'How the last verification knew whether the key may trade (`permissions.spotTrade`): VERIFIED by an order the exchange checked without executing it (connections made for trading, where the exchange offers that), REPORTED by its permission endpoint, UNKNOWN; null before the first verification.',
      resolve: (c) =>
        c.tradeCheck === 'verified' || c.tradeCheck === 'reported' || c.tradeCheck === 'unknown'
          ? c.tradeCheck
          : null,
    }),
    exchangeAccountUid: t.exposeString('exchangeAccountUid', {
      nullable: true,
      description: 'The account’s id on the exchange, where the exchange tells it; null otherwise.',
    }),
    warnings: t.field({
      type: [ConnectionWarningRef],
      description: 'What may break this connection soon or should be known; empty once its keys are gone.',
      resolve: (c, _args, { deps }) =>
        connectionWarnings(c, (id) => connectionLoaders(deps.orm).sameAccountLabels.load(id)),
    }),
    balances: t.field({
      type: [BalanceRef],
      description: 'The current holdings, by wallet then asset; empty once deleted.',
      resolve: (c, _args, { deps }) => connectionLoaders(deps.orm).balances.load(c.id),
    }),
    events: t.field({
      type: [ConnectionEventRef],
      description:
        'The audit trail, newest first: who (user or system), what, when. Page back with `before`: the id of the oldest event already shown.',
      args: {
        first: t.arg.int({
          required: false,
          defaultValue: 50,
          description: 'How many events to return, 1 to 200 (values outside are clamped).',
        }),
        before: t.arg.id({
          required: false,
          description: 'Only events older than the event with this id; omitted: from the newest.',
        }),
      },
      resolve: (c, { first, before }, { deps }) => {
        // ids are bigints: anything but digits is no cursor, and an empty page rather than an error
        const cursor = before != null && /^\d{1,18}$/.test(String(before)) ? String(before) : null;
        if (before != null && cursor === null) return [];
        return connectionLoaders(deps.orm).events.load({
          connectionId: c.id,
          first: Math.min(Math.max(first ?? 50, 1), 200),
          before: cursor,
        });
      },
    }),
    statusChangedAt: t.expose('statusChangedAt', {
      type: 'DateTime',
      description: 'When the status or its reason last changed.',
    }),
    lastVerifiedAt: t.expose('lastVerifiedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the key and its permissions were last read from the exchange; null: never.',
    }),
    lastSyncedAt: t.expose('lastSyncedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the balances were last read from the exchange; null: never.',
    }),
    retryAt: t.expose('retryAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When Keyport retries by itself.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the connection was made.' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'When anything stored about the connection last changed.',
    }),
    deletedAt: t.expose('deletedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was deleted; null while it is live. Deleted connections are no longer listed.',
    }),
  }),
});
