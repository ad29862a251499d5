import {
  type ConnectionUpdated,
  type PortfolioUpdated,
  portfolioTopic,
} from '@keyport/events/connection-events';
import { filter, pipe, Repeater } from 'graphql-yoga';
import type { SessionRevoked, TokenRevoked } from '../../context';
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
        async (): Promise<PortfolioUpdated[]> => [{ ownerId, at: Date.now() }],
        (error) =>
          deps.logger.warn({ err: error.message }, 'resending the portfolio after Redis came back failed'),
      );
      const own = pipe(
        Repeater.merge([deps.pubsub.subscribe(portfolioTopic(deps.redisPrefix, ownerId)), resent]),
        filter(
          (
            event: ConnectionUpdated | PortfolioUpdated | TokenRevoked | SessionRevoked,
          ): event is PortfolioUpdated =>
            'ownerId' in event && !('connectionId' in event) && event.ownerId === ownerId,
        ),
      );
      // one valuation per burst: many accounts refreshed together need only the latest total
      return untilRevoked(
        latestPerKey(own, (event) => event.ownerId),
        deps,
        viewer!,
      );
    },
    resolve: (_event: PortfolioUpdated, { quote }, ctx) => viewerPortfolio(ctx, ctx.viewer!, quote ?? 'USD'),
  }),
);
