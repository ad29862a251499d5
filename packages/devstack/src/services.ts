// PostgreSQL and Redis for `npm start` / `npm test`: what the environment names, else the local
// defaults, else embedded stand-ins started in this process (development only).
import { DEFAULT_PGLITE_DIR, LOCAL_POSTGRES_URL, resolvePostgres } from './postgres-service';
import { LOCAL_REDIS_URL, resolveRedis } from './redis-service';
import type { ResolvedService, ServicesPurpose } from './service-types';

export interface ServicesOptions {
  purpose: ServicesPurpose;
  env?: Record<string, string | undefined>;
  /** Tried when the variable is unset; tests point them at closed ports. */
  localPostgresUrl?: string;
  localRedisUrl?: string;
  /** Where `start` keeps embedded PostgreSQL data (default .keyport/pglite). */
  pgliteDir?: string;
}

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  /** What is used and why; print them. */
  notices: string[];
  /** Stops the embedded services, if any. Stop their clients first: a connected client can hold it up. */
  stop(): Promise<void>;
}

export async function ensureServices(options: ServicesOptions): Promise<Services> {
  const env = options.env ?? process.env;
  const postgres = await resolvePostgres({
    purpose: options.purpose,
    configuredUrl: env.DATABASE_URL || undefined,
    localUrl: options.localPostgresUrl ?? LOCAL_POSTGRES_URL,
    pgliteDir: options.pgliteDir ?? DEFAULT_PGLITE_DIR,
  });
  let redis: ResolvedService;
  try {
    redis = await resolveRedis(env.REDIS_URL || undefined, options.localRedisUrl ?? LOCAL_REDIS_URL);
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return {
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    notices: [postgres.notice, redis.notice, ...embeddedWarning([postgres, redis])],
    async stop() {
      const results = await Promise.allSettled([redis.stop(), postgres.stop()]);
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}

function embeddedWarning(services: ResolvedService[]): string[] {
  if (!services.some((service) => service.embedded)) return [];
  const rule = '='.repeat(100);
  return [
    [
      rule,
      '  EMBEDDED DEVELOPMENT FALLBACK (see above): fine for trying Keyport out, NOT FOR PRODUCTION.',
      '  It runs inside this one process and stops with it; PGlite runs one query at a time, so it is slow',
      '  under load; js-redis-server is a young JavaScript reimplementation of Redis.',
      '  For real services set DATABASE_URL and REDIS_URL, or run PostgreSQL on 127.0.0.1:5432 and Redis on',
      '  127.0.0.1:6379.',
      rule,
    ].join('\n'),
  ];
}
