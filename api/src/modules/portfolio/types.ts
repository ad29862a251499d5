import { findExchange } from '@keyport/exchange/catalogue';
import type { AssetValue, ExchangeValue, PortfolioValuation } from '@keyport/valuation/value-portfolio';
import { QUOTES } from '@keyport/valuation/value-portfolio';
import { builder } from '../../schema/builder';
import { describedValues } from '../../schema/enum-values';
import { ExchangeRef } from '../exchanges/types';

export const QuoteEnum = builder.enumType('Quote', {
  description: 'The currency a portfolio is valued in (USD through USD, USDT and USDC markets).',
  values: describedValues(QUOTES, {
    USD: 'US dollars, priced from USDT, USDC and USD markets; stablecoins count at par.',
    EUR: 'Euros, priced from EUR markets, else through dollars.',
    BTC: 'Bitcoin, priced from BTC markets, else through dollars.',
  }),
});

/** `quote: Quote = USD`, the same argument on every portfolio field. */
export const quoteArgs = builder.args((t) => ({
  quote: t.field({
    type: QuoteEnum,
    required: false,
    defaultValue: 'USD',
    description: 'The currency to value in.',
  }),
}));

const AssetValueRef = builder.objectRef<AssetValue>('PortfolioAsset').implement({
  description:
    'One asset across every wallet and exchange of the viewer; amounts and values are exact decimal strings.',
  fields: (t) => ({
    asset: t.exposeString('asset', { description: 'The currency code, as ccxt names it (`BTC`).' }),
    amount: t.exposeString('amount', {
      description: 'Total held, summed exactly over wallets and exchanges.',
    }),
    price: t.exposeString('price', {
      nullable: true,
      description: 'In the quote; null when no market prices it.',
    }),
    value: t.exposeString('value', {
      nullable: true,
      description: 'amount × price; null when unpriced, never 0.',
    }),
    change24h: t.exposeString('change24h', {
      nullable: true,
      description: 'Percent change of the value over 24 h.',
    }),
    share: t.exposeString('share', { nullable: true, description: 'Percent of the valued total.' }),
    stale: t.exposeBoolean('stale', { description: 'The price is older than two minutes.' }),
    exchangeIds: t.exposeStringList('exchangeIds', {
      description: 'The ccxt ids of the exchanges it is held on, sorted.',
    }),
    priceSources: t.field({
      type: [ExchangeRef],
      description:
        'The exchanges whose tickers gave the price: those it is held on first, else a reference exchange; empty for a dollar stablecoin taken at par in dollars, for the quote currency itself, or when unpriced.',
      resolve: (a) => a.priceSources.flatMap((id) => findExchange(id) ?? []),
    }),
    pricedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When those tickers were fetched; null when no ticker was used (at par, the quote itself) or unpriced.',
      resolve: (a) => (a.pricedAt === null ? null : new Date(a.pricedAt)),
    }),
  }),
});

const ExchangeValueRef = builder.objectRef<ExchangeValue>('PortfolioExchange').implement({
  description: 'What the viewer holds on one exchange, valued in the quote.',
  fields: (t) => ({
    exchangeId: t.exposeString('exchangeId', { description: 'The ccxt id of the exchange.' }),
    exchange: t.field({
      type: ExchangeRef,
      nullable: true,
      description: 'The exchange from the catalogue; null if Keyport no longer supports it.',
      resolve: (e) => findExchange(e.exchangeId) ?? null,
    }),
    value: t.exposeString('value', { description: 'Of the assets that could be valued.' }),
    share: t.exposeString('share', {
      nullable: true,
      description: 'Percent of the valued total; null when the total is 0.',
    }),
    unpricedAssets: t.exposeStringList('unpricedAssets', {
      description: 'Assets held here that no market prices, sorted; not counted in `value`.',
    }),
  }),
});

export const PortfolioRef = builder.objectRef<PortfolioValuation>('Portfolio').implement({
  description:
    'The viewer’s holdings valued from exchange spot prices. Unpriced assets are listed, never counted as 0.',
  fields: (t) => ({
    quote: t.field({
      type: QuoteEnum,
      description: 'The currency every value is in.',
      resolve: (p) => p.quote,
    }),
    total: t.exposeString('total', { description: 'Sum of the valued assets, in the quote.' }),
    change24h: t.exposeString('change24h', {
      nullable: true,
      description: 'Percent change of the total over 24 h; null when a price used has no 24 h opening.',
    }),
    stale: t.exposeBoolean('stale', { description: 'Some price used is older than two minutes.' }),
    pricesAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the oldest price used was fetched (none used: the oldest price list consulted); null until the workers have fetched prices.',
      resolve: (p) => (p.pricesAt === null ? null : new Date(p.pricesAt)),
    }),
    assets: t.field({
      type: [AssetValueRef],
      description: 'Most valuable first; unpriced last.',
      resolve: (p) => p.assets,
    }),
    exchanges: t.field({
      type: [ExchangeValueRef],
      description: 'The same holdings per exchange, by exchange id.',
      resolve: (p) => p.exchanges,
    }),
    unpricedAssets: t.exposeStringList('unpricedAssets', {
      description:
        'Assets held that no market prices; listed in `assets` without a value, not counted in `total`.',
    }),
  }),
});

export const PortfolioPointRef = builder
  .objectRef<{ at: Date; value: string | null; complete: boolean }>('PortfolioPoint')
  .implement({
    description: 'The portfolio total at one moment.',
    fields: (t) => ({
      at: t.expose('at', { type: 'DateTime', description: 'When the total was recorded.' }),
      value: t.exposeString('value', {
        nullable: true,
        description: 'Null when nothing could be valued then.',
      }),
      complete: t.exposeBoolean('complete', { description: 'False when some held asset had no price then.' }),
    }),
  });
