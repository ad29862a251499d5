import { builder } from '../../schema/builder';
import { listApiTokens } from './token.service';
import { ApiTokenRef } from './types';

builder.queryField('apiTokens', (t) =>
  t.field({
    type: [ApiTokenRef],
    description: 'Your API tokens that are not revoked, newest first. Signed-in sessions only.',
    authScopes: { session: true },
    resolve: (_root, _args, ctx) => listApiTokens(ctx, ctx.viewer!),
  }),
);
