// The environment of each child of `npm start`: only what that process should know.
import type { DevKeyring } from './keyring';

type Env = Record<string, string | undefined>;

export interface StackEnv {
  databaseUrl: string;
  redisUrl: string;
  keyring: DevKeyring;
  apiPort: number;
  exchangeUrlOverrides?: string;
}

function without(env: Env, ...names: string[]): Env {
  const copy = { ...env };
  for (const name of names) delete copy[name];
  return copy;
}

function shared(base: Env, stack: StackEnv): Env {
  return {
    ...without(base, 'KEYRING_PUBLIC', 'KEYRING_PRIVATE'),
    NODE_ENV: base.NODE_ENV ?? 'development',
    DATABASE_URL: stack.databaseUrl,
    REDIS_URL: stack.redisUrl,
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

/** The api seals credentials but must never be able to open them: no KEYRING_PRIVATE. */
export function apiEnv(base: Env, stack: StackEnv): Env {
  return { ...shared(base, stack), KEYRING_PUBLIC: stack.keyring.publicKeys, PORT: String(stack.apiPort) };
}

export function jobsEnv(base: Env, stack: StackEnv): Env {
  return {
    ...without(shared(base, stack), 'PORT'),
    KEYRING_PUBLIC: stack.keyring.publicKeys,
    KEYRING_PRIVATE: stack.keyring.privateKeys,
    ...(stack.exchangeUrlOverrides ? { EXCHANGE_URL_OVERRIDES: stack.exchangeUrlOverrides } : {}),
  };
}

/** The dashboard talks to the api only, through its rewrite; it needs no database, Redis or keys. */
export function webEnv(base: Env, stack: StackEnv): Env {
  return {
    ...without(shared(base, stack), 'DATABASE_URL', 'REDIS_URL', 'PORT'),
    KEYPORT_API_URL: base.KEYPORT_API_URL ?? `http://127.0.0.1:${stack.apiPort}/graphql`,
  };
}
