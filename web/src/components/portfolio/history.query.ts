import { graphql } from '../../graphql/graphql';

export const PortfolioHistoryQuery = graphql(`
  query PortfolioHistory($range: HistoryRange, $quote: Quote) {
    portfolioHistory(range: $range, quote: $quote) {
      at
      value
      complete
    }
  }
`);
