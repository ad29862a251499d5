// Runs a real process entry (the api's server.ts, the worker's main.ts) as a child process, as production does.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// tsx's loader inside one node process: the tsx CLI would add a parent that SIGKILL cannot see through
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface EntryProcess {
  child: ChildProcess;
  output: string[];
  /** Resolves with the match once the process printed `readyWhen`; rejects if it exits first. */
  ready: Promise<RegExpExecArray>;
}

export function spawnEntry(entry: string, env: Record<string, string>, readyWhen: RegExp): EntryProcess {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', tsxLoader, entry], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = readyWhen.exec(output.join(''));
      if (match) resolve(match);
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`${entry} exited (${code}) before it was ready:\n${output.join('')}`)),
    );
  });
  return { child, output, ready };
}

/** Sends `signal` and resolves once the process is gone (at once if it already is). */
export function stopEntry(
  process: { child: ChildProcess },
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  const { child } = process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
