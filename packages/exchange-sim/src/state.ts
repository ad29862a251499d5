// In-memory accounts and keys; everything is rebuilt from the fixture on reset().
import type {
  ExchangeId,
  KrakenTier,
  SimAccount,
  SimAssetBalance,
  SimEnvironment,
  SimFixture,
  SimPermissions,
  SimWallet,
} from './fixtures';
import type { TickerRow } from './market-tickers';
import {
  parseAccount,
  parseBalancesPatch,
  parseKrakenTier,
  parsePair,
  parsePermissions,
  parseTicker,
  parseUsdPrices,
  parseWallet,
  SimInputError,
} from './validate';

export interface StoredKey {
  apiKey: string;
  secret: string;
  passphrase: string | undefined;
  label: string;
  permissions: SimPermissions;
  allowedIps: string[];
  expiresAt: number | undefined;
  createdAt: number;
  environment: SimEnvironment;
  revoked: boolean;
  krakenTier: KrakenTier;
}

export interface StoredWallet {
  /** Insertion-ordered, so responses list assets in the order they were given. */
  balances: Map<string, SimAssetBalance>;
  /** Epoch ms of the last change to this wallet (Binance futures assets' updateTime). */
  updatedAt: number;
}

export interface StoredAccount {
  exchange: ExchangeId;
  uid: string;
  mainUid: string;
  /** Insertion-ordered, so responses list assets in the order they were given. */
  balances: Map<string, SimAssetBalance>;
  /** Only the wallets the account has; the venues answer for a missing one as if it were empty. */
  wallets: Map<SimWallet, StoredWallet>;
  keys: StoredKey[];
  canTrade: boolean;
  canWithdraw: boolean;
  canDeposit: boolean;
  /** Epoch ms of the last balance change (Binance updateTime, OKX uTime). */
  updatedAt: number;
}

export interface KeyMatch {
  account: StoredAccount;
  key: StoredKey;
}

const DEFAULT_USD_PRICES: Record<string, string> = { USDT: '1', USDC: '1', USD: '1' };

function balanceMap(balances: Record<string, SimAssetBalance>): Map<string, SimAssetBalance> {
  return new Map(Object.entries(balances).map(([asset, b]) => [asset, { ...b }]));
}

function accountId(exchange: ExchangeId, uid: string): string {
  return `${exchange}:${uid}`;
}

/** An order a venue accepted for its matching engine. */
export interface SimOrder {
  id: string;
  exchange: ExchangeId;
  apiKey: string;
  symbol: string;
  side: string;
  type: string;
  amount: string;
  price: string | null;
}

export class SimState {
  private accounts = new Map<string, StoredAccount>();
  private keys = new Map<string, KeyMatch>();
  private prices: Record<string, string> = { ...DEFAULT_USD_PRICES };
  private tickerBook = new Map<string, { last: string; open24h: string }>();
  /** Kraken: the highest nonce each key has used; a request must send a larger one. */
  private nonces = new Map<string, bigint>();
  /** Orders placed for real (a test or validate-only order never lands here). */
  private orderBook: SimOrder[] = [];

  constructor(
    private readonly fixture: SimFixture,
    private readonly clock: () => number,
  ) {
    this.reset();
  }

  reset(): void {
    this.accounts.clear();
    this.keys.clear();
    this.nonces.clear();
    this.orderBook = [];
    this.prices = { ...DEFAULT_USD_PRICES, ...parseUsdPrices(this.fixture.usdPrices ?? {}) };
    this.tickerBook.clear();
    if (this.fixture.tickers) {
      for (const [pair, ticker] of Object.entries(this.fixture.tickers)) this.setTicker(pair, ticker);
    } else {
      for (const [asset, price] of Object.entries(this.prices))
        if (!(asset in DEFAULT_USD_PRICES)) this.setTicker(`${asset}/USDT`, { last: price });
    }
    this.fixture.accounts.forEach((account, i) => {
      this.addAccount(account, `fixture.accounts[${i}]`);
    });
  }

  /** Adds an account; its api keys must be new across all venues (the admin API addresses keys by apiKey alone). */
  addAccount(input: SimAccount, where = 'account'): StoredAccount {
    const account = parseAccount(input, where);
    const id = accountId(account.exchange, account.uid);
    if (this.accounts.has(id)) throw new SimInputError(`account ${id} already exists`, 409);
    const seen = new Set<string>();
    for (const k of account.keys) {
      if (this.keys.has(k.apiKey) || seen.has(k.apiKey)) {
        throw new SimInputError(`apiKey ${k.apiKey} already exists`, 409);
      }
      seen.add(k.apiKey);
    }
    const now = this.clock();
    const stored: StoredAccount = {
      exchange: account.exchange,
      uid: account.uid,
      mainUid: account.mainUid ?? account.uid,
      balances: balanceMap(account.balances),
      wallets: new Map(
        Object.entries(account.wallets ?? {}).map(([wallet, balances]) => [
          wallet as SimWallet,
          { balances: balanceMap(balances), updatedAt: now },
        ]),
      ),
      keys: account.keys.map((k) => ({
        apiKey: k.apiKey,
        secret: k.secret,
        passphrase: k.passphrase,
        label: k.label ?? 'sim key',
        permissions: {
          read: k.permissions?.read ?? true,
          spotTrade: k.permissions?.spotTrade ?? false,
          margin: k.permissions?.margin ?? false,
          futures: k.permissions?.futures ?? false,
          withdraw: k.permissions?.withdraw ?? false,
          internalTransfer: k.permissions?.internalTransfer ?? false,
        },
        allowedIps: [...(k.allowedIps ?? [])],
        expiresAt: k.expiresAt,
        createdAt: k.createdAt ?? now,
        environment: k.environment ?? 'live',
        revoked: k.revoked ?? false,
        krakenTier: k.krakenTier ?? 'starter',
      })),
      canTrade: account.canTrade ?? true,
      canWithdraw: account.canWithdraw ?? true,
      canDeposit: account.canDeposit ?? true,
      updatedAt: now,
    };
    this.accounts.set(id, stored);
    for (const key of stored.keys) this.keys.set(key.apiKey, { account: stored, key });
    return stored;
  }

  /**
   * Merges the given assets into one wallet (null removes an asset); `replace` drops the others first.
   * Without `wallet` it is the spot/trading wallet; naming a wallet the account lacks opens it.
   */
  setBalances(
    exchange: ExchangeId,
    uid: string,
    patch: unknown,
    replace = false,
    wallet?: unknown,
  ): StoredAccount {
    const account = this.accounts.get(accountId(exchange, uid));
    if (!account) throw new SimInputError(`account ${accountId(exchange, uid)} not found`, 404);
    const name = wallet === undefined ? undefined : parseWallet(wallet, exchange);
    const parsed = parseBalancesPatch(patch, exchange);
    // the account itself carries the spot/trading wallet's balances and updatedAt
    let target: StoredWallet = account;
    if (name !== undefined) {
      target = account.wallets.get(name) ?? { balances: new Map(), updatedAt: 0 };
      account.wallets.set(name, target);
    }
    if (replace) target.balances.clear();
    for (const [asset, balance] of Object.entries(parsed)) {
      if (balance === null) target.balances.delete(asset);
      else target.balances.set(asset, balance);
    }
    target.updatedAt = this.clock();
    return account;
  }

  /** Changes some of a key's rights, as a user editing the key on the exchange would. */
  setKeyPermissions(apiKey: string, patch: unknown): void {
    const match = this.keys.get(apiKey);
    if (!match) throw new SimInputError(`apiKey ${apiKey} not found`, 404);
    Object.assign(match.key.permissions, parsePermissions(patch));
  }

  /** The verification tier behind a Kraken key's call counter. */
  setKrakenTier(apiKey: string, tier: unknown): void {
    const match = this.findKey('kraken', apiKey);
    if (!match) throw new SimInputError(`kraken apiKey ${apiKey} not found`, 404);
    match.key.krakenTier = parseKrakenTier(tier);
  }

  revokeKey(apiKey: string): void {
    const match = this.keys.get(apiKey);
    if (!match) throw new SimInputError(`apiKey ${apiKey} not found`, 404);
    match.key.revoked = true;
  }

  /** The key as the venue would see it, whatever its state; callers decide how to refuse revoked/expired keys. */
  findKey(exchange: ExchangeId, apiKey: string): KeyMatch | undefined {
    const match = this.keys.get(apiKey);
    return match && match.account.exchange === exchange ? match : undefined;
  }

  /** Records `nonce` for the key when it is larger than every nonce the key sent before (Kraken's rule). */
  acceptNonce(apiKey: string, nonce: bigint): boolean {
    if (nonce <= (this.nonces.get(apiKey) ?? 0n)) return false;
    this.nonces.set(apiKey, nonce);
    return true;
  }

  /** Sets (or adds) the public ticker of "BASE/QUOTE". */
  placeOrder(order: Omit<SimOrder, 'id'>): SimOrder {
    const placed = { ...order, id: String(this.orderBook.length + 1) };
    this.orderBook.push(placed);
    return placed;
  }

  orders(): SimOrder[] {
    return this.orderBook.map((order) => ({ ...order }));
  }

  setTicker(pair: string, ticker: unknown): void {
    const [base, quote] = parsePair(pair, 'ticker pair');
    this.tickerBook.set(`${base}/${quote}`, parseTicker(ticker, `tickers.${pair}`));
  }

  /** Every spot ticker, in pair order. */
  tickers(): TickerRow[] {
    return [...this.tickerBook.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([pair, ticker]) => {
        const [base, quote] = pair.split('/') as [string, string];
        return { base, quote, ...ticker };
      });
  }

  usdPrice(asset: string): string {
    return this.prices[asset] ?? '0';
  }
}
