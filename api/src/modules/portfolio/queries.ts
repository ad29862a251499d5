import { builder } from '../../schema/builder';
import { viewerPortfolio } from './portfolio.service';
import { PortfolioRef, QuoteEnum } from './types';

builder.queryField('portfolio', (t) =>
  t.field({
    type: PortfolioRef,
    description:
      'Everything the viewer holds on every connected exchange, merged by asset and valued in `quote`.',
    authScopes: { signedIn: true },
    args: { quote: t.arg({ type: QuoteEnum, required: false, defaultValue: 'USD' }) },
    resolve: (_root, { quote }, ctx) => viewerPortfolio(ctx, ctx.viewer!, quote ?? 'USD'),
  }),
);
