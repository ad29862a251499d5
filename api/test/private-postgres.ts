// A real PostgreSQL cluster of the test's own (Debian's binaries, a throw-away data directory, a free port), so a
// test can take it down and bring it back without touching the PostgreSQL every other test file shares.
import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

export interface PrivatePostgres {
  /** The cluster's `postgres` database, trust auth, user postgres. */
  url: string;
  port: number;
  /** `pg_ctl stop -m immediate`: every backend is gone at once, clients see their connections cut. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data (after `kill`; nothing if it runs); resolves once it accepts. */
  start(): Promise<void>;
  /** `kill` then `start`: the same data, every connection cut. */
  restart(): Promise<void>;
  /** Kills it and deletes its data directory. */
  stop(): Promise<void>;
}

/** The newest Debian PostgreSQL's bin directory (/usr/lib/postgresql/<major>/bin). */
async function binDir(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const majors = await readdir(root).catch(() => [] as string[]);
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error(
      `no PostgreSQL binaries under ${root}: install them (Debian: apt-get install postgresql)`,
    );
  }
  return join(root, newest, 'bin');
}

/** PostgreSQL refuses to run as root: as root, run its binaries as the postgres OS user. */
async function asPostgres(): Promise<{ prefix: string[]; uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  try {
    return { prefix: ['runuser', '-u', 'postgres', '--'], uid: await id('-u'), gid: await id('-g') };
  } catch {
    throw new Error('running as root without a postgres OS user: install Debian’s postgresql package');
  }
}

/** A fresh cluster on `port` (a free one by default), accepting connections once this resolves. */
export async function startPrivatePostgres(port?: number): Promise<PrivatePostgres> {
  const listenPort = port ?? (await freePort());
  const bin = await binDir();
  const user = await asPostgres();
  const root = await mkdtemp(join(tmpdir(), 'keyport-pg-'));
  const data = join(root, 'data');
  const sockets = join(root, 'sockets');
  await mkdir(sockets);
  if (user.uid !== undefined && user.gid !== undefined) {
    await chown(root, user.uid, user.gid);
    await chown(sockets, user.uid, user.gid);
  }
  const pg = async (tool: string, args: string[]) => {
    const [command = '', ...rest] = [...user.prefix, join(bin, tool), ...args];
    try {
      await run(command, rest, { timeout: 60_000 });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`${tool} ${args[0] ?? ''} failed: ${stderr || stdout || (error as Error).message}`);
    }
  };
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  let running = false;
  const start = async () => {
    if (running) return;
    const options = `-p ${listenPort} -c listen_addresses=127.0.0.1 -k ${sockets} -c fsync=off`;
    await pg('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', join(root, 'log'), '-o', options]);
    running = true;
  };
  const kill = async () => {
    if (!running) return;
    running = false;
    await pg('pg_ctl', ['stop', '-m', 'immediate', '-w', '-D', data]);
  };
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${listenPort}/postgres`,
    port: listenPort,
    kill,
    start,
    async restart() {
      await kill();
      await start();
    },
    async stop() {
      await kill();
      await rm(root, { recursive: true, force: true });
    },
  };
}
