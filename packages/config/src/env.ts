import { isIP } from 'node:net';
import { z } from 'zod';

/** Variables every process shares; each app extends this with its own. */
export const sharedEnv = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w{}.-]+$/, 'letters, digits, _ . - { } only')
    .default('keyport'),
  KEYRING_PUBLIC: z.string().min(1, 'is required: the public half of the credential keyring (kid:base64,…)'),
  KEYRING_ACTIVE_KID: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** The addresses workers call exchanges from: users put them on their keys' IP whitelists. */
export const egressIpList = z
  .string()
  .default('')
  .transform((raw) =>
    raw
      .split(',')
      .map((ip) => ip.trim())
      .filter(Boolean),
  )
  .refine((ips) => ips.every((ip) => isIP(ip) !== 0), 'must be a comma-separated list of IP addresses');

export const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once; every bad or missing variable is listed in one ConfigError. */
export function parseEnv<T>(
  schema: z.ZodType<T>,
  env: Record<string, string | undefined>,
  extraChecks: (problems: string[]) => void = () => {},
): T {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  extraChecks(problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}
