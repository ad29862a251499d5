import { parseUrlOverrides } from '@keyport/exchange/url-overrides';
import { z } from 'zod';

const ConfigSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w{}.-]+$/, 'letters, digits, _ . - { } only')
    .default('keyport'),
  KEYRING_PUBLIC: z.string().min(1, 'is required: the public half of the credential keyring'),
  KEYRING_PRIVATE: z.string().min(1, 'is required: workers decrypt credentials with the private keyring'),
  KEYRING_ACTIVE_KID: z.string().optional(),
  EXCHANGE_URL_OVERRIDES: z.string().optional(),
  EXCHANGE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  VERIFY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  RETRY_BASE_MS: z.coerce.number().int().min(10).default(2_000),
  RETRY_MAX_MS: z.coerce.number().int().min(10).default(300_000),
  /** After the last attempt of a retryable failure, the reconciler tries again this much later. */
  RETRY_LATER_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(15 * 60_000),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  LOCK_DURATION_MS: z.coerce.number().int().min(500).default(30_000),
  STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type JobsConfig = z.infer<typeof ConfigSchema> & { urlOverrides: Record<string, string> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once, listing every bad or missing variable in one message. */
export function loadJobsConfig(env: Record<string, string | undefined> = process.env): JobsConfig {
  const parsed = ConfigSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  let urlOverrides: Record<string, string> = {};
  try {
    urlOverrides = parseUrlOverrides(env.EXCHANGE_URL_OVERRIDES);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return { ...parsed.data, urlOverrides };
}
