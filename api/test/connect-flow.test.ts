import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ApiClient,
  CONNECT_MUTATION,
  CONNECTION_QUERY,
  type ConnectionView,
  waitForStatus,
} from './client';
import type { Stack } from './harness';
import { addBinanceAccount, addOkxAccount } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started));

const UPDATES = `subscription ($id: ID) { exchangeConnectionUpdated(id: $id) { id status verificationStep statusReason { code } } }`;
type Update = {
  exchangeConnectionUpdated: {
    id: string;
    status: string;
    verificationStep: string | null;
    statusReason: { code: string } | null;
  };
};

async function connect(input: Record<string, unknown>) {
  const { connectExchange } = await api.ok<{
    connectExchange: { __typename: string; data?: ConnectionView; code?: string };
  }>(CONNECT_MUTATION, { input });
  return connectExchange;
}

describe('connecting an exchange account through the GraphQL API', () => {
  it('verifies a Binance key live: VERIFYING then CONNECTED on the subscription, then the sim balances', async () => {
    const keys = addBinanceAccount(stack.sim);
    // exchange calls that take as long as real ones, so each step lasts long enough to be seen live
    // (a notice superseded before the subscriber reads the row collapses into the next one)
    stack.sim.addFault({ kind: 'latency', apiKey: keys.apiKey, delayMs: 150 });
    const listening = stack.listeners('connection-updated');
    const live = api.subscribe<Update>(UPDATES);
    await listening.added();

    const result = await connect({
      exchangeId: 'binance',
      label: 'Main Binance',
      // pasted with stray whitespace around, as people do
      credentials: { apiKey: `  ${keys.apiKey}\n`, secret: `\t${keys.secret} ` },
    });
    expect(result.__typename).toBe('MutationConnectExchangeSuccess');
    const id = result.data!.id;
    expect(result.data!.status).toBe('PENDING');
    expect(result.data!.keyHint).toBe(`${keys.apiKey.slice(0, 4)}…${keys.apiKey.slice(-4)}`);

    const events = await live.waitFor((all) =>
      all.some((e) => e.exchangeConnectionUpdated.status === 'CONNECTED'),
    );
    live.close();
    const statuses = events
      .filter((e) => e.exchangeConnectionUpdated.id === id)
      .map((e) => e.exchangeConnectionUpdated.status);
    expect(statuses.indexOf('VERIFYING')).toBeGreaterThanOrEqual(0);
    expect(statuses.indexOf('VERIFYING')).toBeLessThan(statuses.indexOf('CONNECTED'));
    const steps = events.map((e) => e.exchangeConnectionUpdated.verificationStep);
    expect(steps).toContain('CHECKING_CREDENTIALS');
    expect(steps).toContain('READING_PERMISSIONS');
    // steps only move forward
    const order = ['QUEUED', 'CHECKING_CREDENTIALS', 'READING_PERMISSIONS', 'LOADING_BALANCES', 'DONE'];
    const ranks = steps.map((step) => order.indexOf(step ?? ''));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe('DONE');

    const { exchangeConnection } = await api.ok<{ exchangeConnection: ConnectionView }>(CONNECTION_QUERY, {
      id,
    });
    expect(exchangeConnection.status).toBe('CONNECTED');
    expect(exchangeConnection.balances).toEqual([
      { accountType: 'spot', asset: 'BTC', free: '0.51', used: '0.01', total: '0.52' },
      { accountType: 'spot', asset: 'USDT', free: '1234.56', used: '0', total: '1234.56' },
    ]);
    expect(exchangeConnection.permissions).toMatchObject({ read: true, spotTrade: true, withdraw: false });
    expect(exchangeConnection.events.map((e) => e.toStatus).filter(Boolean)).toEqual([
      'CONNECTED',
      'VERIFYING',
      'PENDING',
    ]);
  });

  it('verifies an OKX key with its passphrase', async () => {
    const keys = addOkxAccount(stack.sim);
    const result = await connect({
      exchangeId: 'okx',
      label: 'OKX',
      credentials: { apiKey: keys.apiKey, secret: keys.secret, password: keys.passphrase },
    });
    const connection = await waitForStatus(api, result.data!.id, (s) => s === 'CONNECTED');
    expect(connection.balances.map((b) => [b.asset, b.total])).toEqual([
      ['ETH', '1.25'],
      ['USDT', '100.5'],
    ]);
    expect(connection.exchangeAccountUid).toBe(keys.uid);
  });

  it('reports a wrong Binance secret as invalid credentials, with an explanation and a remedy', async () => {
    const keys = addBinanceAccount(stack.sim);
    const result = await connect({
      exchangeId: 'binance',
      label: 'Wrong secret',
      credentials: { apiKey: keys.apiKey, secret: `${keys.secret}x` },
    });
    const connection = await waitForStatus(api, result.data!.id, (s) => s !== 'PENDING' && s !== 'VERIFYING');
    expect(connection.status).toBe('INVALID_CREDENTIALS');
    expect(connection.statusReason?.code).toBe('SIGNATURE_REJECTED');
    expect(connection.statusReason?.remedy).toMatch(/secret/i);
    expect(connection.statusReason?.retrying).toBe(false);
    // the remedy links to the Binance guide's checklist for a refused key
    expect(connection.statusReason?.guideSection).toBe('CHECKLIST');
  });

  it('says Binance’s -2015 is one answer for three causes and lists the checks, in English and French', async () => {
    // Binance answers an unknown key, a foreign IP and a missing right with the same -2015 and does not say which
    const result = await connect({
      exchangeId: 'binance',
      label: 'Unknown key',
      credentials: { apiKey: `unknown${randomBytes(8).toString('hex')}`, secret: 'not-a-real-secret' },
    });
    const connection = await waitForStatus(api, result.data!.id, (s) => s !== 'PENDING' && s !== 'VERIFYING');
    expect(connection.statusReason?.code).toBe('KEY_REJECTED');
    expect(connection.statusReason?.explanation).toMatch(/-2015.*three different problems/);
    expect(connection.statusReason?.remedy).toMatch(
      /in this order.*Restrict access to trusted IPs only.*Enable Reading/,
    );
    const { exchangeConnection } = await api.ok<{
      exchangeConnection: {
        statusExplanation: string;
        statusReason: { explanation: string; remedy: string };
      };
    }>(
      'query ($id: ID!) { exchangeConnection(id: $id) { statusExplanation(locale: FR) statusReason { explanation(locale: FR) remedy(locale: FR) } } }',
      { id: result.data!.id },
    );
    expect(exchangeConnection.statusReason.explanation).toMatch(/-2015.*trois problèmes/);
    expect(exchangeConnection.statusReason.remedy).toMatch(/dans cet ordre.*Activer la lecture/);
    expect(exchangeConnection.statusExplanation).toBe(exchangeConnection.statusReason.explanation);
  });

  it('reports a wrong OKX passphrase as invalid credentials', async () => {
    const keys = addOkxAccount(stack.sim);
    const result = await connect({
      exchangeId: 'okx',
      label: 'Wrong passphrase',
      credentials: { apiKey: keys.apiKey, secret: keys.secret, password: 'not-the-passphrase' },
    });
    const connection = await waitForStatus(api, result.data!.id, (s) => s !== 'PENDING' && s !== 'VERIFYING');
    expect(connection.status).toBe('INVALID_CREDENTIALS');
    expect(connection.statusReason?.code).toBe('PASSPHRASE_REJECTED');
    expect(connection.statusReason?.guideSection).toBe('EXTRA_FIELD');
  });

  it('refuses a key that can withdraw and erases its secret at once', async () => {
    const keys = addBinanceAccount(stack.sim, undefined, { read: true, spotTrade: true, withdraw: true });
    const result = await connect({
      exchangeId: 'binance',
      label: 'Withdrawals on',
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    });
    const connection = await waitForStatus(api, result.data!.id, (s) => s === 'UNSAFE_PERMISSIONS');
    expect(connection.hasCredentials).toBe(false);
    expect(connection.statusReason?.code).toBe('WITHDRAWALS_ENABLED');
    expect(connection.events.map((e) => e.kind)).toContain('SECRET_ERASED');
    const [row] = await stack.db.orm.em
      .fork()
      .getConnection()
      .execute('select credentials from exchange_connections where id = ?', [result.data!.id]);
    expect(row?.credentials).toBeNull();
  });

  it('refuses a read-only key for a connection made to trade, naming the missing right; a trading key passes', async () => {
    const readOnly = addBinanceAccount(stack.sim, undefined, { read: true });
    const refused = await connect({
      exchangeId: 'binance',
      label: 'Bot, read-only key',
      needsTrading: true,
      credentials: { apiKey: readOnly.apiKey, secret: readOnly.secret },
    });
    const denied = await waitForStatus(api, refused.data!.id, (s) => s !== 'PENDING' && s !== 'VERIFYING');
    expect([denied.status, denied.statusReason?.code]).toEqual(['PERMISSION_DENIED', 'TRADE_NOT_ALLOWED']);
    expect(denied.statusReason?.remedy).toMatch(/allow spot trading/);
    // the keys stay: allowing trading on the exchange and testing again is enough
    expect(denied.hasCredentials).toBe(true);

    const trader = addBinanceAccount(stack.sim, undefined, { read: true, spotTrade: true });
    const ok = await connect({
      exchangeId: 'binance',
      label: 'Bot, trading key',
      needsTrading: true,
      credentials: { apiKey: trader.apiKey, secret: trader.secret },
    });
    expect((await waitForStatus(api, ok.data!.id, (s) => s !== 'PENDING' && s !== 'VERIFYING')).status).toBe(
      'CONNECTED',
    );
    const { exchangeConnection } = await api.ok<{ exchangeConnection: { needsTrading: boolean } }>(
      'query ($id: ID!) { exchangeConnection(id: $id) { needsTrading } }',
      { id: ok.data!.id },
    );
    expect(exchangeConnection.needsTrading).toBe(true);
  });
});

describe('typed errors for bad input, and nothing stored', () => {
  const countConnections = async () =>
    Number(
      (await stack.db.orm.em.fork().getConnection().execute('select count(*) from exchange_connections'))[0]
        ?.count,
    );

  it('refuses an unknown exchange', async () => {
    const before = await countConnections();
    const result = await connect({
      exchangeId: 'nope',
      label: 'x',
      credentials: { apiKey: 'a', secret: 'b' },
    });
    expect(result).toMatchObject({ __typename: 'UnknownExchangeError', code: 'UNKNOWN_EXCHANGE' });
    expect(await countConnections()).toBe(before);
  });

  it('names the missing field, with the exchange’s own word for it', async () => {
    const result = await connect({
      exchangeId: 'okx',
      label: 'no pass',
      credentials: { apiKey: 'a', secret: 'b', password: '   ' },
    });
    expect(result).toMatchObject({
      __typename: 'MissingCredentialError',
      code: 'MISSING_CREDENTIAL',
      field: 'credentials.password',
    });
    expect((result as unknown as { message: string }).message).toMatch(/Passphrase/);
  });

  it('refuses a duplicate label, whatever its case', async () => {
    const keys = addBinanceAccount(stack.sim);
    await connect({
      exchangeId: 'binance',
      label: 'Savings',
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    });
    const before = await countConnections();
    const result = await connect({
      exchangeId: 'binance',
      label: ' savings ',
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    });
    expect(result).toMatchObject({
      __typename: 'DuplicateLabelError',
      code: 'DUPLICATE_LABEL',
      field: 'label',
    });
    expect(await countConnections()).toBe(before);
  });

  it('lets only one of two simultaneous connects with the same label through', async () => {
    const keys = addBinanceAccount(stack.sim);
    const before = await countConnections();
    const results = await Promise.all(
      ['Twin', 'TWIN', 'twin'].map((label) =>
        connect({ exchangeId: 'binance', label, credentials: { apiKey: keys.apiKey, secret: keys.secret } }),
      ),
    );
    const typenames = results.map((r) => (r as { __typename: string }).__typename).sort();
    expect(typenames).toEqual([
      'DuplicateLabelError',
      'DuplicateLabelError',
      'MutationConnectExchangeSuccess',
    ]);
    expect(await countConnections()).toBe(before + 1);
  });

  it('refuses a testnet connection on an exchange without a testnet', async () => {
    const result = await connect({
      exchangeId: 'kraken',
      label: 'k',
      sandbox: true,
      credentials: { apiKey: 'a', secret: 'b' },
    });
    expect(result).toMatchObject({ __typename: 'SandboxUnavailableError', code: 'SANDBOX_UNAVAILABLE' });
  });

  it('refuses an empty or overlong label', async () => {
    for (const label of ['   ', 'x'.repeat(65)]) {
      const result = await connect({
        exchangeId: 'binance',
        label,
        credentials: { apiKey: 'a', secret: 'b' },
      });
      expect(result).toMatchObject({
        __typename: 'ValidationError',
        code: 'VALIDATION_FAILED',
        field: 'label',
      });
    }
  });

  it('asks to sign in when there is no session', async () => {
    const { ApiClient } = await import('./client');
    const anonymous = new ApiClient(stack.apiUrl);
    const result = await anonymous.request(`{ exchangeConnections { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
