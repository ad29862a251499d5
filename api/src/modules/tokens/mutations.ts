import { builder } from '../../schema/builder';
import { resultDescriptions } from '../../schema/error-types';
import { LimitReachedError, NotFoundError, ValidationError } from '../../schema/errors';
import { createApiToken, revokeApiToken } from './token.service';
import { ApiTokenRef, CreatedApiTokenRef, TokenScopeEnum } from './types';

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  description:
    'A new API token: its name, scopes, and optionally an expiry and the client IPs it is bound to.',
  fields: (t) => ({
    name: t.string({ description: 'What the token is for ("tax tool"), unique or not.' }),
    scopes: t.field({ type: [TokenScopeEnum], description: 'What the token may do: at least one scope.' }),
    expiresAt: t.field({ type: 'DateTime', required: false, description: 'None: until revoked.' }),
    allowedIps: t.stringList({
      required: false,
      description: 'Client IP addresses the token may be used from; none: anywhere.',
    }),
  }),
});

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedApiTokenRef,
    description: 'Makes a token limited to its scopes. Signed-in sessions only: a token cannot make tokens.',
    authScopes: { session: true },
    errors: {
      types: [ValidationError, LimitReachedError],
      ...resultDescriptions('createApiToken', 'The new token, with its secret shown this once.'),
    },
    args: { input: t.arg({ type: CreateApiTokenInput, description: 'The token to make.' }) },
    resolve: (_root, { input }, ctx) =>
      createApiToken(ctx, ctx.viewer!, {
        name: input.name,
        scopes: input.scopes,
        expiresAt: input.expiresAt,
        allowedIps: input.allowedIps,
      }),
  }),
  revokeApiToken: t.field({
    type: ApiTokenRef,
    description: 'Revokes a token at once: its next request is refused.',
    authScopes: { session: true },
    errors: { types: [NotFoundError], ...resultDescriptions('revokeApiToken', 'The token, now revoked.') },
    args: { id: t.arg.id({ description: 'The `id` of one of your tokens that is not revoked yet.' }) },
    resolve: (_root, { id }, ctx) => revokeApiToken(ctx, ctx.viewer!, id),
  }),
}));
