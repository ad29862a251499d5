// GET /v5/market/tickers (https://bybit-exchange.github.io/docs/v5/market/tickers): category is required;
// `symbol` narrows the list to one. The sim lists spot markets only: the other categories answer empty.
import { jsonReply, type SimReply, type SimRequest, type VenueContext } from '../exchange-adapter';
import { bybitSpotTicker } from '../market-tickers';
import { bybitEnvelope } from './bodies';
import { bybitErrors } from './errors';

const CATEGORIES = new Set(['spot', 'linear', 'inverse', 'option']);

export function bybitTickersReply(req: SimRequest, ctx: VenueContext): SimReply {
  const params = new URLSearchParams(req.query);
  const category = params.get('category') ?? '';
  if (!CATEGORIES.has(category)) return bybitErrors.badRequest('Illegal category', ctx.now);
  const rows = category === 'spot' ? ctx.state.tickers().map(bybitSpotTicker) : [];
  const symbol = params.get('symbol');
  const list = symbol ? rows.filter((row) => row.symbol === symbol) : rows;
  // ccxt reads this message as BadSymbol: {"retCode":10001,"retMsg":"Not supported symbols",…}
  if (symbol && list.length === 0) return bybitErrors.badRequest('Not supported symbols', ctx.now);
  return jsonReply(200, bybitEnvelope({ category, list }, ctx.now), 'ok');
}
