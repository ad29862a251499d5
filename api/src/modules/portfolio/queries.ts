import { builder } from '../../schema/builder';
import { describedValues } from '../../schema/enum-values';
import { HISTORY_RANGES, type HistoryRange, viewerHistory, viewerPortfolio } from './portfolio.service';
import { PortfolioPointRef, PortfolioRef, quoteArgs } from './types';

builder.queryField('portfolio', (t) =>
  t.field({
    type: PortfolioRef,
    description:
      'Everything the viewer holds on every connected exchange, merged by asset and valued in `quote`.',
    authScopes: { scope: 'portfolio:read' },
    args: quoteArgs,
    resolve: (_root, { quote }, ctx) => viewerPortfolio(ctx, ctx.viewer!, quote ?? 'USD'),
  }),
);

const HistoryRangeEnum = builder.enumType('HistoryRange', {
  description: 'How far back a history goes: a day, a week, 30 days, a year, everything.',
  values: describedValues(Object.keys(HISTORY_RANGES) as HistoryRange[], {
    DAY: 'The last 24 hours.',
    WEEK: 'The last 7 days.',
    MONTH: 'The last 30 days.',
    YEAR: 'The last 365 days.',
    ALL: 'Everything recorded.',
  }),
});

builder.queryField('portfolioHistory', (t) =>
  t.field({
    type: [PortfolioPointRef],
    description:
      'The viewer’s total over time, oldest first: a point every few minutes for the last day, hourly up to 30 days, daily beyond.',
    authScopes: { scope: 'portfolio:read' },
    args: {
      range: t.arg({
        type: HistoryRangeEnum,
        required: false,
        defaultValue: 'DAY',
        description: 'How far back to go.',
      }),
      ...quoteArgs,
    },
    resolve: (_root, { range, quote }, ctx) =>
      viewerHistory(ctx, ctx.viewer!, range ?? 'DAY', quote ?? 'USD'),
  }),
);
