// GET /0/public/Ticker (https://docs.kraken.com/api/docs/rest-api/get-ticker-information): every tradeable
// pair without `pair`, else the comma-separated pairs asked, keyed by Kraken's own pair names.
import { jsonReply, type SimReply, type SimRequest, type VenueContext } from '../exchange-adapter';
import { krakenTicker, type TickerRow } from '../market-tickers';
import { KRAKEN_ASSET_IDS } from './bodies';
import { krakenError } from './errors';

// the short names Kraken's altnames use where they differ from the common code
const ALTNAMES: Record<string, string> = { BTC: 'XBT', DOGE: 'XDG' };
const altname = (asset: string) => ALTNAMES[asset] ?? asset;

/** Pairs of two classic assets keep their X/Z ids ("XXBTZUSD", "XETHXXBT"); newer pairs are their altname
 * ("XBTUSDT", "SOLUSD"), as Kraken's AssetPairs lists them. */
export function krakenPairNames(t: Pick<TickerRow, 'base' | 'quote'>): { name: string; altname: string } {
  const alt = `${altname(t.base)}${altname(t.quote)}`;
  const base = KRAKEN_ASSET_IDS[t.base];
  const quote = KRAKEN_ASSET_IDS[t.quote];
  return { name: base && quote ? `${base}${quote}` : alt, altname: alt };
}

export function krakenTickerReply(req: SimRequest, ctx: VenueContext): SimReply {
  const rows = ctx.state.tickers().map((t) => ({ ...krakenPairNames(t), row: t }));
  const asked = new URLSearchParams(req.query).get('pair');
  let chosen = rows;
  if (asked) {
    // Kraken takes either name of a pair and answers under its own name (XBTUSD -> XXBTZUSD)
    const wanted = asked.split(',');
    const found = wanted.map((pair) => rows.find((r) => r.name === pair || r.altname === pair));
    if (found.some((r) => r === undefined)) return krakenError('EQuery:Unknown asset pair', 'bad-request');
    chosen = found as typeof rows;
  }
  const result = Object.fromEntries(chosen.map((r) => [r.name, krakenTicker(r.row)]));
  return jsonReply(200, { error: [], result }, 'ok');
}
