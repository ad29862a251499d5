import { builder } from '../../schema/builder';
import { NotFoundError, ValidationError } from '../../schema/errors';
import { createApiToken, revokeApiToken } from './token.service';
import { ApiTokenRef, CreatedApiTokenRef, TokenScopeEnum } from './types';

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    name: t.string({ description: 'What the token is for ("tax tool"), unique or not.' }),
    scopes: t.field({ type: [TokenScopeEnum] }),
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
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: CreateApiTokenInput }) },
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
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id() },
    resolve: (_root, { id }, ctx) => revokeApiToken(ctx, ctx.viewer!, id),
  }),
}));
