import { booleanFlag, egressIpList, parseEnv, sharedEnv } from '@keyport/config/env';
import { parseUrlOverrides } from '@keyport/exchange/url-overrides';
import { type ExchangeRateLimits, parseRateLimits } from '@keyport/rate-limits/rate-limit-config';
import { z } from 'zod';

const JobsConfigSchema = z.object({
  ...sharedEnv,
  KEYRING_PRIVATE: z.string().min(1, 'is required: workers decrypt credentials with the private keyring'),
  EXCHANGE_URL_OVERRIDES: z.string().optional(),
  /** JSON map of exchange id → { costPerSecond } replacing ccxt's published budget for that exchange. */
  EXCHANGE_RATE_LIMITS: z.string().optional(),
  /** The egress IP (or NAT gateway) this worker sends from: venues limit per IP, workers sharing one share a budget. */
  EGRESS_IP: z.string().min(1).max(64).default('default'),
  /** Every address workers reach exchanges from: a key whitelisting only some of them is refused. */
  EGRESS_IPS: egressIpList,
  /** Accept keys that can withdraw (flagged on the connection) instead of refusing them and erasing the secret. */
  ALLOW_WITHDRAWAL_KEYS: booleanFlag,
  /** Keys on exchanges that do not report withdrawal rights: 'warn' (accept, flagged) or 'refuse' (erase). */
  UNKNOWN_WITHDRAWAL_RIGHTS: z.enum(['warn', 'refuse']).default('warn'),
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
  /** How often a connected account's balances are read again (each account jittered by up to a fifth). */
  BALANCE_REFRESH_MS: z.coerce.number().int().min(500).default(60_000),
  /** Connected accounts per balance-refresh job: they share one load, one write, one queue round trip. */
  REFRESH_BATCH_SIZE: z.coerce.number().int().min(1).max(200).default(50),
  /** How often a connected key's rights are read again (with a balance refresh): they can change later. */
  PERMISSION_RECHECK_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(24 * 3_600_000),
  /** How often each user's portfolio total is recorded for its history (downsampled as it ages). */
  SNAPSHOT_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60_000),
  /** How often each exchange's spot tickers (portfolio prices) are fetched again. */
  PRICE_REFRESH_MS: z.coerce.number().int().min(200).default(30_000),
});

export type JobsConfig = z.infer<typeof JobsConfigSchema> & {
  urlOverrides: Record<string, string>;
  rateLimits: ExchangeRateLimits;
};

export function loadJobsConfig(env: Record<string, string | undefined> = process.env): JobsConfig {
  let urlOverrides: Record<string, string> = {};
  let rateLimits: ExchangeRateLimits = {};
  const config = parseEnv(JobsConfigSchema, env, (problems) => {
    try {
      urlOverrides = parseUrlOverrides(env.EXCHANGE_URL_OVERRIDES);
    } catch (error) {
      problems.push((error as Error).message);
    }
    try {
      rateLimits = parseRateLimits(env.EXCHANGE_RATE_LIMITS);
    } catch (error) {
      problems.push((error as Error).message);
    }
  });
  return { ...config, urlOverrides, rateLimits };
}
