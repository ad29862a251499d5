// What could break a working connection is said on it, and arrives live with it.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { warningMessage } from '../src/modules/connections/connection-texts';
import { connectionWarnings } from '../src/modules/connections/connection-warnings';
import { type ApiClient, CONNECT_MUTATION, waitForStatus } from './client';
import type { Stack } from './harness';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started));

const DAY_MS = 24 * 60 * 60 * 1000;
const random = () => randomBytes(16).toString('hex');

interface Warning {
  code: string;
  detail: string | null;
  message: string;
}

function simAccount(
  keys: { allowedIps?: string[]; expiresAt?: number; futures?: boolean; createdAt?: number }[],
) {
  const uid = String(200_000_000 + Math.floor(Math.random() * 1e8));
  const made = keys.map((key) => ({
    apiKey: `bn${random()}`,
    secret: `bs${random()}`,
    allowedIps: key.allowedIps,
    expiresAt: key.expiresAt,
    createdAt: key.createdAt,
    permissions: { read: true, spotTrade: true, futures: key.futures ?? false },
  }));
  stack.sim.addAccount({
    exchange: 'binance',
    uid,
    balances: { BTC: { free: '1', locked: '0' } },
    wallets: { swap: { USDT: { free: '5', locked: '0' } } },
    keys: made,
  });
  return made;
}

async function connect(label: string, key: { apiKey: string; secret: string }, accountTypes = ['SPOT']) {
  const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(CONNECT_MUTATION, {
    input: {
      exchangeId: 'binance',
      label,
      accountTypes,
      credentials: { apiKey: key.apiKey, secret: key.secret },
    },
  });
  await waitForStatus(api, connectExchange.data.id, (s) => s === 'CONNECTED');
  return connectExchange.data.id;
}

async function warningsOf(id: string, locale: 'EN' | 'FR' = 'EN'): Promise<Warning[]> {
  const { exchangeConnection } = await api.ok<{ exchangeConnection: { warnings: Warning[] } }>(
    'query ($id: ID!, $locale: GuideLocale) { exchangeConnection(id: $id) { warnings { code detail message(locale: $locale) } } }',
    { id, locale },
  );
  return exchangeConnection.warnings;
}

async function rightsOf(id: string): Promise<{ read: boolean; spotTrade: boolean }> {
  const { exchangeConnection } = await api.ok<{
    exchangeConnection: { permissions: { read: boolean; spotTrade: boolean } };
  }>('query ($id: ID!) { exchangeConnection(id: $id) { permissions { read spotTrade } } }', { id });
  return exchangeConnection.permissions;
}

describe('connection warnings', () => {
  it('a key lapsing in 3 days and open to any IP: both said, and pushed live with the connection', async () => {
    const [key] = simAccount([{ expiresAt: Date.now() + 3 * DAY_MS - 60_000 }]);
    const listening = stack.listeners('connection-updated');
    const live = api.subscribe<{
      exchangeConnectionUpdated: { label: string; status: string; warnings: Warning[] };
    }>('subscription { exchangeConnectionUpdated { label status warnings { code detail } } }');
    await listening.added();
    const id = await connect('Lapsing', key!);
    const events = await live.waitFor((all) =>
      all.some(
        (e) =>
          e.exchangeConnectionUpdated.label === 'Lapsing' &&
          e.exchangeConnectionUpdated.status === 'CONNECTED',
      ),
    );
    live.close();
    const connected = events.find((e) => e.exchangeConnectionUpdated.status === 'CONNECTED');
    expect(connected?.exchangeConnectionUpdated.warnings).toEqual([
      { code: 'KEY_EXPIRES_SOON', detail: '3' },
      { code: 'IP_UNRESTRICTED', detail: null },
    ]);
    // Binance keys do not expire: what ends is the trading right of a key open to any IP, and on which day is said
    const lapsesOn = new Date(Date.now() + 3 * DAY_MS - 60_000).toISOString().slice(0, 10);
    expect((await warningsOf(id))[0]?.message).toContain(`trading right ends in 3 days, on ${lapsesOn}`);
  });

  it('an unrestricted key past its trading-right expiry: said as passed, with the date, not "in 0 days"', async () => {
    // Binance ends the trading right of an unrestricted key 90 days after it was made; reading goes on
    const createdAt = Date.now() - 100 * DAY_MS;
    const [key] = simAccount([{ createdAt }]);
    const id = await connect('Lapsed', key!);
    const warnings = await warningsOf(id);
    const lapsedOn = new Date(createdAt + 90 * DAY_MS).toISOString().slice(0, 10);
    expect(warnings.map((w) => [w.code, w.detail])).toEqual([
      ['KEY_EXPIRY_PASSED', lapsedOn],
      ['IP_UNRESTRICTED', null],
    ]);
    expect(warnings[0]?.message).toContain(`Binance ended this key’s trading right on ${lapsedOn}`);
    expect(warnings[1]?.message).toMatch(/Binance also ends/);
    // in the dashboard's other language, from the same messages
    const french = await warningsOf(id, 'FR');
    expect(french[0]?.message).toContain(`Binance a retiré le droit de trading de cette clé le ${lapsedOn}`);
    expect(french[1]?.message).toMatch(/Binance retire aussi/);
    // the exchange says so too: the key reads, and may no longer trade
    expect(await rightsOf(id)).toEqual({ read: true, spotTrade: false });
  });

  it('a trading right lapsing while connected: warned with its date before, read as gone after a re-check', async () => {
    const lapsesAt = Date.now() + 3_000;
    const [key] = simAccount([{ expiresAt: lapsesAt }]);
    const id = await connect('Lapsing soon', key!);
    expect(await rightsOf(id)).toEqual({ read: true, spotTrade: true });
    const before = (await warningsOf(id))[0];
    expect(before).toMatchObject({ code: 'KEY_EXPIRES_SOON', detail: '1' });
    expect(before?.message).toContain(new Date(lapsesAt).toISOString().slice(0, 10));

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lapsesAt - Date.now()) + 100));
    await api.ok('mutation ($id: ID!) { verifyExchangeConnection(id: $id) { __typename } }', { id });
    await expect
      .poll(async () => rightsOf(id), { timeout: 20_000, interval: 200 })
      .toEqual({ read: true, spotTrade: false });
    const after = await waitForStatus(api, id, (s) => s === 'CONNECTED');
    expect(after.balances.map((b) => b.asset)).toContain('BTC');
    expect((await warningsOf(id))[0]).toMatchObject({ code: 'KEY_EXPIRY_PASSED' });
    expect((await warningsOf(id))[0]?.message).toMatch(/Binance ended this key’s trading right/);
  });

  it('connects a key whose permission read was refused, saying its withdrawal rights are unknown', async () => {
    const [key] = simAccount([{ allowedIps: ['127.0.0.1'] }]);
    stack.sim.addFault({
      kind: 'html',
      status: 403,
      apiKey: key?.apiKey,
      path: '/sapi/v1/account/apiRestrictions',
    });
    const id = await connect('Undescribed', key!);
    expect((await warningsOf(id)).map((w) => w.code)).toEqual(['WITHDRAWAL_RIGHTS_UNKNOWN']);
  });

  it('says withdrawal rights are unknown where the exchange did not tell, and the catalogue says where that is', async () => {
    const unknown = {
      permissions: { withdraw: null, ipRestricted: null },
      accountTypes: [],
      credentials: {},
    };
    const warnings = await connectionWarnings(
      { ...unknown, id: 'a', exchangeId: 'bitstamp' } as never,
      async () => [],
    );
    expect(warnings.map((w) => w.code)).toEqual(['WITHDRAWAL_RIGHTS_UNKNOWN']);
    // a key the exchange has not been asked about yet (never verified) claims nothing
    expect(
      await connectionWarnings(
        { ...unknown, permissions: null, id: 'b', exchangeId: 'bitstamp' } as never,
        async () => [],
      ),
    ).toEqual([]);
    const { kraken, bitstamp } = await api.ok<Record<string, { support: Record<string, unknown> }>>(
      `{ kraken: exchange(id: "kraken") { support { permissions withdrawalRights ipRestriction keyExpiry tradeCheck prices guide proof } }
         bitstamp: exchange(id: "bitstamp") { support { permissions withdrawalRights ipRestriction keyExpiry tradeCheck prices guide proof } } }`,
    );
    expect(kraken?.support).toEqual({
      permissions: true,
      withdrawalRights: true,
      ipRestriction: 'ADDRESSES',
      keyExpiry: true,
      tradeCheck: true,
      prices: true,
      guide: true,
      proof: 'SIM',
    });
    expect(bitstamp?.support).toEqual({
      permissions: false,
      withdrawalRights: false,
      ipRestriction: 'UNKNOWN',
      keyExpiry: false,
      tradeCheck: false,
      prices: false,
      guide: false,
      proof: 'UNTESTED',
    });
  });

  it('names Binance’s rule on unrestricted keys only on Binance connections', async () => {
    const unrestricted = { permissions: { ipRestricted: false }, accountTypes: [], credentials: {} };
    const [okx] = await connectionWarnings(
      { ...unrestricted, id: 'a', exchangeId: 'okx' } as never,
      async () => [],
    );
    expect(okx).toMatchObject({ code: 'IP_UNRESTRICTED' });
    expect(warningMessage('en', okx!)).not.toMatch(/Binance/);
    const [binance] = await connectionWarnings(
      { ...unrestricted, id: 'b', exchangeId: 'binance' } as never,
      async () => [],
    );
    expect(warningMessage('en', binance!)).toMatch(/Binance also ends/);
    expect(warningMessage('fr', binance!)).toMatch(/Binance retire aussi/);
  });

  it('a key restricted to our IP with nothing lapsing soon has no warning', async () => {
    const [key] = simAccount([{ allowedIps: ['127.0.0.1'] }]);
    expect(await warningsOf(await connect('Tidy', key!))).toEqual([]);
  });

  it('futures asked of a key without futures: connected with the rest, futures flagged, the wallet named', async () => {
    const [key] = simAccount([{ allowedIps: ['127.0.0.1'], futures: false }]);
    const id = await connect('No futures', key!, ['SPOT', 'SWAP']);
    expect(await warningsOf(id)).toMatchObject([
      { code: 'FUTURES_NOT_ENABLED', detail: null },
      { code: 'WALLETS_UNREADABLE', detail: 'swap' },
    ]);
    const [withFutures] = simAccount([{ allowedIps: ['127.0.0.1'], futures: true }]);
    expect(await warningsOf(await connect('With futures', withFutures!, ['SPOT', 'SWAP']))).toEqual([]);
  });

  it('replacement keys of another exchange account are said to be so', async () => {
    const [oldKey] = simAccount([{ allowedIps: ['127.0.0.1'] }]);
    const [newKey] = simAccount([{ allowedIps: ['127.0.0.1'] }]);
    const id = await connect('Moved', oldKey!);
    expect(await warningsOf(id)).toEqual([]);
    await api.ok(
      'mutation ($id: ID!, $c: CredentialsInput!) { updateExchangeCredentials(id: $id, credentials: $c) { __typename } }',
      { id, c: { apiKey: newKey!.apiKey, secret: newKey!.secret } },
    );
    // a working connection keeps its key until the new one passed: wait for the swap (key version 2)
    const version = async () =>
      (
        await api.ok<{ exchangeConnection: { credentialVersion: number } }>(
          'query ($id: ID!) { exchangeConnection(id: $id) { credentialVersion } }',
          { id },
        )
      ).exchangeConnection.credentialVersion;
    await expect.poll(version, { timeout: 20_000 }).toBe(2);
    const { exchangeConnection } = await api.ok<{ exchangeConnection: { exchangeAccountUid: string } }>(
      'query ($id: ID!) { exchangeConnection(id: $id) { exchangeAccountUid } }',
      { id },
    );
    const [warning] = await warningsOf(id);
    expect(warning?.code).toBe('ACCOUNT_CHANGED');
    expect(warning?.detail?.split(',')).toHaveLength(2);
    expect(warning?.detail?.split(',')[1]).toBe(exchangeConnection.exchangeAccountUid);
    expect(warning?.detail?.split(',')[0]).not.toBe(exchangeConnection.exchangeAccountUid);
  });

  it('two connections to one exchange account name each other', async () => {
    const [first, second] = simAccount([{ allowedIps: ['127.0.0.1'] }, { allowedIps: ['127.0.0.1'] }]);
    const a = await connect('Desk A', first!);
    const b = await connect('Desk B', second!);
    expect(await warningsOf(a)).toMatchObject([{ code: 'SAME_ACCOUNT_AS_OTHER', detail: 'Desk B' }]);
    expect(await warningsOf(b)).toMatchObject([{ code: 'SAME_ACCOUNT_AS_OTHER', detail: 'Desk A' }]);
  });
});
