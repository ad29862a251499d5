// The siblings of the sim's venues (Binance's futures clients, OKX's regional hosts, Bybit EU) speak the venue's
// API with its keys: their keys' rights are read, and a key that can withdraw is refused, end to end.
import { randomBytes } from 'node:crypto';
import { exchangeSupport, SIM_EXCHANGES } from '@keyport/exchange/exchange-support';
import { simUrlOverrides } from '@keyport/exchange-sim/fixtures';
import { describe, expect, it } from 'vitest';
import {
  type ApiClient,
  CONNECT_MUTATION,
  CONNECTION_FIELDS,
  type ConnectionView,
  waitForStatus,
} from './client';
import type { Stack } from './harness';
import { addBybitAccount, addOkxAccount, type SimKeys } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started));

type Permissions = { withdraw: boolean | null; read: boolean | null };
const VIEW = `query ($id: ID!) { exchangeConnection(id: $id) { ${CONNECTION_FIELDS} permissions { read withdraw } } }`;
const settled = (s: string) => s !== 'PENDING' && s !== 'VERIFYING';

async function connect(exchangeId: string, keys: SimKeys, accountTypes?: string[], needsTrading = false) {
  const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } | null } }>(
    CONNECT_MUTATION,
    {
      input: {
        exchangeId,
        label: `${exchangeId} ${keys.apiKey.slice(-6)}`,
        credentials: { apiKey: keys.apiKey, secret: keys.secret, password: keys.passphrase },
        accountTypes,
        needsTrading,
      },
    },
  );
  const id = connectExchange.data?.id;
  if (!id) throw new Error(`${exchangeId} refused: ${JSON.stringify(connectExchange)}`);
  await waitForStatus(api, id, settled);
  return (await api.ok<{ exchangeConnection: ConnectionView & { permissions: Permissions } }>(VIEW, { id }))
    .exchangeConnection;
}

const SAFE = { read: true, spotTrade: true, futures: true };

/** A Binance account with USDⓈ-M (swap) and COIN-M (future) wallets, the ones Binance's futures clients read. */
function binanceFuturesAccount(permissions: Record<string, boolean>): SimKeys {
  const keys = {
    apiKey: `bn${randomBytes(30).toString('hex')}`,
    secret: `bs${randomBytes(30).toString('hex')}`,
    uid: String(Date.now()),
  };
  stack.sim.addAccount({
    exchange: 'binance',
    uid: keys.uid,
    balances: {},
    wallets: { swap: { USDT: { free: '250', locked: '0' } }, future: { BTC: { free: '0.5', locked: '0' } } },
    keys: [{ apiKey: keys.apiKey, secret: keys.secret, permissions }],
  });
  return keys;
}

const UNSAFE = { ...SAFE, withdraw: true };

const SIBLINGS: [id: string, keys: (withdraw: boolean) => SimKeys, accountTypes: string[], asset: string][] =
  [
    ['binanceusdm', (w) => binanceFuturesAccount(w ? UNSAFE : SAFE), ['SWAP'], 'USDT'],
    ['binancecoinm', (w) => binanceFuturesAccount(w ? UNSAFE : SAFE), ['SWAP'], 'BTC'],
    ['okxus', (w) => addOkxAccount(stack.sim, undefined, w ? UNSAFE : SAFE), ['SPOT'], 'ETH'],
    ['myokx', (w) => addOkxAccount(stack.sim, undefined, w ? UNSAFE : SAFE), ['SPOT'], 'ETH'],
    ['bybiteu', (w) => addBybitAccount(stack.sim, { permissions: w ? UNSAFE : SAFE }), ['SPOT'], 'BTC'],
  ];

describe('the sim venues’ siblings', () => {
  it('are exactly the exchanges the matrix says are proven against the sim, and the sim answers each', () => {
    expect(SIBLINGS.map(([id]) => id).every((id) => SIM_EXCHANGES.includes(id))).toBe(true);
    expect(Object.keys(simUrlOverrides('http://sim')).sort()).toEqual([...SIM_EXCHANGES].sort());
    for (const id of SIM_EXCHANGES)
      expect(exchangeSupport(id)).toMatchObject({ withdrawalRights: true, proof: 'SIM' });
  });

  it.each(SIBLINGS)(
    '%s: a safe key connects with its rights read; a key that can withdraw is refused and erased',
    async (id, keys, accountTypes, asset) => {
      const safe = await connect(id, keys(false), accountTypes);
      expect([safe.status, safe.statusReason?.code ?? null]).toEqual(['CONNECTED', null]);
      expect(safe.permissions).toMatchObject({ read: true, withdraw: false });
      expect(safe.balances.map((b) => b.asset)).toContain(asset);

      const unsafe = await connect(id, keys(true), accountTypes);
      expect([unsafe.status, unsafe.statusReason?.code, unsafe.hasCredentials]).toEqual([
        'UNSAFE_PERMISSIONS',
        'WITHDRAWALS_ENABLED',
        false,
      ]);
      // the switch is the venue's own: same API-management page
      expect(unsafe.statusReason?.remedy).toMatch(
        /switch off “(Enable Withdrawals|Withdraw|Withdrawal \(under Assets\))”/,
      );
    },
  );

  it('a futures client made for trading needs the key’s futures right, not spot trading', async () => {
    // Binance's USDⓈ-M client trades futures only: a key with futures and without spot trading is what it needs
    const futuresOnly = await connect(
      'binanceusdm',
      binanceFuturesAccount({ read: true, spotTrade: false, futures: true }),
      ['SWAP'],
      true,
    );
    expect([futuresOnly.status, futuresOnly.statusReason?.code ?? null]).toEqual(['CONNECTED', null]);
    const spotOnly = await connect(
      'binanceusdm',
      binanceFuturesAccount({ read: true, spotTrade: true, futures: false }),
      ['SWAP'],
      true,
    );
    // its futures read is refused with Binance's ambiguous -2015; the key's permission read says which right is missing
    expect([spotOnly.status, spotOnly.statusReason?.code]).toEqual([
      'PERMISSION_DENIED',
      'FUTURES_NOT_ALLOWED',
    ]);
    expect(spotOnly.statusReason?.remedy).toMatch(/“Enable Futures”/);
  });

  it('the daily rights re-check holds a futures client’s trading connection to the futures right too', async () => {
    const futuresOnly = await connect(
      'binanceusdm',
      binanceFuturesAccount({ read: true, spotTrade: false, futures: true }),
      ['SWAP'],
      true,
    );
    expect(futuresOnly.status).toBe('CONNECTED');
    // last checked a day ago: the next refresh reads the key's rights again
    await stack.db.orm.em
      .fork()
      .getConnection()
      .execute(
        "update exchange_connections set last_verified_at = now() - interval '25 hours' where id = ?",
        [futuresOnly.id],
      );
    const rechecked = () =>
      stack.db.orm.em
        .fork()
        .getConnection()
        .execute<{ recent: boolean }[]>(
          "select last_verified_at > now() - interval '1 hour' as recent from exchange_connections where id = ?",
          [futuresOnly.id],
        );
    await api.ok('mutation ($id: ID!) { refreshBalances(id: $id) { __typename } }', { id: futuresOnly.id });
    await expect.poll(async () => (await rechecked())[0]?.recent, { timeout: 20_000 }).toBe(true);
    const after = await waitForStatus(api, futuresOnly.id, settled);
    expect([after.status, after.statusReason?.code ?? null]).toEqual(['CONNECTED', null]);
  });

  it('Binance’s own futures wallet refused for a key without futures says so, not a bad key', async () => {
    const spotOnly = await connect(
      'binance',
      binanceFuturesAccount({ read: true, spotTrade: true, futures: false }),
      ['SWAP'],
    );
    expect([spotOnly.status, spotOnly.statusReason?.code]).toEqual([
      'PERMISSION_DENIED',
      'FUTURES_NOT_ALLOWED',
    ]);
    expect(spotOnly.statusReason?.guideSection).toBe('FUTURES');
  });
});
