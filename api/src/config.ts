import { booleanFlag, egressIpList, parseEnv, sharedEnv } from '@keyport/config/env';
import { z } from 'zod';
import { parseTrustedProxies } from './transport/client-address';

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
  /** On SIGTERM, how long requests in flight may take to finish before their connections are cut. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** The proxies (addresses, CIDR ranges) whose X-Forwarded-For is believed, e.g. the dashboard's /graphql route. */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((raw, ctx) => {
      if (/^(true|1|on|yes)$/i.test(raw.trim())) {
        ctx.addIssue({
          code: 'custom',
          message: 'list the proxy addresses or CIDR ranges to trust (e.g. 172.30.0.10), not a flag',
        });
        return z.NEVER;
      }
      const { proxies, invalid } = parseTrustedProxies(raw);
      if (invalid.length > 0) {
        ctx.addIssue({ code: 'custom', message: `not an IP address or CIDR range: ${invalid.join(', ')}` });
        return z.NEVER;
      }
      return raw.trim() ? proxies : undefined;
    }),
});

export type ApiConfig = z.infer<typeof ApiConfigSchema>;

export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return parseEnv(ApiConfigSchema, env);
}
