import {
  type ConnectionUpdated,
  type PortfolioUpdated,
  portfolioTopic,
} from '@keyport/events/connection-events';
import { filter, pipe } from 'graphql-yoga';
import type { SessionRevoked, TokenRevoked } from '../../context';
import { builder } from '../../schema/builder';
import { latestPerKey } from '../connections/latest-per-key';
import { untilRevoked } from '../tokens/until-revoked';
import { viewerPortfolio } from './portfolio.service';
import { PortfolioRef, quoteArgs } from './types';

builder.subscriptionField('portfolioUpdated', (t) =>
  t.field({
    type: PortfolioRef,
    description:
      'The viewer’s portfolio, valued again each time their balances change. At-most-once: re-query after reconnecting.',
    authScopes: { scope: 'portfolio:read' },
    args: quoteArgs,
    subscribe: (_root, _args, { viewer, deps }) => {
      const ownerId = viewer!.userId;
      const own = pipe(
        deps.pubsub.subscribe(portfolioTopic(deps.redisPrefix, ownerId)),
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
