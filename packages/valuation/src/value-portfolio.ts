// Values holdings in a quote currency from exchange spot tickers, in exact decimals (decimal.js, never
// floats). An asset without a price is listed unvalued, never as zero; a price older than the staleness
// limit is used but flagged.
import Decimal from 'decimal.js';
import { type SpotTicker, type SpotTickers, tickerKey } from './spot-tickers';

export const QUOTES = ['USD', 'EUR', 'BTC'] as const;
export type Quote = (typeof QUOTES)[number];

/** One balance line: what one wallet of one connection holds of one asset. */
export interface Holding {
  connectionId: string;
  exchangeId: string;
  asset: string;
  total: string;
}

export interface AssetValue {
  asset: string;
  /** Summed over every wallet and exchange, exact. */
  amount: string;
  price: string | null;
  value: string | null;
  /** Percent change of the value over 24 h, where tickers give the opening price. */
  change24h: string | null;
  /** Percent of the portfolio's valued total. */
  share: string | null;
  stale: boolean;
  exchangeIds: string[];
  /** The exchanges whose tickers gave the price; empty at par (a dollar stablecoin, the quote itself) or unpriced. */
  priceSources: string[];
  /** When those tickers were fetched, epoch ms; null at par or unpriced. */
  pricedAt: number | null;
}

export interface ExchangeValue {
  exchangeId: string;
  value: string;
  share: string | null;
  unpricedAssets: string[];
}

export interface PortfolioValuation {
  quote: Quote;
  /** Sum of what could be valued; unpriced assets are listed apart, not counted as zero. */
  total: string;
  change24h: string | null;
  assets: AssetValue[];
  exchanges: ExchangeValue[];
  unpricedAssets: string[];
  /** Some price used is older than the staleness limit. */
  stale: boolean;
  /** When the oldest price used (none used: the oldest book consulted) was fetched, epoch ms; null before any. */
  pricesAt: number | null;
}

/** A price older than this is still used, but flagged stale. */
export const STALE_AFTER_MS = 2 * 60_000;

export interface ValuationOptions {
  quote: Quote;
  now: number;
  staleAfterMs: number;
}

// stablecoins are taken at par with the dollar; their own tickers (e.g. USDCUSDT) are not consulted
const DOLLARS = new Set(['USD', 'USDT', 'USDC']);
const DOLLAR_QUOTES = ['USDT', 'USDC', 'USD'];
const VALUE_PLACES = 8;

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
type Dec = InstanceType<typeof D>;

interface Price {
  last: Dec;
  /** Price 24 h ago along the same path, when every ticker on it gives one. */
  open: Dec | null;
  /** Oldest fetch time among the books used. */
  at: number;
  /** The exchanges whose tickers it came from; none at par. */
  sources: readonly string[];
}

const ONE: Price = { last: new D(1), open: new D(1), at: Number.POSITIVE_INFINITY, sources: [] };

function fromTicker(ticker: SpotTicker, book: SpotTickers): Price | null {
  const last = new D(ticker.last);
  if (!last.isFinite() || last.lte(0)) return null;
  const open = ticker.open24h ? new D(ticker.open24h) : null;
  return { last, open: open?.gt(0) ? open : null, at: book.fetchedAt, sources: [book.exchangeId] };
}

function direct(base: string, quote: string, books: readonly SpotTickers[]): Price | null {
  for (const book of books) {
    const ticker = book.tickers[tickerKey(base, quote)];
    if (ticker) return fromTicker(ticker, book);
  }
  return null;
}

function divide(a: Price, b: Price): Price {
  return {
    last: a.last.div(b.last),
    open: a.open && b.open ? a.open.div(b.open) : null,
    at: Math.min(a.at, b.at),
    sources: [...new Set([...a.sources, ...b.sources])].sort(),
  };
}

/** The first book (in the order given) with any dollar market for the asset decides its dollar price, so an
 * exchange's BTC/USD comes before the next exchange's BTC/USDT. */
function inDollars(asset: string, books: readonly SpotTickers[]): Price | null {
  if (DOLLARS.has(asset)) return ONE;
  for (const book of books) {
    for (const quote of DOLLAR_QUOTES) {
      const price = direct(asset, quote, [book]);
      if (price) return price;
    }
  }
  return null;
}

function throughDollars(asset: string, quote: Quote, books: readonly SpotTickers[]): Price | null {
  const asset$ = inDollars(asset, books);
  const quote$ = inDollars(quote, books);
  return asset$ && quote$ ? divide(asset$, quote$) : null;
}

/** The asset's price in the quote from the first book able to price it alone (a direct market, else through
 * its dollar markets), else from the asset's and the quote's dollar prices found in different books. */
export function priceIn(asset: string, quote: Quote, books: readonly SpotTickers[]): Price | null {
  if (quote === 'USD') return inDollars(asset, books);
  if (asset === quote) return ONE;
  for (const book of books) {
    const own = direct(asset, quote, [book]) ?? throughDollars(asset, quote, [book]);
    if (own) return own;
  }
  return throughDollars(asset, quote, books);
}

const fixed = (value: Dec, places: number) => value.toDecimalPlaces(places).toFixed();
const percent = (part: Dec, whole: Dec) => (whole.isZero() ? null : fixed(part.div(whole).mul(100), 2));

/**
 * Values every asset across exchanges. Prices come from the books of the exchanges holding the asset first
 * (in the order given: a Kraken holding from Kraken's tickers), then from any other book given.
 */
export function valuePortfolio(
  holdings: readonly Holding[],
  books: ReadonlyMap<string, SpotTickers>,
  options: ValuationOptions,
): PortfolioValuation {
  const byAsset = new Map<string, { amount: Dec; exchangeIds: Set<string> }>();
  for (const h of holdings) {
    const entry = byAsset.get(h.asset) ?? { amount: new D(0), exchangeIds: new Set<string>() };
    entry.amount = entry.amount.add(new D(h.total));
    entry.exchangeIds.add(h.exchangeId);
    byAsset.set(h.asset, entry);
  }

  const priced = new Map<string, { value: Dec; value24h: Dec | null; price: Price }>();
  for (const [asset, entry] of byAsset) {
    const preferred = [...entry.exchangeIds].flatMap((id) =>
      books.has(id) ? [books.get(id) as SpotTickers] : [],
    );
    const others = [...books.values()].filter((book) => !entry.exchangeIds.has(book.exchangeId));
    const price = priceIn(asset, options.quote, [...preferred, ...others]);
    if (!price) continue;
    priced.set(asset, {
      price,
      value: entry.amount.mul(price.last).toDecimalPlaces(VALUE_PLACES),
      value24h: price.open ? entry.amount.mul(price.open).toDecimalPlaces(VALUE_PLACES) : null,
    });
  }

  const total = [...priced.values()].reduce((sum, p) => sum.add(p.value), new D(0));
  const withOpen = [...priced.values()].every((p) => p.value24h !== null) && priced.size > 0;
  const total24h = withOpen
    ? [...priced.values()].reduce((sum, p) => sum.add(p.value24h as Dec), new D(0))
    : null;
  // the prices used; with none (stablecoins at par, or no market in this quote) the books consulted,
  // so "no price yet" is never said of prices that are there
  const usedAt = [...priced.values()].map((p) => p.price.at).filter(Number.isFinite);
  const times = usedAt.length > 0 ? usedAt : [...books.values()].map((book) => book.fetchedAt);
  const oldest = times.length > 0 ? Math.min(...times) : null;

  const assets: AssetValue[] = [...byAsset.entries()].map(([asset, entry]) => {
    const p = priced.get(asset);
    return {
      asset,
      amount: entry.amount.toFixed(),
      price: p ? fixed(p.price.last, 12) : null,
      value: p ? p.value.toFixed() : null,
      change24h: p?.value24h ? percent(p.value.sub(p.value24h), p.value24h) : null,
      share: p ? percent(p.value, total) : null,
      stale: p ? Number.isFinite(p.price.at) && options.now - p.price.at > options.staleAfterMs : false,
      exchangeIds: [...entry.exchangeIds].sort(),
      priceSources: p ? [...p.price.sources] : [],
      pricedAt: p && Number.isFinite(p.price.at) ? p.price.at : null,
    };
  });
  // most valuable first, unvalued last, then by name
  assets.sort((a, b) => {
    if (a.value === null || b.value === null)
      return a.value === null ? (b.value === null ? a.asset.localeCompare(b.asset) : 1) : -1;
    return new D(b.value).cmp(a.value) || a.asset.localeCompare(b.asset);
  });

  const exchangeIds = [...new Set(holdings.map((h) => h.exchangeId))].sort();
  const exchanges: ExchangeValue[] = exchangeIds.map((exchangeId) => {
    let value = new D(0);
    const unpriced = new Set<string>();
    for (const h of holdings) {
      if (h.exchangeId !== exchangeId) continue;
      const p = priced.get(h.asset);
      if (p) value = value.add(new D(h.total).mul(p.price.last).toDecimalPlaces(VALUE_PLACES));
      else unpriced.add(h.asset);
    }
    return {
      exchangeId,
      value: value.toFixed(),
      share: percent(value, total),
      unpricedAssets: [...unpriced].sort(),
    };
  });

  return {
    quote: options.quote,
    total: total.toFixed(),
    change24h: total24h ? percent(total.sub(total24h), total24h) : null,
    assets,
    exchanges,
    unpricedAssets: assets.filter((a) => a.value === null).map((a) => a.asset),
    stale: assets.some((a) => a.stale),
    pricesAt: oldest,
  };
}
