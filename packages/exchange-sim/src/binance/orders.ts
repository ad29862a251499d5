// POST /api/v3/order/test and /api/v3/order: both need a key allowed to trade (a TRADE endpoint: -2015
// otherwise) and a well-formed order; only the second reaches the matching engine (the sim's order book).
import type { SimReply } from '../exchange-adapter';
import type { KeyMatch, SimState } from '../state';
import { binanceErrors } from './errors';

/** Binance's spot minimum order value (USDT pairs). */
const MIN_NOTIONAL = 5;

type Order = { symbol: string; side: string; type: string; quantity: string; price: string | null };

/** The order in `params`, or Binance's refusal of its first missing or malformed parameter. */
function readOrder(params: URLSearchParams): Order | SimReply {
  for (const name of ['symbol', 'side', 'type'])
    if (!params.get(name)) return binanceErrors.mandatoryParam(name);
  const type = (params.get('type') ?? '').toUpperCase();
  const side = (params.get('side') ?? '').toUpperCase();
  if (side !== 'BUY' && side !== 'SELL') return binanceErrors.mandatoryParam('side');
  if (type === 'LIMIT')
    for (const name of ['timeInForce', 'quantity', 'price'])
      if (!params.get(name)) return binanceErrors.mandatoryParam(name);
  const quantity = params.get('quantity') ?? params.get('quoteOrderQty') ?? '';
  if (!/^\d+(\.\d+)?$/.test(quantity)) return binanceErrors.mandatoryParam('quantity');
  // the NOTIONAL filter, checked (like every filter) only once the key's right to trade was accepted
  const price = params.get('price');
  if (price && Number(price) * Number(quantity) < MIN_NOTIONAL)
    return binanceErrors.filterFailure('NOTIONAL');
  return { symbol: params.get('symbol') ?? '', side, type, quantity, price: params.get('price') };
}

const isReply = (value: Order | SimReply): value is SimReply => 'status' in value && 'body' in value;

/** Validates and executes nothing: Binance answers {} (no commission rates asked). */
export function binanceTestOrder(params: URLSearchParams): { refusal: SimReply } | { body: unknown } {
  const order = readOrder(params);
  return isReply(order) ? { refusal: order } : { body: {} };
}

export function binancePlaceOrder(
  params: URLSearchParams,
  auth: KeyMatch,
  state: SimState,
  now: number,
): { refusal: SimReply } | { body: unknown } {
  const order = readOrder(params);
  if (isReply(order)) return { refusal: order };
  const placed = state.placeOrder({
    exchange: 'binance',
    apiKey: auth.key.apiKey,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    amount: order.quantity,
    price: order.price,
  });
  return {
    body: {
      symbol: order.symbol,
      orderId: Number(placed.id),
      clientOrderId: params.get('newClientOrderId') ?? `sim-${placed.id}`,
      transactTime: now,
      status: 'NEW',
      type: order.type,
      side: order.side,
    },
  };
}
