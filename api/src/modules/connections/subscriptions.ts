import { connectionUpdated, type EventOf } from '@keyport/events/topics';
import { GraphQLError } from 'graphql';
import { filter, pipe, Repeater } from 'graphql-yoga';
import { builder } from '../../schema/builder';
import { NotFoundError } from '../../schema/errors';
import { resentOnReconnect } from '../../transport/redis-resync';
import { untilRevoked } from '../tokens/until-revoked';
import { findOwnConnection } from './connection.service';
import { connectionLoaders } from './connection-loaders';
import { latestPerKey } from './latest-per-key';
import { ExchangeConnectionRef } from './types';

builder.subscriptionField('exchangeConnectionUpdated', (t) =>
  t.field({
    type: ExchangeConnectionRef,
    description:
      'Every change of the viewer’s connections (or of one, with `id`), re-read from the database. ' +
      'When the api lost its link to Redis and got it back, every watched connection is sent again as it now is. ' +
      'Keep the highest `version` per id and drop lower or equal ones; re-query after reconnecting yourself.',
    authScopes: { scope: 'connections:read' },
    args: {
      id: t.arg.id({
        required: false,
        description: 'Only this connection (an unknown id fails with NOT_FOUND); omitted: all of yours.',
      }),
    },
    subscribe: async (_root, { id }, { em, viewer, deps }) => {
      const ownerId = viewer!.userId;
      if (id) {
        await findOwnConnection(em, viewer!, String(id)).catch((error) => {
          if (error instanceof NotFoundError)
            throw new GraphQLError(error.message, { extensions: { code: error.code } });
          throw error;
        });
      }
      // after Redis came back: every watched connection once more, deleted meanwhile included
      const resent = resentOnReconnect(
        deps.resync,
        async (lostAt): Promise<EventOf<'connection-updated'>[]> => {
          const rows = await deps.orm.em
            .fork()
            .getConnection()
            .execute<{ id: string; status: string; progress_step: string | null }[]>(
              `select id, status, progress_step from exchange_connections
                where owner_id = ? and (deleted_at is null or deleted_at >= ?) ${id ? 'and id = ?' : ''}`,
              [ownerId, lostAt, ...(id ? [String(id)] : [])],
            );
          return rows.map((row) =>
            connectionUpdated({
              id: row.id,
              owner: ownerId,
              status: row.status,
              progressStep: row.progress_step,
            }),
          );
        },
        (error) =>
          deps.logger.warn({ err: error.message }, 'resending connections after Redis came back failed'),
      );
      const own = pipe(
        Repeater.merge([deps.events.subscribe('connection-updated', ownerId), resent]),
        filter((event) => event.ownerId === ownerId && (!id || event.connectionId === id)),
      );
      // notices that wait for a slow client collapse into one re-read per connection
      return untilRevoked(
        latestPerKey(own, (event) => event.connectionId),
        deps,
        viewer!,
      );
    },
    // re-read per event (the subscription outlives any identity map); one query for every subscriber of it
    resolve: async (event: EventOf<'connection-updated'>, _args, { deps, viewer }) => {
      const connection = await connectionLoaders(deps.orm).connection.load(event.connectionId);
      if (!connection || connection.owner !== viewer!.userId)
        throw new GraphQLError('Exchange connection not found', { extensions: { code: 'NOT_FOUND' } });
      return connection;
    },
  }),
);
