import { randomBytes } from 'node:crypto';

/** Every API token starts so: recognisable in a leaked config, and told apart from a session at a glance. */
export const API_TOKEN_PREFIX = 'kp_';

/** 256 random bits after the prefix; only the SHA-256 is stored, the token is shown once. */
export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What the token list shows of a token: enough to recognise it, far too little to use it. */
export function visiblePrefix(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX.length + 6);
}
