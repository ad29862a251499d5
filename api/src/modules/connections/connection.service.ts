import {
  ConnectionCapReachedError,
  duplicateOf,
  findConnectionById,
  insertConnection,
} from '@keyport/db/connection-rows';
import { Balance, ExchangeConnection, type IExchangeConnection } from '@keyport/db/entities';
import { plainRows, selectColumns } from '@keyport/db/plain-rows';
import { runPrepared } from '@keyport/db/prepared';
import { type Actor, type ConnectionChange, recordChange } from '@keyport/db/record-change';
import { stageKeys } from '@keyport/db/stage-keys-sql';
import { isUuid } from '@keyport/db/uuid';
import { connectionUpdated } from '@keyport/events/topics';
import { type CatalogueExchange, findExchange } from '@keyport/exchange/catalogue';
import { enqueueRefreshNow } from '@keyport/queue/refresh-balances';
import { enqueueVerification } from '@keyport/queue/verify-connection';
import { credentialFingerprint, fingerprintField, keyHint, sealCredentials } from '@keyport/vault/envelope';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { ApiDeps, Context, Viewer } from '../../context';
import {
  DuplicateKeyError,
  DuplicateLabelError,
  LimitReachedError,
  NotFoundError,
  SandboxUnavailableError,
  UnknownExchangeError,
  ValidationError,
} from '../../schema/errors';
import { type CredentialsInput, hintSource, normalizeCredentials } from './credentials-input';

type Em = Context['em'];

export interface ConnectInput {
  exchangeId: string;
  label: string;
  credentials: CredentialsInput;
  sandbox: boolean;
  accountTypes?: string[] | null;
  needsTrading?: boolean;
}

function normalizeLabel(label: string): string {
  const trimmed = label.trim().replace(/\s+/g, ' ');
  if (trimmed.length < 1 || trimmed.length > 64) {
    throw new ValidationError('Name the connection with 1 to 64 characters.', 'label');
  }
  return trimmed;
}

function requireExchange(exchangeId: string): CatalogueExchange {
  const exchange = findExchange(exchangeId.trim().toLowerCase());
  if (!exchange) throw new UnknownExchangeError(exchangeId.slice(0, 64));
  return exchange;
}

function normalizeAccountTypes(exchange: CatalogueExchange, requested?: string[] | null): string[] {
  if (!requested || requested.length === 0)
    return [exchange.accountTypes.includes('spot') ? 'spot' : (exchange.accountTypes[0] ?? 'spot')];
  const unsupported = requested.filter((type) => !(exchange.accountTypes as string[]).includes(type));
  if (unsupported.length > 0) {
    // the catalogue offers only the wallets Keyport reads (Exchange.accountTypes)
    throw new ValidationError(
      `Keyport does not read a ${unsupported.join(', ')} wallet on ${exchange.name}; it reads: ${exchange.accountTypes.join(', ')}.`,
      'accountTypes',
    );
  }
  return [...new Set(requested)];
}

async function assertLabelFree(em: Em, ownerId: string, label: string, exceptId?: string): Promise<void> {
  const clash = await em
    .getConnection()
    .execute<{ id: string }[]>(
      'select id from exchange_connections where owner_id = ? and lower(label) = lower(?) and deleted_at is null',
      [ownerId, label],
    );
  if (clash.some((row) => row.id !== exceptId)) throw new DuplicateLabelError(label);
}

async function flushMappingLabelClash(em: Em, label: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    // two concurrent requests can both pass the pre-check; the partial unique index decides
    if (error instanceof UniqueConstraintViolationException) throw new DuplicateLabelError(label);
    throw error;
  }
}

/** A unique index refusal as the typed error it means: same name, or the same key pasted again. */
function asDuplicate(error: unknown, label: string, credentials: Record<string, string>): unknown {
  if (!(error instanceof UniqueConstraintViolationException)) return error;
  if (duplicateOf(error) === 'key') return duplicateKey(credentials);
  return new DuplicateLabelError(label);
}

function duplicateKey(credentials: Record<string, string>): DuplicateKeyError {
  return new DuplicateKeyError(fingerprintField(credentials) ?? 'apiKey');
}

/** Refuses keys another live connection of the owner holds, or has staged, on the same exchange. */
async function assertKeyFree(
  em: Em,
  connection: IExchangeConnection,
  fingerprint: string | null,
  credentials: Record<string, string>,
): Promise<void> {
  if (fingerprint === null) return;
  const clash = await em.getConnection().execute<unknown[]>(
    `select 1 from exchange_connections where owner_id = ? and exchange_id = ? and deleted_at is null
       and id <> ? and (key_fingerprint = ? or staged_key_fingerprint = ?) limit 1`,
    [connection.owner, connection.exchangeId, connection.id, fingerprint, fingerprint],
  );
  if (clash.length > 0) throw duplicateKey(credentials);
}

/** Owned, live connection or NotFound: a foreign id behaves exactly like a missing one. */
export async function findOwnConnection(em: Em, viewer: Viewer, id: string): Promise<IExchangeConnection> {
  // by primary key, owner checked here: one index lookup however many connections the owner has
  const connection = await findConnectionById(em, id);
  if (!connection || connection.owner !== viewer.userId || connection.deletedAt) throw new NotFoundError();
  return connection;
}

/** Most connections one page returns. */
export const CONNECTIONS_PAGE_MAX = 200;

/**
 * A page of the owner's live connections, oldest first, after the connection `after` (its own, else an empty
 * page). Plain SQL: every third-party read starts here.
 */
export async function listOwnConnections(
  em: Em,
  viewer: Viewer,
  page: { first: number; after: string | null },
): Promise<IExchangeConnection[]> {
  if (page.after !== null && !isUuid(page.after)) return [];
  const { rows } = await runPrepared<Record<string, unknown>>(
    em,
    `select ${selectColumns(em, ExchangeConnection)} from exchange_connections where owner_id = ? and deleted_at is null
       ${page.after ? 'and (created_at, id) > (select created_at, id from exchange_connections where id = ? and owner_id = ?)' : ''}
     order by created_at, id limit ?`,
    [viewer.userId, ...(page.after ? [page.after, viewer.userId] : []), page.first],
  );
  return plainRows<IExchangeConnection>(em, ExchangeConnection, rows);
}

/** Queues verification, and tells the owner's live views; Redis being down only delays it (the reconciler enqueues). */
async function requestVerification(
  deps: ApiDeps,
  connection: IExchangeConnection,
  stagedSerial?: number,
): Promise<void> {
  try {
    await enqueueVerification(deps.verifyQueue, {
      connectionId: connection.id,
      credentialVersion: connection.credentialVersion,
      ...(stagedSerial ? { stagedSerial } : {}),
    });
  } catch (error) {
    deps.logger.warn(
      { connectionId: connection.id, err: (error as Error).message },
      'enqueue failed; reconciler will retry',
    );
  }
  await publishUpdate(deps, connection);
}

export async function publishUpdate(deps: ApiDeps, connection: IExchangeConnection): Promise<void> {
  try {
    deps.events.publish('connection-updated', connectionUpdated(connection));
  } catch (error) {
    deps.logger.warn({ connectionId: connection.id, err: (error as Error).message }, 'publish failed');
  }
}

const userActor = (viewer: Viewer): Actor => ({ type: 'user', id: viewer.userId });

export async function connectExchange(
  ctx: Context,
  viewer: Viewer,
  input: ConnectInput,
): Promise<IExchangeConnection> {
  const exchange = requireExchange(input.exchangeId);
  const label = normalizeLabel(input.label);
  if (input.sandbox && !exchange.hasTestnet) throw new SandboxUnavailableError(exchange.name);
  const accountTypes = normalizeAccountTypes(exchange, input.accountTypes);
  const credentials = normalizeCredentials(exchange, input.credentials);
  // no pre-check of the label: the partial unique index on (owner, lower(label)) answers in the insert itself

  const id = crypto.randomUUID();
  const envelope = sealCredentials(ctx.deps.keyring, credentials, {
    connectionId: id,
    ownerId: viewer.userId,
    version: 1,
  });
  // one statement for the row and its CREATED event: this runs for every key a user pastes
  const connection = await insertConnection(
    ctx.em,
    {
      id,
      owner: viewer.userId,
      exchangeId: exchange.id,
      label,
      sandbox: input.sandbox,
      accountTypes,
      needsTrading: input.needsTrading ?? false,
      keyHint: keyHint(hintSource(credentials)),
      keyFingerprint: credentialFingerprint(exchange.id, credentials),
      credentials: { ...envelope },
      credentialKid: envelope.kid,
    },
    userActor(viewer),
    { exchangeId: exchange.id, sandbox: input.sandbox },
    // every live connection is refreshed and re-checked in the background: one user may hold only so many
    ctx.deps.maxConnectionsPerUser,
  ).catch((error: unknown) => {
    if (error instanceof ConnectionCapReachedError)
      throw new LimitReachedError(
        `At most ${error.cap} exchange connections: delete one you no longer use first.`,
        error.cap,
      );
    throw asDuplicate(error, label, credentials);
  });
  await requestVerification(ctx.deps, connection);
  return connection;
}

/** Tests the stored keys again, the user's change (what made them ask) recorded with it. */
async function testStoredKeysAgain(
  ctx: Context,
  viewer: Viewer,
  connection: IExchangeConnection,
  change: Pick<ConnectionChange, 'kind' | 'detail'>,
): Promise<IExchangeConnection> {
  if (!connection.credentials) {
    throw new ValidationError('This connection has no keys any more: replace them first.', 'credentials');
  }
  connection.progressStep = 'QUEUED';
  connection.retryAt = null;
  recordChange(ctx.em, connection, { ...change, actor: userActor(viewer), status: 'PENDING' });
  await ctx.em.flush();
  await requestVerification(ctx.deps, connection);
  return connection;
}

export async function verifyAgain(ctx: Context, viewer: Viewer, id: string): Promise<IExchangeConnection> {
  const connection = await findOwnConnection(ctx.em, viewer, id);
  return testStoredKeysAgain(ctx, viewer, connection, { kind: 'VERIFICATION_REQUESTED' });
}

/**
 * Moves a connection between the live exchange and its testnet, keeping its keys, and tests them there: the
 * way out of WRONG_ENVIRONMENT without deleting the connection (the same key could not be connected twice).
 */
export async function switchEnvironment(
  ctx: Context,
  viewer: Viewer,
  id: string,
  sandbox: boolean,
): Promise<IExchangeConnection> {
  const connection = await findOwnConnection(ctx.em, viewer, id);
  const exchange = requireExchange(connection.exchangeId);
  if (sandbox && !exchange.hasTestnet) throw new SandboxUnavailableError(exchange.name);
  if (connection.sandbox === sandbox) return connection;
  // not flushed if there are no keys to test: the refusal changes nothing
  connection.sandbox = sandbox;
  // keys staged meanwhile are checked again in the new environment: the check under way no longer counts
  if (connection.stagedCredentials) connection.stagedSerial += 1;
  const switched = await testStoredKeysAgain(ctx, viewer, connection, {
    kind: 'ENVIRONMENT_CHANGED',
    detail: { sandbox },
  });
  if (switched.stagedCredentials) await requestVerification(ctx.deps, switched, switched.stagedSerial);
  return switched;
}

export async function renameConnection(
  ctx: Context,
  viewer: Viewer,
  id: string,
  newLabel: string,
): Promise<IExchangeConnection> {
  const connection = await findOwnConnection(ctx.em, viewer, id);
  const label = normalizeLabel(newLabel);
  if (label === connection.label) return connection;
  await assertLabelFree(ctx.em, viewer.userId, label, connection.id);
  const previous = connection.label;
  connection.label = label;
  recordChange(ctx.em, connection, {
    kind: 'RENAMED',
    actor: userActor(viewer),
    detail: { from: previous, to: label },
  });
  await flushMappingLabelClash(ctx.em, label);
  await publishUpdate(ctx.deps, connection);
  return connection;
}

export async function replaceCredentials(
  ctx: Context,
  viewer: Viewer,
  id: string,
  input: CredentialsInput,
): Promise<IExchangeConnection> {
  const connection = await findOwnConnection(ctx.em, viewer, id);
  const exchange = requireExchange(connection.exchangeId);
  const credentials = normalizeCredentials(exchange, input);
  const fingerprint = credentialFingerprint(exchange.id, credentials);
  // a working key is kept until its replacement (even a new secret for the same key) has passed its check
  if (connection.status === 'CONNECTED' && connection.credentials)
    return stageCredentials(ctx, viewer, connection, credentials, fingerprint);
  const version = connection.credentialVersion + 1;
  const envelope = sealCredentials(ctx.deps.keyring, credentials, {
    connectionId: connection.id,
    ownerId: viewer.userId,
    version,
  });
  connection.credentials = { ...envelope };
  connection.credentialVersion = version;
  connection.credentialKid = envelope.kid;
  connection.keyHint = keyHint(hintSource(credentials));
  connection.keyFingerprint = fingerprint;
  clearStaged(connection);
  connection.progressStep = 'QUEUED';
  connection.retryAt = null;
  recordChange(ctx.em, connection, {
    kind: 'CREDENTIALS_REPLACED',
    actor: userActor(viewer),
    status: 'PENDING',
    detail: { credentialVersion: version },
  });
  await ctx.em.flush().catch((error: unknown) => {
    throw asDuplicate(error, connection.label, credentials);
  });
  await requestVerification(ctx.deps, connection);
  return connection;
}

/**
 * Keeps new keys aside, sealed for the next key version, and queues their check; the working key carries on
 * until they pass (then they replace it) or are refused (then they are erased and the reason kept).
 */
async function stageCredentials(
  ctx: Context,
  viewer: Viewer,
  connection: IExchangeConnection,
  credentials: Record<string, string>,
  fingerprint: string | null,
): Promise<IExchangeConnection> {
  await assertKeyFree(ctx.em, connection, fingerprint, credentials);
  const envelope = sealCredentials(ctx.deps.keyring, credentials, {
    connectionId: connection.id,
    ownerId: viewer.userId,
    version: connection.credentialVersion + 1,
  });
  const keys = {
    credentials: { ...envelope },
    credentialKid: envelope.kid,
    keyHint: keyHint(hintSource(credentials)),
    keyFingerprint: fingerprint,
  };
  // conditional on the row as read: a deletion or new keys committed meanwhile are not written over
  const row = await stageKeys(ctx.em, connection, keys, viewer.userId);
  if (!row) {
    const now = await findConnectionById(ctx.em.fork(), connection.id);
    if (!now || now.deletedAt) throw new NotFoundError();
    throw new ValidationError(
      'The keys of this connection changed meanwhile: send the new keys again.',
      'id',
    );
  }
  const staged = ctx.em.fork().map(ExchangeConnection, row);
  await requestVerification(ctx.deps, staged, staged.stagedSerial);
  return staged;
}

/** Forgets staged keys (erasing their secret) and the last refusal of some. */
function clearStaged(connection: IExchangeConnection): void {
  connection.stagedCredentials = null;
  connection.stagedCredentialKid = null;
  connection.stagedKeyHint = null;
  connection.stagedKeyFingerprint = null;
  connection.stagedReasonCode = null;
  connection.stagedAt = null;
}

/** Erases the ciphertext and balances at once; the row and its audit trail stay. */
export async function deleteConnection(
  ctx: Context,
  viewer: Viewer,
  id: string,
): Promise<IExchangeConnection> {
  const connection = await findOwnConnection(ctx.em, viewer, id);
  connection.credentials = null;
  connection.credentialKid = null;
  clearStaged(connection);
  connection.deletedAt = new Date();
  connection.progressStep = null;
  connection.nextCheckAt = null;
  connection.retryAt = null;
  recordChange(ctx.em, connection, { kind: 'DELETED', actor: userActor(viewer) });
  await ctx.em.flush();
  await ctx.em.nativeDelete(Balance, { connection: connection.id });
  await publishUpdate(ctx.deps, connection);
  return connection;
}

/** Reads a connected account's balances again now, in the background; the portfolio follows live. */
export async function refreshConnectionBalances(
  ctx: Context,
  viewer: Viewer,
  id: string,
): Promise<IExchangeConnection> {
  const connection = await findOwnConnection(ctx.em, viewer, id);
  if (connection.status !== 'CONNECTED' || !connection.credentials) {
    throw new ValidationError('Only a connected account can be refreshed: test its keys again first.', 'id');
  }
  await enqueueRefreshNow(ctx.deps.refreshQueue, {
    connectionId: connection.id,
    credentialVersion: connection.credentialVersion,
  });
  return connection;
}
