import { builder } from '../../schema/builder';
import { NotFoundError } from '../../schema/errors';
import { CONNECTIONS_PAGE_MAX, findOwnConnection, listOwnConnections } from './connection.service';
import { ExchangeConnectionRef } from './types';

builder.queryFields((t) => ({
  exchangeConnections: t.field({
    type: [ExchangeConnectionRef],
    description: `The viewer’s connections, oldest first, at most ${CONNECTIONS_PAGE_MAX} a page: page on with \`after\`, the id of the last connection already shown.`,
    authScopes: { scope: 'connections:read' },
    args: {
      first: t.arg.int({
        required: false,
        defaultValue: 100,
        description: `How many connections to return, 1 to ${CONNECTIONS_PAGE_MAX} (values outside are clamped).`,
      }),
      after: t.arg.id({
        required: false,
        description: 'Only connections after the one with this id (oldest first); omitted: from the first.',
      }),
    },
    resolve: (_root, { first, after }, { em, viewer }) =>
      listOwnConnections(em, viewer!, {
        first: Math.min(Math.max(first ?? 100, 1), CONNECTIONS_PAGE_MAX),
        after: after == null ? null : String(after),
      }),
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
