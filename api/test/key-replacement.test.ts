// New keys for a working connection are checked before they replace it: a mistyped or unsafe replacement
// leaves the working key in use, a good one takes over in place.
import { describe, expect, it } from 'vitest';
import {
  type ApiClient,
  CONNECT_MUTATION,
  CONNECTION_FIELDS,
  CONNECTION_QUERY,
  type ConnectionView,
  waitForStatus,
} from './client';
import type { Stack } from './harness';
import { addBinanceAccount, type SimKeys } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started));

const REPLACE = `mutation ($id: ID!, $c: CredentialsInput!) {
  updateExchangeCredentials(id: $id, credentials: $c) {
    __typename
    ... on MutationUpdateExchangeCredentialsSuccess { data { ${CONNECTION_FIELDS} } }
    ... on Error { code field }
  }
}`;

async function replace(id: string, credentials: { apiKey: string; secret: string }) {
  const { updateExchangeCredentials } = await api.ok<{
    updateExchangeCredentials: { __typename: string; data?: ConnectionView; code?: string; field?: string };
  }>(REPLACE, { id, c: credentials });
  return updateExchangeCredentials;
}

async function connected(label: string, keys: SimKeys): Promise<ConnectionView> {
  const { connectExchange } = await api.ok<{ connectExchange: { data: ConnectionView } }>(CONNECT_MUTATION, {
    input: { exchangeId: 'binance', label, credentials: { apiKey: keys.apiKey, secret: keys.secret } },
  });
  return waitForStatus(api, connectExchange.data.id, (s) => s === 'CONNECTED');
}

async function read(id: string): Promise<ConnectionView> {
  return (await api.ok<{ exchangeConnection: ConnectionView }>(CONNECTION_QUERY, { id })).exchangeConnection;
}

async function stagedColumns(id: string) {
  const [row] = await stack.db.orm.em
    .fork()
    .getConnection()
    .execute<{ staged_credentials: unknown; staged_key_hint: string | null; credential_version: number }[]>(
      'select staged_credentials, staged_key_hint, credential_version from exchange_connections where id = ?',
      [id],
    );
  return row;
}

const hint = (apiKey: string) => `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`;

describe('replacing the keys of a working connection', () => {
  it('keeps the working key when the new one is refused: still CONNECTED, the refusal and its remedy shown', async () => {
    const keys = addBinanceAccount(stack.sim);
    const before = await connected('Kept on a typo', keys);
    // the same key with a mistyped secret: a working connection has nothing to gain from it
    const typo = { apiKey: keys.apiKey, secret: `${keys.secret}x` };

    const staged = await replace(before.id, typo);
    expect(staged.data).toMatchObject({
      status: 'CONNECTED',
      credentialVersion: 1,
      keyHint: before.keyHint,
      keyReplacement: { keyHint: hint(typo.apiKey), state: 'CHECKING', reason: null },
    });

    await expect
      .poll(async () => (await read(before.id)).keyReplacement?.state, { timeout: 20_000 })
      .toBe('REFUSED');
    const after = await read(before.id);
    expect(after).toMatchObject({
      status: 'CONNECTED',
      credentialVersion: 1,
      keyHint: before.keyHint,
      hasCredentials: true,
    });
    expect(after.keyReplacement?.reason?.code).toBe('SIGNATURE_REJECTED');
    expect(after.keyReplacement?.reason?.remedy).toBeTruthy();
    expect(after.balances).toEqual(before.balances);
    expect(after.events.slice(0, 2).map((e) => [e.kind, e.reasonCode])).toEqual([
      ['REPLACEMENT_REFUSED', 'SIGNATURE_REJECTED'],
      ['KEYS_STAGED', null],
    ]);
    // the refused secret is erased; the working key still reads the account
    expect(await stagedColumns(before.id)).toMatchObject({ staged_credentials: null, credential_version: 1 });
    await refreshedWith(before.id, keys.apiKey);
  });

  it('swaps in a new key that passes: version 2, its hint, balances read with it, the old key no longer used', async () => {
    const old = addBinanceAccount(stack.sim, { BTC: { free: '1', locked: '0' } });
    const before = await connected('Rotated in place', old);
    const fresh = addBinanceAccount(stack.sim, { ETH: { free: '4', locked: '0' } });

    const staged = await replace(before.id, { apiKey: fresh.apiKey, secret: fresh.secret });
    expect(staged.data?.keyReplacement?.state).toBe('CHECKING');
    await expect.poll(async () => (await read(before.id)).credentialVersion, { timeout: 20_000 }).toBe(2);

    const after = await read(before.id);
    expect(after).toMatchObject({
      status: 'CONNECTED',
      keyHint: hint(fresh.apiKey),
      keyReplacement: null,
      exchangeAccountUid: fresh.uid,
    });
    expect(after.balances.map((b) => [b.asset, b.total])).toEqual([['ETH', '4']]);
    expect(after.events.slice(0, 2).map((e) => e.kind)).toEqual(['CREDENTIALS_REPLACED', 'KEYS_STAGED']);
    expect(await stagedColumns(before.id)).toMatchObject({ staged_credentials: null, staged_key_hint: null });

    const refresh = await refreshedWith(before.id, fresh.apiKey);
    expect(refresh.filter((r) => r.apiKey === old.apiKey)).toEqual([]);

    // the swapped-in key worked: revoked later, it is told apart from a mistyped one
    stack.sim.revokeKey(fresh.apiKey);
    await api.ok('mutation ($id: ID!) { verifyExchangeConnection(id: $id) { __typename } }', {
      id: before.id,
    });
    expect((await waitForStatus(api, before.id, (s) => s === 'EXPIRED')).statusReason?.code).toBe(
      'KEY_EXPIRED',
    );
  });

  it('refuses a key another connection holds before staging it, and replaces a broken connection’s key at once', async () => {
    const first = addBinanceAccount(stack.sim);
    const second = addBinanceAccount(stack.sim);
    const a = await connected('Holder', first);
    const b = await connected('Other', second);
    expect(await replace(b.id, { apiKey: first.apiKey, secret: first.secret })).toMatchObject({
      __typename: 'DuplicateKeyError',
      field: 'credentials.apiKey',
    });
    expect((await read(b.id)).keyReplacement).toBeNull();

    // a connection whose key no longer works has nothing to keep: the new key takes its place straight away
    stack.sim.revokeKey(second.apiKey);
    await api.ok('mutation ($id: ID!) { verifyExchangeConnection(id: $id) { __typename } }', { id: b.id });
    await waitForStatus(api, b.id, (s) => s === 'EXPIRED');
    const fresh = addBinanceAccount(stack.sim);
    const replaced = await replace(b.id, { apiKey: fresh.apiKey, secret: fresh.secret });
    expect(replaced.data).toMatchObject({ status: 'PENDING', credentialVersion: 2, keyReplacement: null });
    await waitForStatus(api, b.id, (s) => s === 'CONNECTED');
    expect((await read(a.id)).credentialVersion).toBe(1);
  });

  it('erases a staged key that can withdraw and keeps the working one', async () => {
    const keys = addBinanceAccount(stack.sim);
    const before = await connected('Kept on an unsafe key', keys);
    const unsafe = addBinanceAccount(stack.sim, undefined, { read: true, spotTrade: true, withdraw: true });
    await replace(before.id, { apiKey: unsafe.apiKey, secret: unsafe.secret });
    await expect
      .poll(async () => (await read(before.id)).keyReplacement?.state, { timeout: 20_000 })
      .toBe('REFUSED');
    const after = await read(before.id);
    expect(after).toMatchObject({ status: 'CONNECTED', credentialVersion: 1, hasCredentials: true });
    expect(after.keyReplacement?.reason?.code).toBe('WITHDRAWALS_ENABLED');
    expect((await stagedColumns(before.id))?.staged_credentials).toBeNull();
  });

  it('checks staged keys lost with Redis: the reconciler queues them again from the database', async () => {
    const keys = addBinanceAccount(stack.sim);
    const before = await connected('Staged, then Redis lost', keys);
    await stack.workers?.close();
    stack.workers = null;
    const fresh = addBinanceAccount(stack.sim);
    await replace(before.id, { apiKey: fresh.apiKey, secret: fresh.secret });
    await stack.jobsDeps.verifyQueue.obliterate({ force: true });
    stack.startWorker();
    await expect.poll(async () => (await read(before.id)).credentialVersion, { timeout: 20_000 }).toBe(2);
    expect((await read(before.id)).keyHint).toBe(hint(fresh.apiKey));
  });

  it('keeps new keys the exchange could not check (down): checked again later, then swapped in', async () => {
    const before = await connected('Exchange down meanwhile', addBinanceAccount(stack.sim));
    const fresh = addBinanceAccount(stack.sim, { ETH: { free: '2', locked: '0' } });
    stack.sim.addFault({ kind: 'server-error', apiKey: fresh.apiKey, status: 503, times: 1_000 });
    await replace(before.id, { apiKey: fresh.apiKey, secret: fresh.secret });
    // every attempt answered 503: nothing is known against the keys, so they stay, with a time to try again
    await expect
      .poll(async () => (await keyReplacementOf(before.id))?.retryAt ?? null, { timeout: 30_000 })
      .not.toBeNull();
    expect(await keyReplacementOf(before.id)).toMatchObject({ state: 'CHECKING' });
    expect((await stagedColumns(before.id))?.staged_credentials).not.toBeNull();
    expect(await read(before.id)).toMatchObject({ status: 'CONNECTED', credentialVersion: 1 });

    // the exchange is back and the time has come: the reconciler queues the check again
    stack.sim.clearFaults();
    await stack.db.orm.em
      .fork()
      .getConnection()
      .execute('update exchange_connections set staged_retry_at = now() where id = ?', [before.id]);
    await expect.poll(async () => (await read(before.id)).credentialVersion, { timeout: 20_000 }).toBe(2);
    expect((await read(before.id)).balances.map((b) => b.asset)).toEqual(['ETH']);
  }, 60_000);

  it('frees a refused key at once: another working connection may then take it', async () => {
    const a = await connected('Refused it', addBinanceAccount(stack.sim));
    const b = await connected('Takes it', addBinanceAccount(stack.sim));
    const key = addBinanceAccount(stack.sim);
    await replace(a.id, { apiKey: key.apiKey, secret: `${key.secret}x` });
    await expect
      .poll(async () => (await read(a.id)).keyReplacement?.state, { timeout: 20_000 })
      .toBe('REFUSED');
    const taken = await replace(b.id, { apiKey: key.apiKey, secret: key.secret });
    expect(taken.data?.keyReplacement?.state).toBe('CHECKING');
    await expect.poll(async () => (await read(b.id)).credentialVersion, { timeout: 20_000 }).toBe(2);
  });
});

async function keyReplacementOf(id: string) {
  const { exchangeConnection } = await api.ok<{
    exchangeConnection: { keyReplacement: { state: string; retryAt: string | null } | null };
  }>('query ($id: ID!) { exchangeConnection(id: $id) { keyReplacement { state retryAt } } }', { id });
  return exchangeConnection.keyReplacement;
}

/** Refreshes the connection's balances; the exchange requests since, once one signed with `apiKey` came. */
async function refreshedWith(id: string, apiKey: string) {
  const sent = stack.sim.requests().length;
  await api.ok('mutation ($id: ID!) { refreshBalances(id: $id) { __typename } }', { id });
  const since = () => stack.sim.requests().slice(sent);
  await expect.poll(() => since().some((r) => r.apiKey === apiKey && r.verdict === 'ok')).toBe(true);
  return since();
}
