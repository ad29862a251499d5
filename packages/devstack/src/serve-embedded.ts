// Runs only the embedded PostgreSQL and Redis until Ctrl-C, e.g. to point `npm test` or a debugger at them.
import { startEmbeddedPostgres } from './embedded-postgres';
import { startEmbeddedRedis } from './embedded-redis';

const postgres = await startEmbeddedPostgres({
  dataDir: 'memory://',
  maxConnections: 100,
  port: Number(process.env.PGLITE_PORT ?? 0),
});
const redis = await startEmbeddedRedis(Number(process.env.EMBEDDED_REDIS_PORT ?? 0));
console.log('Embedded development stand-ins (PGlite, js-redis-server), in memory, not for production:');
console.log(`DATABASE_URL=${postgres.url}`);
console.log(`REDIS_URL=${redis.url}`);

const stop = async () => {
  await postgres.stop();
  await redis.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
