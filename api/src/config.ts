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
});

export type ApiConfig = z.infer<typeof ApiConfigSchema>;

export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return parseEnv(ApiConfigSchema, env);
}
