import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ApiClient,
  CONNECT_MUTATION,
  CONNECTION_FIELDS,
  type ConnectionView,
  signedUpClient,
  waitForStatus,
} from './client';
import type { Stack } from './harness';
import { addBinanceAccount, addKrakenAccount, addOkxAccount } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started));

async function connected(label: string) {
  const keys = addBinanceAccount(stack.sim);
  const { connectExchange } = await api.ok<{ connectExchange: { data: ConnectionView } }>(CONNECT_MUTATION, {
    input: { exchangeId: 'binance', label, credentials: { apiKey: keys.apiKey, secret: keys.secret } },
  });
  await waitForStatus(api, connectExchange.data.id, (s) => s === 'CONNECTED');
  return { id: connectExchange.data.id, keys };
}

describe('a connection over its life', () => {
  it('detects a key revoked on the exchange as EXPIRED when tested again, with the remedy', async () => {
    const { id, keys } = await connected('Will be revoked');
    stack.sim.revokeKey(keys.apiKey);
    await api.ok(`mutation ($id: ID!) { verifyExchangeConnection(id: $id) { __typename } }`, { id });
    const connection = await waitForStatus(api, id, (s) => s === 'EXPIRED');
    expect(connection.statusReason?.code).toBe('KEY_EXPIRED');
    expect(connection.statusReason?.remedy).toMatch(/Replace keys/);
  });

  it('replaces keys in place: version bumped, history kept, verified again', async () => {
    const { id, keys } = await connected('Rotating');
    stack.sim.revokeKey(keys.apiKey);
    // a key found dead has nothing to keep (a working one stays until its replacement passes: key-replacement.test)
    await api.ok(`mutation ($id: ID!) { verifyExchangeConnection(id: $id) { __typename } }`, { id });
    await waitForStatus(api, id, (s) => s === 'EXPIRED');
    const fresh = addBinanceAccount(stack.sim, { SOL: { free: '3', locked: '0' } });
    const { updateExchangeCredentials } = await api.ok<{
      updateExchangeCredentials: { data: ConnectionView };
    }>(
      `mutation ($id: ID!, $c: CredentialsInput!) {
         updateExchangeCredentials(id: $id, credentials: $c) { ... on MutationUpdateExchangeCredentialsSuccess { data { ${CONNECTION_FIELDS} } } }
       }`,
      { id, c: { apiKey: fresh.apiKey, secret: fresh.secret } },
    );
    expect(updateExchangeCredentials.data).toMatchObject({ id, credentialVersion: 2, status: 'PENDING' });
    expect(updateExchangeCredentials.data.keyHint).toBe(
      `${fresh.apiKey.slice(0, 4)}…${fresh.apiKey.slice(-4)}`,
    );
    const connection = await waitForStatus(api, id, (s) => s === 'CONNECTED');
    expect(connection.balances.map((b) => b.asset)).toEqual(['SOL']);
    const kinds = connection.events.map((e) => e.kind).reverse();
    expect(kinds.slice(0, 1)).toEqual(['CREATED']);
    // a creation is no transition: nothing before it, PENDING after
    expect(connection.events.at(-1)).toMatchObject({ fromStatus: null, toStatus: 'PENDING' });
    expect(kinds).toContain('CREDENTIALS_REPLACED');
    expect(connection.events.filter((e) => e.toStatus === 'CONNECTED')).toHaveLength(2);
  });

  it('a demo key connected to the live exchange moves to the testnet in place, same keys, and connects', async () => {
    const keys = addOkxAccount(stack.sim);
    stack.sim.addAccount({
      exchange: 'okx',
      uid: `${keys.uid}9`,
      balances: { BTC: { free: '0.8', locked: '0' } },
      keys: [
        {
          apiKey: `${keys.apiKey}d`,
          secret: keys.secret,
          passphrase: keys.passphrase,
          permissions: { read: true },
          environment: 'demo',
        },
      ],
    });
    const demo = { apiKey: `${keys.apiKey}d`, secret: keys.secret, password: keys.passphrase };
    const { connectExchange } = await api.ok<{ connectExchange: { data: ConnectionView } }>(
      CONNECT_MUTATION,
      {
        input: { exchangeId: 'okx', label: 'Demo on live', credentials: demo },
      },
    );
    const id = connectExchange.data.id;
    const wrong = await waitForStatus(api, id, (s) => s === 'INVALID_CREDENTIALS');
    expect(wrong.statusReason?.code).toBe('WRONG_ENVIRONMENT');
    // the same key cannot be connected again: switching is the way out
    const SWITCH = `mutation ($id: ID!, $sandbox: Boolean!) { switchExchangeEnvironment(id: $id, sandbox: $sandbox) {
      __typename ... on Error { code } ... on MutationSwitchExchangeEnvironmentSuccess { data { sandbox status } } } }`;
    const switched = await api.ok<{
      switchExchangeEnvironment: { data: { sandbox: boolean; status: string } };
    }>(SWITCH, { id, sandbox: true });
    expect(switched.switchExchangeEnvironment.data).toEqual({ sandbox: true, status: 'PENDING' });
    const connection = await waitForStatus(api, id, (s) => s === 'CONNECTED');
    expect(connection.credentialVersion).toBe(1);
    expect(connection.balances).toContainEqual(expect.objectContaining({ asset: 'BTC', total: '0.8' }));
    const { exchangeConnection } = await api.ok<{ exchangeConnection: { events: { kind: string }[] } }>(
      'query ($id: ID!) { exchangeConnection(id: $id) { events { kind } } }',
      { id },
    );
    expect(exchangeConnection.events.map((e) => e.kind)).toContain('ENVIRONMENT_CHANGED');
    // a testnet where the exchange has none (Kraken) is a typed refusal, and changes nothing
    const krakenKeys = addKrakenAccount(stack.sim);
    const made = await api.ok<{ connectExchange: { data: ConnectionView } }>(CONNECT_MUTATION, {
      input: {
        exchangeId: 'kraken',
        label: 'No testnet here',
        credentials: { apiKey: krakenKeys.apiKey, secret: krakenKeys.secret },
      },
    });
    const krakenId = made.connectExchange.data.id;
    await waitForStatus(api, krakenId, (s) => s === 'CONNECTED');
    const refused = await api.ok<{ switchExchangeEnvironment: { code?: string } }>(SWITCH, {
      id: krakenId,
      sandbox: true,
    });
    expect(refused.switchExchangeEnvironment.code).toBe('SANDBOX_UNAVAILABLE');
    expect((await waitForStatus(api, krakenId, () => true)).status).toBe('CONNECTED');
  });

  it('renames, refusing a name already in use', async () => {
    const first = await connected('First');
    await connected('Second');
    const rename = (label: string) =>
      api.ok<{ renameExchangeConnection: { __typename: string; code?: string; data?: { label: string } } }>(
        `mutation ($id: ID!, $label: String!) { renameExchangeConnection(id: $id, label: $label) {
           __typename ... on Error { code } ... on MutationRenameExchangeConnectionSuccess { data { label } } } }`,
        { id: first.id, label },
      );
    expect((await rename('SECOND')).renameExchangeConnection).toMatchObject({ code: 'DUPLICATE_LABEL' });
    expect((await rename('  Trading  ')).renameExchangeConnection).toMatchObject({
      data: { label: 'Trading' },
    });
  });

  it('refuses the same API key pasted twice, as a connection or as replacement keys; not once it is deleted', async () => {
    const first = await connected('Key once');
    const connect = (client: ApiClient, label: string, apiKey = first.keys.apiKey) =>
      client.ok<{
        connectExchange: { __typename: string; code?: string; field?: string; data?: { id: string } };
      }>(CONNECT_MUTATION, {
        input: { exchangeId: 'binance', label, credentials: { apiKey: `  ${apiKey} `, secret: 'x' } },
      });
    const before = await stack.db.orm.em
      .fork()
      .getConnection()
      .execute('select id from exchange_connections');
    expect((await connect(api, 'Key twice')).connectExchange).toMatchObject({
      __typename: 'DuplicateKeyError',
      code: 'DUPLICATE_KEY',
      field: 'credentials.apiKey',
    });
    // nothing stored for the refused attempt
    expect(
      await stack.db.orm.em.fork().getConnection().execute('select id from exchange_connections'),
    ).toEqual(before);
    // replacing another connection's keys with it is refused too, and leaves that connection as it was
    const other = await connected('Other key');
    const replace = await api.ok<{ updateExchangeCredentials: { __typename: string; code?: string } }>(
      `mutation ($id: ID!, $c: CredentialsInput!) {
         updateExchangeCredentials(id: $id, credentials: $c) { __typename ... on Error { code } }
       }`,
      { id: other.id, c: { apiKey: first.keys.apiKey, secret: first.keys.secret } },
    );
    expect(replace.updateExchangeCredentials).toEqual({
      __typename: 'DuplicateKeyError',
      code: 'DUPLICATE_KEY',
    });
    const { exchangeConnection } = await api.ok<{ exchangeConnection: ConnectionView }>(
      `query ($id: ID!) { exchangeConnection(id: $id) { ${CONNECTION_FIELDS} } }`,
      { id: other.id },
    );
    expect(exchangeConnection).toMatchObject({ credentialVersion: 1, status: 'CONNECTED' });
    // another user may hold the same key (a shared desk), and once deleted the key is free again
    const stranger = await signedUpClient(stack.apiUrl);
    expect((await connect(stranger, 'Theirs')).connectExchange.__typename).toBe(
      'MutationConnectExchangeSuccess',
    );
    await api.ok('mutation ($id: ID!) { deleteExchangeConnection(id: $id) { __typename } }', {
      id: first.id,
    });
    expect((await connect(api, 'Key again')).connectExchange.__typename).toBe(
      'MutationConnectExchangeSuccess',
    );
  });

  it('tells keys apart on exchanges whose credentials have no public part (a private key or a secret alone)', async () => {
    const connect = (exchangeId: string, label: string, credentials: Record<string, string>) =>
      api.ok<{ connectExchange: { __typename: string; code?: string; field?: string } }>(CONNECT_MUTATION, {
        input: { exchangeId, label, credentials },
      });
    const key = () => `0x${randomBytes(32).toString('hex')}`;
    // aster signs with a private key only, blockchaincom with a secret only: two different keys are two accounts
    const first = key();
    expect((await connect('aster', 'Aster one', { privateKey: first })).connectExchange.__typename).toBe(
      'MutationConnectExchangeSuccess',
    );
    expect((await connect('aster', 'Aster two', { privateKey: key() })).connectExchange.__typename).toBe(
      'MutationConnectExchangeSuccess',
    );
    // the same private key pasted again is the same key, named by its own field
    expect(
      (await connect('aster', 'Aster again', { privateKey: ` ${first} ` })).connectExchange,
    ).toMatchObject({
      code: 'DUPLICATE_KEY',
      field: 'credentials.privateKey',
    });
    for (const label of ['Blockchain one', 'Blockchain two'])
      expect(
        (await connect('blockchaincom', label, { secret: randomBytes(24).toString('hex') })).connectExchange
          .__typename,
      ).toBe('MutationConnectExchangeSuccess');
    // what is stored identifies the key without being it
    const rows = await stack.db.orm.em
      .fork()
      .getConnection()
      .execute<{ key_fingerprint: string; key_hint: string }[]>(
        `select key_fingerprint, key_hint from exchange_connections where exchange_id = 'aster'`,
      );
    expect(new Set(rows.map((r) => r.key_fingerprint)).size).toBe(2);
    for (const row of rows) {
      expect(row.key_fingerprint).not.toContain(first.slice(2, 10));
      expect(first).not.toContain(row.key_hint.replace('…', '') || 'never');
    }
  });

  it('offers and accepts only the wallets it reads: no option wallet on Binance, no margin or main on KuCoin', async () => {
    const { binance, kucoin } = await api.ok<Record<string, { accountTypes: string[] }>>(
      '{ binance: exchange(id: "binance") { accountTypes } kucoin: exchange(id: "kucoin") { accountTypes } }',
    );
    expect(binance?.accountTypes).toEqual(['SPOT', 'MARGIN', 'SWAP', 'FUTURE', 'FUNDING']);
    expect(kucoin?.accountTypes).toEqual(['SPOT']);
    const refused = await api.ok<{ connectExchange: { __typename: string; code?: string; field?: string } }>(
      CONNECT_MUTATION,
      {
        input: {
          exchangeId: 'binance',
          label: 'Options',
          accountTypes: ['SPOT', 'OPTION'],
          credentials: { apiKey: `bn${randomBytes(16).toString('hex')}`, secret: 's' },
        },
      },
    );
    expect(refused.connectExchange).toMatchObject({ code: 'VALIDATION_FAILED', field: 'accountTypes' });
  });

  it('asks dydx for the wallet address its balance read needs, instead of failing after the connect', async () => {
    const connect = (credentials: Record<string, string>) =>
      api.ok<{ connectExchange: { __typename: string; code?: string; field?: string } }>(CONNECT_MUTATION, {
        input: { exchangeId: 'dydx', label: `dYdX ${randomBytes(2).toString('hex')}`, credentials },
      });
    const { exchange } = await api.ok<{ exchange: { requiredCredentials: { key: string }[] } }>(
      '{ exchange(id: "dydx") { requiredCredentials { key } } }',
    );
    expect(exchange.requiredCredentials.map((field) => field.key)).toEqual(['walletAddress']);
    expect((await connect({})).connectExchange).toMatchObject({ field: 'credentials.walletAddress' });
    expect(
      (await connect({ walletAddress: `0x${randomBytes(20).toString('hex')}` })).connectExchange.__typename,
    ).toBe('MutationConnectExchangeSuccess');
  });

  it('reads a key’s rights again once a day: withdrawals switched on later → refused, secret erased', async () => {
    const { id, keys } = await connected('Later unsafe');
    const refresh = () => api.ok('mutation ($id: ID!) { refreshBalances(id: $id) { __typename } }', { id });
    const probes = () =>
      stack.sim
        .requests()
        .filter((r) => r.apiKey === keys.apiKey && r.path === '/sapi/v1/account/apiRestrictions').length;
    stack.sim.setKeyPermissions(keys.apiKey, { withdraw: true });
    // checked less than a day ago: a refresh reads balances only
    const before = probes();
    await refresh();
    await expect
      .poll(() => stack.sim.requests().filter((r) => r.apiKey === keys.apiKey).length)
      .toBeGreaterThan(2);
    expect(probes()).toBe(before);
    expect((await waitForStatus(api, id, () => true)).status).toBe('CONNECTED');

    await stack.db.orm.em
      .fork()
      .getConnection()
      .execute(
        "update exchange_connections set last_verified_at = now() - interval '25 hours' where id = ?",
        [id],
      );
    await refresh();
    const refused = await waitForStatus(api, id, (s) => s === 'UNSAFE_PERMISSIONS');
    expect(refused.statusReason?.code).toBe('WITHDRAWALS_ENABLED');
    expect(refused.permissions).toMatchObject({ withdraw: true });
    const [row] = await stack.db.orm.em
      .fork()
      .getConnection()
      .execute('select credentials, credential_kid from exchange_connections where id = ?', [id]);
    expect(row).toEqual({ credentials: null, credential_kid: null });
  });

  it('pages back through the audit trail, newest first, with who did what', async () => {
    const { id } = await connected('Audited');
    for (const label of ['Audited 2', 'Audited 3']) {
      await api.ok(
        'mutation ($id: ID!, $label: String!) { renameExchangeConnection(id: $id, label: $label) { __typename } }',
        {
          id,
          label,
        },
      );
    }
    type Page = { exchangeConnection: { events: { id: string; kind: string; actorType: string }[] } };
    const page = (first: number, before?: string) =>
      api.ok<Page>(
        'query ($id: ID!, $first: Int, $before: ID) { exchangeConnection(id: $id) { events(first: $first, before: $before) { id kind actorType } } }',
        { id, first, before },
      );
    const all = (await page(50)).exchangeConnection.events;
    expect(all.slice(0, 2).map((e) => [e.kind, e.actorType])).toEqual([
      ['RENAMED', 'user'],
      ['RENAMED', 'user'],
    ]);
    expect(all.map((e) => e.actorType)).toContain('system'); // the worker's status changes
    const first = (await page(2)).exchangeConnection.events;
    const rest = (await page(50, first.at(-1)?.id)).exchangeConnection.events;
    expect([...first, ...rest]).toEqual(all);
    expect((await page(50, 'not-a-cursor')).exchangeConnection.events).toEqual([]);
  });

  it('deletes: ciphertext and balances erased at once, audit trail kept, gone from the list', async () => {
    const { id } = await connected('Short-lived');
    const { deleteExchangeConnection } = await api.ok<{ deleteExchangeConnection: { __typename: string } }>(
      `mutation ($id: ID!) { deleteExchangeConnection(id: $id) { __typename } }`,
      { id },
    );
    expect(deleteExchangeConnection.__typename).toBe('MutationDeleteExchangeConnectionSuccess');
    const sql = stack.db.orm.em.fork().getConnection();
    const [row] = await sql.execute(
      'select credentials, credential_kid, deleted_at from exchange_connections where id = ?',
      [id],
    );
    expect(row).toMatchObject({ credentials: null, credential_kid: null });
    expect(row?.deleted_at).not.toBeNull();
    expect(await sql.execute('select * from balances where connection_id = ?', [id])).toEqual([]);
    const events = await sql.execute<{ kind: string }[]>(
      'select kind from connection_events where connection_id = ? order by id',
      [id],
    );
    expect(events.map((e) => e.kind).at(-1)).toBe('DELETED');
    const list = await api.ok<{ exchangeConnections: { id: string }[] }>(`{ exchangeConnections { id } }`);
    expect(list.exchangeConnections.map((c) => c.id)).not.toContain(id);
  });

  it('signs out: the session token stops working', async () => {
    const user = await signedUpClient(stack.apiUrl);
    expect(await user.ok(`{ viewer { email } }`)).toMatchObject({
      viewer: { email: expect.stringContaining('@') },
    });
    await user.ok(`mutation { signOut }`);
    expect(await user.ok(`{ viewer { email } }`)).toEqual({ viewer: null });
  });

  it('signs in again with the right password only', async () => {
    const user = await signedUpClient(stack.apiUrl);
    const { viewer } = await user.ok<{ viewer: { email: string } }>(`{ viewer { email } }`);
    const signIn = `mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on Error { code } } }`;
    const fresh = new (await import('./client')).ApiClient(stack.apiUrl);
    expect(await fresh.ok(signIn, { e: viewer.email, p: 'wrong password!' })).toEqual({
      signIn: { __typename: 'InvalidLoginError', code: 'INVALID_LOGIN' },
    });
    expect(fresh.token).toBeNull();
    expect(
      await fresh.ok(signIn, { e: viewer.email.toUpperCase(), p: 'correct horse battery staple' }),
    ).toEqual({
      signIn: { __typename: 'MutationSignInSuccess' },
    });
    expect(fresh.token).not.toBeNull();
  });

  it('a deletion made while the worker is talking to the exchange wins over the late result', async () => {
    const keys = addBinanceAccount(stack.sim);
    stack.sim.addFault({ kind: 'latency', apiKey: keys.apiKey, delayMs: 1_200 });
    const { connectExchange } = await api.ok<{ connectExchange: { data: ConnectionView } }>(
      CONNECT_MUTATION,
      {
        input: {
          exchangeId: 'binance',
          label: 'Deleted mid-check',
          credentials: { apiKey: keys.apiKey, secret: keys.secret },
        },
      },
    );
    const id = connectExchange.data.id;
    await waitForStatus(api, id, (s) => s === 'VERIFYING');
    await api.ok(`mutation ($id: ID!) { deleteExchangeConnection(id: $id) { __typename } }`, { id });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const sql = stack.db.orm.em.fork().getConnection();
    const [row] = await sql.execute(
      'select status, credentials, deleted_at from exchange_connections where id = ?',
      [id],
    );
    expect(row).toMatchObject({ status: 'VERIFYING', credentials: null });
    expect(await sql.execute('select * from balances where connection_id = ?', [id])).toEqual([]);
  });
});
