// Picks the PostgreSQL for `npm start` / `npm test`: DATABASE_URL, else local, else embedded PGlite.
import { join } from 'node:path';
import { describeError } from './describe-error';
import { lockDirectory } from './dir-lock';
import { startEmbeddedPostgres } from './embedded-postgres';
import { queryPostgres } from './postgres-probe';
import { redactUrl } from './redact-url';
import { displayPath, KEYPORT_DIR } from './repo-paths';
import { ServiceUnavailableError } from './service-errors';
import type { ResolvedService, ServicesPurpose } from './service-types';

export const LOCAL_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_PGLITE_DIR = join(KEYPORT_DIR, 'pglite');
const START_DATABASE = 'keyport';

export interface PostgresChoice {
  purpose: ServicesPurpose;
  configuredUrl: string | undefined;
  localUrl: string;
  /** Where `start` keeps embedded data. */
  pgliteDir: string;
}

export async function resolvePostgres(choice: PostgresChoice): Promise<ResolvedService> {
  if (choice.configuredUrl) return useConfigured(choice.configuredUrl);
  const localProblem = await checkLocal(choice.localUrl);
  if (!localProblem) return useLocal(choice);
  return startEmbedded(choice, localProblem);
}

async function useConfigured(url: string): Promise<ResolvedService> {
  try {
    await queryPostgres(url, 'select 1');
  } catch (error) {
    throw new ServiceUnavailableError(
      `DATABASE_URL is set to ${redactUrl(url)}, but that PostgreSQL can't be used: ${describeError(error)}.\n` +
        '  Start that server or correct DATABASE_URL; or unset DATABASE_URL to use PostgreSQL on ' +
        '127.0.0.1:5432, or the embedded development fallback when there is none.',
    );
  }
  return {
    url,
    embedded: false,
    notice: `PostgreSQL: DATABASE_URL (${redactUrl(url)})`,
    stop: async () => {},
  };
}

async function checkLocal(url: string): Promise<string | undefined> {
  try {
    await queryPostgres(url, 'select 1', 1_500);
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

async function useLocal({ purpose, localUrl }: PostgresChoice): Promise<ResolvedService> {
  if (purpose === 'test') {
    // tests create a database per file on this server
    return {
      url: localUrl,
      embedded: false,
      notice: `PostgreSQL: local ${redactUrl(localUrl)}`,
      stop: async () => {},
    };
  }
  const rows = await queryPostgres(localUrl, `select 1 from pg_database where datname = '${START_DATABASE}'`);
  let created = '';
  if (rows.length === 0) {
    await queryPostgres(localUrl, `create database "${START_DATABASE}"`);
    created = ' (created it)';
  }
  const url = new URL(localUrl);
  url.pathname = `/${START_DATABASE}`;
  return {
    url: url.toString(),
    embedded: false,
    notice: `PostgreSQL: local ${redactUrl(url.toString())}${created}`,
    stop: async () => {},
  };
}

async function startEmbedded(choice: PostgresChoice, localProblem: string): Promise<ResolvedService> {
  const persistent = choice.purpose === 'start';
  const unlock = persistent
    ? await lockDirectory(`${choice.pgliteDir}.lock`, displayPath(choice.pgliteDir))
    : async () => {};
  try {
    // Pools: api 10 + jobs up to 18 for start; tests run many files (and worker processes) at once.
    const postgres = await startEmbeddedPostgres({
      dataDir: persistent ? choice.pgliteDir : 'memory://',
      maxConnections: persistent ? 30 : 100,
    });
    const where = persistent
      ? `data in ${displayPath(choice.pgliteDir)}`
      : 'in memory, gone when this run ends';
    return {
      url: postgres.url,
      embedded: true,
      notice:
        `PostgreSQL: EMBEDDED PGlite (PostgreSQL 18 in WASM) in this process at ${postgres.url}, ${where}\n` +
        `    (DATABASE_URL is not set, and local ${new URL(choice.localUrl).host}: ${localProblem})`,
      async stop() {
        await postgres.stop();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
