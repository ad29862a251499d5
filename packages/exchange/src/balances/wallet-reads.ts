// Which fetchBalance calls read the wallets a user picked, the way each exchange expects them read.

/** One balance request and the wallet name its lines are stored under. */
export interface WalletRead {
  wallet: string;
  params: Record<string, string>;
}

type Planner = (accountTypes: readonly string[]) => WalletRead[];

const BINANCE_WALLETS: Record<string, WalletRead> = {
  spot: { wallet: 'spot', params: { type: 'spot' } },
  // cross margin; isolated pairs are a wallet per symbol and are not read
  margin: { wallet: 'margin', params: { type: 'margin' } },
  // USDⓈ-M futures (fapi) holds perpetual and dated linear contracts
  swap: { wallet: 'swap', params: { type: 'swap', subType: 'linear' } },
  // COIN-M futures (dapi)
  future: { wallet: 'future', params: { type: 'delivery' } },
  funding: { wallet: 'funding', params: { type: 'funding' } },
  option: { wallet: 'option', params: { type: 'option' } },
};

// OKX's trading account is unified: spot, margin and derivatives share one balance request.
const OKX_TRADING_TYPES = new Set(['spot', 'margin', 'swap', 'future', 'option']);

const OKX_TRADING: WalletRead = { wallet: 'trading', params: {} };
const OKX_FUNDING: WalletRead = { wallet: 'funding', params: { type: 'funding' } };

const PLANNERS: Record<string, Planner> = {
  binance: (types) => types.flatMap((type) => BINANCE_WALLETS[type] ?? []),
  okx: (types) => [
    ...(types.some((type) => OKX_TRADING_TYPES.has(type)) ? [OKX_TRADING] : []),
    ...(types.includes('funding') ? [OKX_FUNDING] : []),
  ],
  // Bybit, Binance USDⓈ-M and others default to the derivatives wallet: always say which one.
  default: (types) => types.map((type) => ({ wallet: type, params: { type } })),
};
PLANNERS.myokx = PLANNERS.okx as Planner;

/** The balance requests for these account types, spot-like first (it is the one that proves the key). */
export function walletReads(exchangeId: string, accountTypes: readonly string[]): WalletRead[] {
  const types = accountTypes.length > 0 ? accountTypes : ['spot'];
  const planner = PLANNERS[exchangeId] ?? (PLANNERS.default as Planner);
  const reads = planner(types);
  return reads.length > 0 ? reads : [{ wallet: types[0] as string, params: {} }];
}
