// A child process of `npm start` in a process group of its own, with its output prefixed.
import { type ChildProcess, spawn } from 'node:child_process';
import { pipePrefixed } from './prefixed-output';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when it could not be started at all. */
  error?: Error;
}

export interface RunningChild {
  name: string;
  process: ChildProcess;
  exited: Promise<ExitStatus>;
  readonly running: boolean;
  /** Sends `signal` (see ChildSpec.signalGroup), and SIGKILL to the group if still there after `graceMs`. */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<ExitStatus>;
}

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  /**
   * Whether a stop signal goes to the whole group or to the leader only. The tsx CLI passes a signal on
   * to its script unless the script got it too: signal the group and the script may get it twice.
   */
  signalGroup: boolean;
}

export function startChild(spec: ChildSpec): RunningChild {
  // Own group: Ctrl-C in the terminal reaches only us, and each child gets exactly one signal from us
  // (api and jobs treat a second SIGINT as "die now"); the group also holds `npm run dev`'s grandchildren.
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.stdout) pipePrefixed(child.stdout, process.stdout, spec.name);
  if (child.stderr) pipePrefixed(child.stderr, process.stderr, spec.name);
  let running = true;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('error', (error) => {
      running = false;
      resolve({ code: null, signal: null, error });
    });
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });

  const send = (signal: NodeJS.Signals, toGroup: boolean) => {
    if (child.pid === undefined) return;
    try {
      process.kill(toGroup ? -child.pid : child.pid, signal);
    } catch {
      // already gone
    }
  };

  return {
    name: spec.name,
    process: child,
    exited,
    get running() {
      return running;
    },
    async stop(signal, graceMs) {
      // a leader that is gone may have left grandchildren behind (next-server)
      if (running) send(signal, spec.signalGroup);
      else send('SIGKILL', true);
      const timer = setTimeout(() => send('SIGKILL', true), graceMs);
      const status = await exited;
      clearTimeout(timer);
      return status;
    },
  };
}

/** Last resort when this process dies: don't leave process groups running. */
export function killGroupsOnExit(children: () => RunningChild[]): void {
  process.once('exit', () => {
    for (const child of children()) {
      // a group id of a child long gone could belong to someone else by now
      if (!child.running || child.process.pid === undefined) continue;
      try {
        process.kill(-child.process.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}
