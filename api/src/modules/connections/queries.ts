import { builder } from '../../schema/builder';
import { NotFoundError } from '../../schema/errors';
import { findOwnConnection, listOwnConnections } from './connection.service';
import { ExchangeConnectionRef } from './types';

builder.queryFields((t) => ({
  exchangeConnections: t.field({
    type: [ExchangeConnectionRef],
    description: 'The viewer’s connections, oldest first.',
    authScopes: { scope: 'connections:read' },
    resolve: (_root, _args, { em, viewer }) => listOwnConnections(em, viewer!),
  }),
  exchangeConnection: t.field({
    type: ExchangeConnectionRef,
    nullable: true,
    description: 'One of the viewer’s connections; null when missing or not theirs.',
    authScopes: { scope: 'connections:read' },
    args: { id: t.arg.id({ description: 'The `id` of the connection.' }) },
    resolve: (_root, { id }, { em, viewer }) =>
      findOwnConnection(em, viewer!, String(id)).catch((error) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      }),
  }),
}));
