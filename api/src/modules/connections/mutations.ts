import { builder } from '../../schema/builder';
import { resultDescriptions } from '../../schema/error-types';
import {
  DuplicateKeyError,
  DuplicateLabelError,
  LimitReachedError,
  MissingCredentialError,
  NotFoundError,
  SandboxUnavailableError,
  UnknownExchangeError,
  ValidationError,
} from '../../schema/errors';
import { AccountTypeEnum, CREDENTIAL_DESCRIPTIONS } from '../exchanges/types';
import {
  connectExchange,
  deleteConnection,
  refreshConnectionBalances,
  renameConnection,
  replaceCredentials,
  switchEnvironment,
  verifyAgain,
} from './connection.service';
import { ExchangeConnectionRef } from './types';

const CredentialsInput = builder.inputType('CredentialsInput', {
  description: 'Write-only. Surrounding whitespace is trimmed; fields the exchange does not use are ignored.',
  fields: (t) => ({
    apiKey: t.string({ required: false, description: CREDENTIAL_DESCRIPTIONS.apiKey }),
    secret: t.string({ required: false, description: CREDENTIAL_DESCRIPTIONS.secret }),
    password: t.string({ required: false, description: CREDENTIAL_DESCRIPTIONS.password }),
    uid: t.string({ required: false, description: CREDENTIAL_DESCRIPTIONS.uid }),
    login: t.string({ required: false, description: CREDENTIAL_DESCRIPTIONS.login }),
    privateKey: t.string({ required: false, description: CREDENTIAL_DESCRIPTIONS.privateKey }),
    walletAddress: t.string({ required: false, description: CREDENTIAL_DESCRIPTIONS.walletAddress }),
    accountId: t.string({ required: false, description: CREDENTIAL_DESCRIPTIONS.accountId }),
  }),
});

const ConnectExchangeInput = builder.inputType('ConnectExchangeInput', {
  description: 'A new exchange connection: which exchange, its name, the keys, and what it is for.',
  fields: (t) => ({
    exchangeId: t.string({ description: 'A ccxt exchange id from `exchanges`.' }),
    label: t.string({ description: 'Your name for this connection, unique among yours.' }),
    credentials: t.field({
      type: CredentialsInput,
      description: 'The API key’s credentials: every field the exchange’s `requiredCredentials` lists.',
    }),
    sandbox: t.boolean({
      required: false,
      defaultValue: false,
      description: 'Connect a testnet/demo account.',
    }),
    accountTypes: t.field({
      type: [AccountTypeEnum],
      required: false,
      description:
        'The wallets to read, among the exchange’s `accountTypes`; omitted or empty: spot (or the exchange’s first).',
    }),
    needsTrading: t.boolean({
      required: false,
      defaultValue: false,
      description:
        'The connection is for trading (a bot): a key the exchange reports as unable to trade is refused (TRADE_NOT_ALLOWED).',
    }),
  }),
});

builder.mutationFields((t) => ({
  connectExchange: t.field({
    type: ExchangeConnectionRef,
    description: 'Stores the credentials encrypted and starts verifying them in the background.',
    authScopes: { scope: 'connections:write' },
    errors: {
      types: [
        UnknownExchangeError,
        MissingCredentialError,
        DuplicateLabelError,
        DuplicateKeyError,
        SandboxUnavailableError,
        LimitReachedError,
        ValidationError,
      ],
      ...resultDescriptions(
        'connectExchange',
        'The new connection, PENDING: follow its verification with `exchangeConnectionUpdated`.',
      ),
    },
    args: { input: t.arg({ type: ConnectExchangeInput, description: 'The connection to make.' }) },
    resolve: (_root, { input }, ctx) =>
      connectExchange(ctx, ctx.viewer!, {
        exchangeId: input.exchangeId,
        label: input.label,
        credentials: input.credentials,
        sandbox: input.sandbox ?? false,
        accountTypes: input.accountTypes,
        needsTrading: input.needsTrading ?? false,
      }),
  }),
  verifyExchangeConnection: t.field({
    type: ExchangeConnectionRef,
    description: 'Tests the stored keys again.',
    authScopes: { scope: 'connections:write' },
    errors: {
      types: [NotFoundError, ValidationError],
      ...resultDescriptions('verifyExchangeConnection', 'The connection, its verification queued.'),
    },
    args: { id: t.arg.id({ description: 'The `id` of one of your connections.' }) },
    resolve: (_root, { id }, ctx) => verifyAgain(ctx, ctx.viewer!, String(id)),
  }),
  switchExchangeEnvironment: t.field({
    type: ExchangeConnectionRef,
    description:
      'Moves a connection to the exchange’s testnet (`sandbox: true`) or back to the live exchange, keeping its keys, and tests them there: the fix for `WRONG_ENVIRONMENT`. The same setting again changes nothing.',
    authScopes: { scope: 'connections:write' },
    errors: {
      types: [NotFoundError, SandboxUnavailableError, ValidationError],
      ...resultDescriptions('switchExchangeEnvironment', 'The connection, its verification queued.'),
    },
    args: {
      id: t.arg.id({ description: 'The `id` of one of your connections.' }),
      sandbox: t.arg.boolean({
        description: 'True: the exchange’s testnet or demo; false: the live exchange.',
      }),
    },
    resolve: (_root, { id, sandbox }, ctx) => switchEnvironment(ctx, ctx.viewer!, String(id), sandbox),
  }),
  refreshBalances: t.field({
    type: ExchangeConnectionRef,
    description:
      'Reads a connected account’s balances again now (they are also refreshed every minute); `lastSyncedAt` and `portfolioUpdated` follow.',
    authScopes: { scope: 'connections:write' },
    errors: {
      types: [NotFoundError, ValidationError],
      ...resultDescriptions('refreshBalances', 'The connection, its balance refresh queued.'),
    },
    args: { id: t.arg.id({ description: 'The `id` of one of your connections.' }) },
    resolve: (_root, { id }, ctx) => refreshConnectionBalances(ctx, ctx.viewer!, String(id)),
  }),
  renameExchangeConnection: t.field({
    type: ExchangeConnectionRef,
    description: 'Gives a connection a new label; the audit trail records the old and new one.',
    authScopes: { scope: 'connections:write' },
    errors: {
      types: [NotFoundError, DuplicateLabelError, ValidationError],
      ...resultDescriptions('renameExchangeConnection', 'The connection, renamed.'),
    },
    args: {
      id: t.arg.id({ description: 'The `id` of one of your connections.' }),
      label: t.arg.string({
        description:
          'The new name: 1 to 64 characters once spaces are trimmed, unique among yours ignoring case.',
      }),
    },
    resolve: (_root, { id, label }, ctx) => renameConnection(ctx, ctx.viewer!, String(id), label),
  }),
  updateExchangeCredentials: t.field({
    type: ExchangeConnectionRef,
    description:
      'Replaces the keys in place, history kept. On a CONNECTED connection the new keys are checked aside first (`keyReplacement`) and replace the working key only once they pass; otherwise they replace it at once and are verified.',
    authScopes: { scope: 'connections:write' },
    errors: {
      types: [NotFoundError, MissingCredentialError, DuplicateKeyError, ValidationError],
      ...resultDescriptions(
        'updateExchangeCredentials',
        'The connection with its new keys, their verification queued.',
      ),
    },
    args: {
      id: t.arg.id({ description: 'The `id` of one of your connections.' }),
      credentials: t.arg({
        type: CredentialsInput,
        description: 'The new keys, for the same exchange: every field its `requiredCredentials` lists.',
      }),
    },
    resolve: (_root, { id, credentials }, ctx) =>
      replaceCredentials(ctx, ctx.viewer!, String(id), credentials),
  }),
  deleteExchangeConnection: t.field({
    type: ExchangeConnectionRef,
    description: 'Erases the stored keys and balances at once; the audit trail is kept.',
    authScopes: { scope: 'connections:write' },
    errors: {
      types: [NotFoundError],
      ...resultDescriptions('deleteExchangeConnection', 'The connection as deleted, with `deletedAt` set.'),
    },
    args: { id: t.arg.id({ description: 'The `id` of one of your connections.' }) },
    resolve: (_root, { id }, ctx) => deleteConnection(ctx, ctx.viewer!, String(id)),
  }),
}));
