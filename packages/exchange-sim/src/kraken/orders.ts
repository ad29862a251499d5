// POST /0/private/AddOrder: the key needs "Create & Modify Orders"; with validate=true Kraken checks the order
// and submits nothing (no txid), without it the order reaches the sim's order book.
import type { SimReply } from '../exchange-adapter';
import type { KeyMatch, SimState } from '../state';
import { krakenError, krakenErrors } from './errors';

export function krakenAddOrder(
  body: string,
  { key }: KeyMatch,
  state: SimState,
): SimReply | { result: unknown } {
  if (!key.permissions.spotTrade) return krakenErrors.permissionDenied();
  const params = new URLSearchParams(body);
  const pair = params.get('pair') ?? '';
  const type = params.get('type') ?? '';
  const ordertype = params.get('ordertype') ?? '';
  const volume = params.get('volume') ?? '';
  if (!pair || !ordertype || (type !== 'buy' && type !== 'sell') || !/^\d+(\.\d+)?$/.test(volume))
    return krakenError('EGeneral:Invalid arguments', 'bad-request');
  const price = params.get('price');
  if (ordertype === 'limit' && !price) return krakenError('EGeneral:Invalid arguments:price', 'bad-request');
  const descr = { order: `${type} ${volume} ${pair} @ ${ordertype}${price ? ` ${price}` : ''}` };
  // Kraken's own spelling: validate=true (ccxt sends the boolean as "true")
  if (params.get('validate') === 'true' || params.get('validate') === '1') return { result: { descr } };
  const placed = state.placeOrder({
    exchange: 'kraken',
    apiKey: key.apiKey,
    symbol: pair,
    side: type,
    type: ordertype,
    amount: volume,
    price,
  });
  return { result: { descr, txid: [`OSIM${placed.id.padStart(5, '0')}-KRKN`] } };
}
