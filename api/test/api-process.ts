// Runs the real api entry (api/src/server.ts) as a child process, as production does.
import { fileURLToPath } from 'node:url';
import { type EntryProcess, spawnEntry, stopEntry } from './entry-process';

const apiEntry = fileURLToPath(new URL('../src/server.ts', import.meta.url));

export interface ApiProcess extends Omit<EntryProcess, 'ready'> {
  /** Where it serves once `ready` resolved (port 0 picks a free one; the log line says which). */
  url(): string;
  /** Resolves once the api logged that it listens. */
  ready: Promise<void>;
}

export interface ApiProcessEnv {
  DATABASE_URL: string;
  REDIS_PREFIX: string;
  KEYRING_PUBLIC: string;
  [name: string]: string;
}

export function spawnApi(env: ApiProcessEnv): ApiProcess {
  let url = '';
  const process = spawnEntry(
    apiEntry,
    {
      REDIS_URL: globalThis.process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    /api listening on (http:\/\/[^\s"]+)/,
  );
  const ready = process.ready.then((match) => {
    url = match[1] ?? '';
  });
  return { ...process, url: () => url, ready };
}

export const stopApi = stopEntry;
