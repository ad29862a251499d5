/** Per-exchange request budgets, in ccxt cost units per second (ccxt's default is 1000 / rateLimit). */
export type ExchangeRateLimits = Record<string, { costPerSecond: number }>;

const EXAMPLE = '{"binance":{"costPerSecond":10}}';

/** Parses EXCHANGE_RATE_LIMITS: a JSON object of ccxt exchange id → { costPerSecond }. */
export function parseRateLimits(raw: string | undefined): ExchangeRateLimits {
  if (!raw?.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`EXCHANGE_RATE_LIMITS must be a JSON object such as ${EXAMPLE}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`EXCHANGE_RATE_LIMITS must be a JSON object such as ${EXAMPLE}`);
  const limits: ExchangeRateLimits = {};
  for (const [id, value] of Object.entries(parsed)) {
    const perSecond = (value as { costPerSecond?: unknown } | null)?.costPerSecond;
    if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0)
      throw new Error(`EXCHANGE_RATE_LIMITS.${id}.costPerSecond must be a positive number`);
    limits[id] = { costPerSecond: perSecond };
  }
  return limits;
}
