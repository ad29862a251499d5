// Which fetchBalance calls read the wallets a user picked, the way each exchange expects them read.

/** One balance request and the wallet name its lines are stored under. */
export interface WalletRead {
  wallet: string;
  params: Record<string, string>;
}

type Planner = (accountTypes: readonly string[]) => WalletRead[];

// ccxt 4.5.84's binance.fetchBalance has no options branch: type 'option' would read spot again
const BINANCE_WALLETS: Record<string, WalletRead> = {
  spot: { wallet: 'spot', params: { type: 'spot' } },
  // cross margin; isolated pairs are a wallet per symbol and are not read
  margin: { wallet: 'margin', params: { type: 'margin' } },
  // USDⓈ-M futures (fapi) holds perpetual and dated linear contracts
  swap: { wallet: 'swap', params: { type: 'swap', subType: 'linear' } },
  // COIN-M futures (dapi)
  future: { wallet: 'future', params: { type: 'delivery' } },
  funding: { wallet: 'funding', params: { type: 'funding' } },
};

// OKX's trading account is unified: spot, margin and derivatives share one balance request.
const UNIFIED_TRADING_TYPES = new Set(['spot', 'margin', 'swap', 'future', 'option']);
const OKX_TRADING: WalletRead = { wallet: 'trading', params: {} };
const OKX_FUNDING: WalletRead = { wallet: 'funding', params: { type: 'funding' } };

// Exchanges whose wallets are known to be read apart; elsewhere a `type` may be ignored (Kraken, even
// signing it into the body) or land on the same unified account, and two reads would count the same funds
// twice.
const PLANNERS: Record<string, Planner> = {
  binance: (types) => types.flatMap((type) => BINANCE_WALLETS[type] ?? []),
  okx: (types) => [
    ...(types.some((type) => UNIFIED_TRADING_TYPES.has(type)) ? [OKX_TRADING] : []),
    ...(types.includes('funding') ? [OKX_FUNDING] : []),
  ],
};
PLANNERS.myokx = PLANNERS.okx as Planner;
// Bybit's unified trading account holds spot, margin and derivatives alike; funding is read apart
const BYBIT_TRADING: WalletRead = { wallet: 'trading', params: { type: 'unified' } };
const BYBIT_FUNDING: WalletRead = { wallet: 'funding', params: { type: 'funding' } };
PLANNERS.bybit = (types) => [
  ...(types.some((type) => UNIFIED_TRADING_TYPES.has(type)) ? [BYBIT_TRADING] : []),
  ...(types.includes('funding') ? [BYBIT_FUNDING] : []),
];

// the first read proves the key, so it is the wallet every key may read
const READ_ORDER = ['spot', 'trading', 'margin', 'funding', 'swap', 'future', 'option'];
const rank = (read: WalletRead) => {
  const at = READ_ORDER.indexOf(read.wallet);
  return at === -1 ? READ_ORDER.length : at;
};

/**
 * The balance requests for these account types, spot-like first. An exchange without a known plan gets
 * one plain balance request (its default account), stored as spot when spot was chosen.
 */
export function walletReads(exchangeId: string, accountTypes: readonly string[]): WalletRead[] {
  const types = accountTypes.length > 0 ? accountTypes : ['spot'];
  const planner = PLANNERS[exchangeId];
  const reads = planner ? planner(types) : [];
  if (reads.length > 0) return [...reads].sort((a, b) => rank(a) - rank(b));
  return [{ wallet: types.includes('spot') ? 'spot' : (types[0] as string), params: {} }];
}

/**
 * The wallets Keyport reads on an exchange, of those ccxt lists: where wallets are read apart, each one a plan
 * reads (Binance has no option read); elsewhere only the default account the plain read returns (spot, or the
 * exchange's only kind). Nothing is offered that would be stored under a name it was not read from.
 */
export function readableAccountTypes<T extends string>(exchangeId: string, listed: readonly T[]): T[] {
  const planner = PLANNERS[exchangeId];
  if (planner) return listed.filter((type) => planner([type]).length > 0);
  const only = listed.includes('spot' as T) ? ('spot' as T) : listed[0];
  return only === undefined ? [] : [only];
}
