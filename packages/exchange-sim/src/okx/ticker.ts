// GET /api/v5/market/ticker?instId=… (https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-ticker):
// one instrument, still a one-element data list; an unknown instId is 51001 with HTTP 200.
import { jsonReply, type SimReply, type SimRequest, type VenueContext } from '../exchange-adapter';
import { okxTicker } from '../market-tickers';
import { okxEnvelope } from './bodies';
import { okxError } from './errors';

export function okxTickerReply(req: SimRequest, ctx: VenueContext): SimReply {
  const instId = new URLSearchParams(req.query).get('instId');
  if (!instId) return okxError(400, '50014', 'Parameter instId can not be empty.', 'bad-request');
  const row = ctx.state.tickers().find((t) => `${t.base}-${t.quote}` === instId);
  if (!row) return okxError(200, '51001', 'Instrument ID does not exist.', 'bad-request');
  return jsonReply(200, okxEnvelope([okxTicker(row, ctx.now)]), 'ok');
}
