import { findConnectionById } from '@keyport/db/connection-rows';
import { type ConnectionUpdated, connectionTopic } from '@keyport/events/connection-events';
import { GraphQLError } from 'graphql';
import { builder } from '../../schema/builder';
import { NotFoundError } from '../../schema/errors';
import { findOwnConnection } from './connection.service';
import { ExchangeConnectionRef } from './types';

builder.subscriptionField('exchangeConnectionUpdated', (t) =>
  t.field({
    type: ExchangeConnectionRef,
    description:
      'Every change of the viewer’s connections (or of one, with `id`), re-read from the database. ' +
      'Delivery is at-most-once: re-query after reconnecting.',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: false }) },
    subscribe: async function* (_root, { id }, { em, viewer, deps }) {
      const ownerId = viewer!.userId;
      if (id) {
        await findOwnConnection(em, viewer!, String(id)).catch((error) => {
          if (error instanceof NotFoundError)
            throw new GraphQLError(error.message, { extensions: { code: error.code } });
          throw error;
        });
      }
      for await (const event of deps.pubsub.subscribe(connectionTopic(deps.redisPrefix, ownerId))) {
        if (event.ownerId === ownerId && (!id || event.connectionId === id)) yield event;
      }
    },
    // a fresh EntityManager per event: the subscription outlives any identity map
    resolve: async (event: ConnectionUpdated, _args, { deps, viewer }) => {
      const connection = await findConnectionById(deps.orm.em.fork(), event.connectionId);
      if (!connection || connection.owner !== viewer!.userId)
        throw new GraphQLError('Exchange connection not found', { extensions: { code: 'NOT_FOUND' } });
      return connection;
    },
  }),
);
