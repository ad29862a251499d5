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
