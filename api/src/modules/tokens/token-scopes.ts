/** What an API token may be allowed; a signed-in session may do all of it, and manage tokens too. */
export const TOKEN_SCOPES = ['connections:read', 'connections:write', 'portfolio:read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}
