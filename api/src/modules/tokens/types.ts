import type { IApiToken } from '@keyport/db/entities';
import { builder } from '../../schema/builder';
import { TOKEN_SCOPES } from './token-scopes';

export const TokenScopeEnum = builder.enumType('TokenScope', {
  description: 'What an API token may do: read connections, change them, read the portfolio.',
  values: Object.fromEntries(
    TOKEN_SCOPES.map((scope) => [scope.replace(':', '_').toUpperCase(), { value: scope }]),
  ) as Record<string, { value: (typeof TOKEN_SCOPES)[number] }>,
});

export const ApiTokenRef = builder.objectRef<IApiToken>('ApiToken').implement({
  description:
    'A token a script or another service uses instead of signing in; never shown again after creation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The first characters of the token, to recognise it.' }),
    scopes: t.field({ type: [TokenScopeEnum], resolve: (token) => token.scopes as never[] }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    allowedIps: t.stringList({
      nullable: true,
      description: 'Client IP addresses the token may be used from; null: anywhere.',
      resolve: (token) => token.allowedIps ?? null,
    }),
  }),
});

export const CreatedApiTokenRef = builder
  .objectRef<{ token: string; apiToken: IApiToken }>('CreatedApiToken')
  .implement({
    description: 'A new token: `token` is shown this once; store it now.',
    fields: (t) => ({
      token: t.exposeString('token', { description: 'Send as `Authorization: Bearer <token>`. Shown once.' }),
      apiToken: t.field({ type: ApiTokenRef, resolve: (created) => created.apiToken }),
    }),
  });
