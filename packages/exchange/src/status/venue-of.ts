// ccxt ids that are another face of one venue (a regional host, a futures client): same API, same keys, same
// API-management page, so the same advice. No ccxt here: the api and the dashboard share it.

const SIBLING_OF: Readonly<Record<string, string>> = {
  binanceusdm: 'binance',
  binancecoinm: 'binance',
  myokx: 'okx',
  okxus: 'okx',
  bybiteu: 'bybit',
  bybitid: 'bybit',
  kucoinfutures: 'kucoin',
  gateeu: 'gate',
};

/** The venue whose keys and rules `exchangeId` shares: itself for most. */
export function venueOf(exchangeId: string): string {
  return SIBLING_OF[exchangeId] ?? exchangeId;
}

// clients that trade only futures: what a trading connection needs there is the key's futures right
const FUTURES_CLIENTS: ReadonlySet<string> = new Set(['binanceusdm', 'binancecoinm', 'kucoinfutures']);

/** The key right a connection made for trading needs on this exchange. */
export function tradingRight(exchangeId: string): 'spotTrade' | 'futures' {
  return FUTURES_CLIENTS.has(exchangeId) ? 'futures' : 'spotTrade';
}
