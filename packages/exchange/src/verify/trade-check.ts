// Proof that a key may trade, without trading: a signed request to an endpoint the exchange provides for
// checking an order (key, trade permission, parameters) that never reaches its matching engine. Only such
// endpoints are called, through ccxt's implicit methods: never createOrder, which could place a real order.
import ccxt, { type Exchange } from 'ccxt';
import { reasonSpec } from '../status/statuses';
import { classifyError } from './classify-error';

type Json = Record<string, unknown>;

interface OrderValidator {
  /** The endpoint, as the guides name it. */
  endpoint: string;
  method: string;
  /** A small limit buy far below the market (above minimum notionals): only validated, harmless even if not. */
  params: Json;
}

const VALIDATORS: Readonly<Record<string, OrderValidator>> = {
  // "Test new order creation and signature/recvWindow… does not send it into the matching engine" (TRADE)
  binance: {
    endpoint: 'POST /api/v3/order/test',
    method: 'privatePostOrderTest',
    params: {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: '1000',
    },
  },
  // AddOrder with validate=true: "validate inputs only, do not submit order"; needs Create & Modify Orders
  kraken: {
    endpoint: 'POST /0/private/AddOrder (validate=true)',
    method: 'privatePostAddOrder',
    params: {
      pair: 'XBTUSD',
      type: 'buy',
      ordertype: 'limit',
      volume: '0.0001',
      price: '1000',
      validate: true,
    },
  },
};

/** Exchanges whose keys' trading Keyport verifies with an order that executes nothing. */
export const TRADE_CHECKED_EXCHANGES: readonly string[] = Object.keys(VALIDATORS);

/** The order-validation endpoint Keyport uses on this exchange, or null. */
export function tradeCheckEndpoint(exchangeId: string): string | null {
  return VALIDATORS[exchangeId]?.endpoint ?? null;
}

/**
 * Whether the exchange lets this key trade, by its answer to a validation-only order: true when it accepts the
 * order, or refuses only the order's parameters (authorization passed); false when it refuses the key the
 * right to trade; null when it has no such endpoint, or its answer says neither. Transient failures throw,
 * so the verification is retried like any other.
 */
export async function checkTrading(
  exchange: Exchange,
  exchangeId: string,
  httpStatus: () => number | undefined,
): Promise<boolean | null> {
  const validator = VALIDATORS[exchangeId];
  if (!validator) return null;
  const fn = (exchange as unknown as Record<string, (params: Json) => Promise<unknown>>)[validator.method];
  if (typeof fn !== 'function') throw new Error(`${exchange.id} has no ${validator.method}`);
  try {
    await fn.call(exchange, { ...validator.params });
    return true;
  } catch (error) {
    // refused for the order itself (its parameters, a filter, funds): the key's right to trade passed first.
    // ccxt maps Binance's -1013 "Filter failure: NOTIONAL" to BadRequest, PERCENT_PRICE_BY_SIDE to InvalidOrder
    if (
      error instanceof ccxt.InvalidOrder ||
      error instanceof ccxt.BadRequest ||
      error instanceof ccxt.InsufficientFunds
    )
      return true;
    const { reason } = classifyError(error, httpStatus());
    if (reasonSpec(reason).retryable) throw error;
    if (reason === 'KEY_REJECTED' || reason === 'READ_NOT_ALLOWED' || reason === 'TRADE_NOT_ALLOWED')
      return false;
    return null;
  }
}
