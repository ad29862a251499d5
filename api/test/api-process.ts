// Runs the real api entry (api/src/server.ts) as a child process, as production does.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const apiEntry = fileURLToPath(new URL('../src/server.ts', import.meta.url));

export interface ApiProcess {
  child: ChildProcess;
  output: string[];
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
  const output: string[] = [];
  let url = '';
  const child = spawn(process.execPath, ['--import', tsxLoader, apiEntry], {
    env: {
      PATH: process.env.PATH ?? '',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const listening = /api listening on (http:\/\/[^\s"]+)/.exec(output.join(''));
      if (listening?.[1] && !url) {
        url = listening[1];
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`api exited (${code}) before listening:\n${output.join('')}`)),
    );
  });
  return { child, output, url: () => url, ready };
}

export function stopApi(api: ApiProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    api.child.once('exit', () => resolve());
    api.child.kill(signal);
  });
}
