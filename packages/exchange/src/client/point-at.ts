import type { Exchange } from 'ccxt';

/** Rewrites the scheme and host of every REST URL of an exchange, keeping paths (OKX signs the path). */
export function pointAt(exchange: Exchange, baseUrl: string): void {
  const base = baseUrl.replace(/\/+$/, '');
  const walk = (node: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') node[key] = value.replace(/^https?:\/\/[^/]+/, base);
      else if (value && typeof value === 'object') walk(value as Record<string, unknown>);
    }
  };
  walk(exchange.urls.api as unknown as Record<string, unknown>);
}

/** Parses EXCHANGE_URL_OVERRIDES: a JSON object of ccxt exchange id → base URL. */
export function parseUrlOverrides(raw: string | undefined): Record<string, string> {
  if (!raw?.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(
      'EXCHANGE_URL_OVERRIDES must be a JSON object such as {"binance":"http://127.0.0.1:4100"}',
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('EXCHANGE_URL_OVERRIDES must be a JSON object of exchange id → base URL');
  }
  const overrides: Record<string, string> = {};
  for (const [id, url] of Object.entries(parsed)) {
    if (typeof url !== 'string' || !/^https?:\/\/[^/]+/.test(url)) {
      throw new Error(`EXCHANGE_URL_OVERRIDES.${id} must be an http(s) URL`);
    }
    overrides[id] = url;
  }
  return overrides;
}
