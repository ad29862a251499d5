// A real redis-server of the test's own on a free port, so a test can kill and restart it without touching the
// Redis every other test file shares. Nothing is kept on disk: a restart loses every key, as in production
// without persistence (or after a failover to an empty replica).
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port';

export interface PrivateRedis {
  url: string;
  port: number;
  /** SIGKILL: the server is gone at once, its clients see their sockets close. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after `kill`; nothing if it runs). */
  start(): Promise<void>;
  /** `kill` then `start`: an empty Redis on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) =>
      reject(
        new Error(
          `redis-server could not start (${error.message}): install it (Debian: apt-get install redis-server)`,
        ),
      ),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
}

/** A redis-server on `port` (a free one by default), running once this resolves. */
export async function startPrivateRedis(port?: number): Promise<PrivateRedis> {
  port ??= await freePort();
  let child: ChildProcess | null = await launch(port);
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGKILL');
    });
  };
  const start = async () => {
    child ??= await launch(port);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    async restart() {
      await kill();
      await start();
    },
    stop: kill,
  };
}
