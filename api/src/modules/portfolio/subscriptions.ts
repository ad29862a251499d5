import { type EventOf, portfolioUpdated } from '@keyport/events/topics';
import { filter, pipe, Repeater } from 'graphql-yoga';
import { builder } from '../../schema/builder';
import { resentOnReconnect } from '../../transport/redis-resync';
import { latestPerKey } from '../connections/latest-per-key';
import { untilRevoked } from '../tokens/until-revoked';
import { viewerPortfolio } from './portfolio.service';
import { PortfolioRef, quoteArgs } from './types';

builder.subscriptionField('portfolioUpdated', (t) =>
  t.field({
    type: PortfolioRef,
    description:
      'The viewer’s portfolio, valued again each time their balances change, and once more when the api got its lost link to Redis back. Each event is a whole valuation that replaces the one before; re-query after reconnecting yourself.',
    authScopes: { scope: 'portfolio:read' },
    args: quoteArgs,
    subscribe: (_root, _args, { viewer, deps }) => {
      const ownerId = viewer!.userId;
      // after Redis came back: valued once more, whatever was missed meanwhile
      const resent = resentOnReconnect(
        deps.resync,
        async (): Promise<EventOf<'portfolio-updated'>[]> => [portfolioUpdated(ownerId)],
        (error) =>
          deps.logger.warn({ err: error.message }, 'resending the portfolio after Redis came back failed'),
      );
      const own = pipe(
        Repeater.merge([deps.events.subscribe('portfolio-updated', ownerId), resent]),
        filter((event) => event.ownerId === ownerId),
      );
      // one valuation per burst: many accounts refreshed together need only the latest total
      return untilRevoked(
        latestPerKey(own, (event) => event.ownerId),
        deps,
        viewer!,
      );
    },
    resolve: (_event: EventOf<'portfolio-updated'>, { quote }, ctx) =>
      viewerPortfolio(ctx, ctx.viewer!, quote ?? 'USD'),
  }),
);
