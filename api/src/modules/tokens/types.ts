import type { IApiToken } from '@keyport/db/entities';
import { builder } from '../../schema/builder';
import { TOKEN_SCOPES, type TokenScope } from './token-scopes';

const SCOPE_DESCRIPTIONS: Record<TokenScope, string> = {
  'connections:read':
    'Read your exchange connections: `exchangeConnections`, `exchangeConnection`, `exchangeConnectionUpdated`.',
  'connections:write':
    'Connect, verify, refresh, rename, re-key and delete exchange connections (the connection mutations).',
  'portfolio:read': 'Read your portfolio: `portfolio`, `portfolioHistory`, `portfolioUpdated`.',
};

export const TokenScopeEnum = builder.enumType('TokenScope', {
  description: 'What an API token may do: read connections, change them, read the portfolio.',
  values: Object.fromEntries(
    TOKEN_SCOPES.map((scope) => [
      scope.replace(':', '_').toUpperCase(),
      { value: scope, description: SCOPE_DESCRIPTIONS[scope] },
    ]),
  ) as Record<string, { value: TokenScope; description: string }>,
});

export const ApiTokenRef = builder.objectRef<IApiToken>('ApiToken').implement({
  description:
    'A token a script or another service uses instead of signing in; never shown again after creation.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifies the token, for `revokeApiToken`.' }),
    name: t.exposeString('name', { description: 'What the token is for, as named when it was made.' }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the token, to recognise it.' }),
    scopes: t.field({
      type: [TokenScopeEnum],
      description: 'What the token may do; anything else is refused with FORBIDDEN.',
      resolve: (token) => token.scopes as never[],
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the token was made.' }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When a request last used the token, to within a minute; null: never used.',
    }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the token stops working; null: it works until revoked.',
    }),
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
      apiToken: t.field({
        type: ApiTokenRef,
        description: 'The token as `apiTokens` lists it from now on.',
        resolve: (created) => created.apiToken,
      }),
    }),
  });
