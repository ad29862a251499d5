// Binance request weights as documented per endpoint (developers.binance.com "Request Weight").
import type { SimRequest } from '../exchange-adapter';

const WEIGHTS: Record<string, number> = {
  'GET /api/v3/ping': 1,
  'GET /api/v3/time': 1,
  'GET /api/v3/account': 20,
  'GET /sapi/v1/account/apiRestrictions': 1,
  'GET /sapi/v1/margin/account': 10,
  'GET /fapi/v2/account': 5,
  'GET /fapi/v3/account': 5,
  'GET /dapi/v1/account': 5,
  'POST /sapi/v1/asset/get-funding-asset': 1,
};

// 24hr ticker: 2 for one symbol; a `symbols` list costs 2 (1-20), 40 (21-100) or 80 (more); all symbols 80.
function ticker24hWeight(query: string): number {
  const params = new URLSearchParams(query);
  if (params.get('symbol')) return 2;
  const symbols = params.get('symbols');
  if (!symbols) return 80;
  const count = symbols.split(',').length;
  return count <= 20 ? 2 : count <= 100 ? 40 : 80;
}

export function binanceRequestWeight(req: SimRequest): number {
  const route = `${req.method} ${req.path}`;
  if (route === 'GET /api/v3/ticker/24hr') return ticker24hWeight(req.query);
  // unknown paths still cost the minimum, as Binance charges every request that reaches it
  return WEIGHTS[route] ?? 1;
}
