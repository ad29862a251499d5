import { graphql } from '../../graphql/graphql';

export const PortfolioFieldsFragment = graphql(`
  fragment PortfolioFields on Portfolio {
    quote
    total
    change24h
    stale
    pricesAt
    unpricedAssets
    assets {
      asset
      amount
      price
      value
      share
      change24h
      stale
      exchangeIds
      priceSources {
        id
        name
      }
      pricedAt
    }
    exchanges {
      exchangeId
      exchange {
        name
      }
      value
      share
      unpricedAssets
    }
  }
`);

export const PortfolioQuery = graphql(
  `
    query PortfolioPage($quote: Quote) {
      portfolio(quote: $quote) {
        ...PortfolioFields
      }
    }
  `,
  [PortfolioFieldsFragment],
);

export const PortfolioUpdated = graphql(
  `
    subscription PortfolioLive($quote: Quote) {
      portfolioUpdated(quote: $quote) {
        ...PortfolioFields
      }
    }
  `,
  [PortfolioFieldsFragment],
);
