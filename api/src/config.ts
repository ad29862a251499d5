import { booleanFlag, egressIpList, parseEnv, sharedEnv } from '@keyport/config/env';
import { z } from 'zod';

const ApiConfigSchema = z.object({
  ...sharedEnv,
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  SESSION_TTL_DAYS: z.coerce.number().int().positive().default(30),
  COOKIE_SECURE: booleanFlag,
  GRAPHIQL: booleanFlag,
  CORS_ORIGIN: z.string().optional(),
  // the addresses workers call exchanges from, for users to put on their keys' IP whitelists
  EGRESS_IPS: egressIpList,
  /** Requests per minute per API token or signed-in user, and per IP for anonymous requests. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Live exchange connections one user may hold: every one is refreshed and checked in the background. */
  MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(200),
  /** Failed sign-ins in 15 minutes before an email, or an IP, must wait. */
  SIGN_IN_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  SIGN_IN_FAILURES_PER_IP: z.coerce.number().int().min(1).default(100),
  /** Set when a reverse proxy (the dashboard's /graphql route counts) sets X-Forwarded-For. */
  TRUST_PROXY: booleanFlag,
});

export type ApiConfig = z.infer<typeof ApiConfigSchema>;

export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return parseEnv(ApiConfigSchema, env);
}
