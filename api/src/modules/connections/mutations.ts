import { builder } from '../../schema/builder';
import {
  DuplicateKeyError,
  DuplicateLabelError,
  MissingCredentialError,
  NotFoundError,
  SandboxUnavailableError,
  UnknownExchangeError,
  ValidationError,
} from '../../schema/errors';
import { AccountTypeEnum } from '../exchanges/types';
import {
  connectExchange,
  deleteConnection,
  refreshConnectionBalances,
  renameConnection,
  replaceCredentials,
  verifyAgain,
} from './connection.service';
import { ExchangeConnectionRef } from './types';

const CredentialsInput = builder.inputType('CredentialsInput', {
  description: 'Write-only. Surrounding whitespace is trimmed; fields the exchange does not use are ignored.',
  fields: (t) => ({
    apiKey: t.string({ required: false }),
    secret: t.string({ required: false }),
    password: t.string({ required: false, description: 'The passphrase, for exchanges that ask for one.' }),
    uid: t.string({ required: false }),
    login: t.string({ required: false }),
    privateKey: t.string({ required: false }),
    walletAddress: t.string({ required: false }),
    accountId: t.string({ required: false }),
  }),
});

const ConnectExchangeInput = builder.inputType('ConnectExchangeInput', {
  fields: (t) => ({
    exchangeId: t.string({ description: 'A ccxt exchange id from `exchanges`.' }),
    label: t.string({ description: 'Your name for this connection, unique among yours.' }),
    credentials: t.field({ type: CredentialsInput }),
    sandbox: t.boolean({
      required: false,
      defaultValue: false,
      description: 'Connect a testnet/demo account.',
    }),
    accountTypes: t.field({ type: [AccountTypeEnum], required: false }),
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
        ValidationError,
      ],
    },
    args: { input: t.arg({ type: ConnectExchangeInput }) },
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
    errors: { types: [NotFoundError, ValidationError] },
    args: { id: t.arg.id() },
    resolve: (_root, { id }, ctx) => verifyAgain(ctx, ctx.viewer!, String(id)),
  }),
  refreshBalances: t.field({
    type: ExchangeConnectionRef,
    description:
      'Reads a connected account’s balances again now (they are also refreshed every minute); `lastSyncedAt` and `portfolioUpdated` follow.',
    authScopes: { scope: 'connections:write' },
    errors: { types: [NotFoundError, ValidationError] },
    args: { id: t.arg.id() },
    resolve: (_root, { id }, ctx) => refreshConnectionBalances(ctx, ctx.viewer!, String(id)),
  }),
  renameExchangeConnection: t.field({
    type: ExchangeConnectionRef,
    authScopes: { scope: 'connections:write' },
    errors: { types: [NotFoundError, DuplicateLabelError, ValidationError] },
    args: { id: t.arg.id(), label: t.arg.string() },
    resolve: (_root, { id, label }, ctx) => renameConnection(ctx, ctx.viewer!, String(id), label),
  }),
  updateExchangeCredentials: t.field({
    type: ExchangeConnectionRef,
    description: 'Replaces the keys in place: history is kept, the new keys are verified.',
    authScopes: { scope: 'connections:write' },
    errors: { types: [NotFoundError, MissingCredentialError, DuplicateKeyError, ValidationError] },
    args: { id: t.arg.id(), credentials: t.arg({ type: CredentialsInput }) },
    resolve: (_root, { id, credentials }, ctx) =>
      replaceCredentials(ctx, ctx.viewer!, String(id), credentials),
  }),
  deleteExchangeConnection: t.field({
    type: ExchangeConnectionRef,
    description: 'Erases the stored keys and balances at once; the audit trail is kept.',
    authScopes: { scope: 'connections:write' },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id() },
    resolve: (_root, { id }, ctx) => deleteConnection(ctx, ctx.viewer!, String(id)),
  }),
}));
