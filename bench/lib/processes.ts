// Child processes the benches start, and a cleanup list that runs on success, failure and Ctrl-C.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

type Task = { name: string; run: () => Promise<void> | void };

/** Undo steps, run last-in first-out exactly once, each one isolated from the others' failures. */
export class Cleanup {
  private readonly tasks: Task[] = [];
  private running: Promise<void> | null = null;

  add(name: string, run: Task['run']): void {
    this.tasks.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      while (this.tasks.length > 0) {
        const task = this.tasks.pop() as Task;
        try {
          await task.run();
        } catch (error) {
          console.error(`cleanup: ${task.name} failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.running;
  }

  /** Runs the cleanup before the process ends on a signal or an unhandled error. */
  installSignalHandlers(): void {
    const bail = (why: string, code: number) => {
      console.error(`\n${why}: cleaning up…`);
      void this.run().finally(() => process.exit(code));
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.once(signal, () => bail(signal, 130));
    process.once('uncaughtException', (error) => {
      console.error(error);
      bail('uncaught exception', 1);
    });
    process.once('unhandledRejection', (error) => {
      console.error(error);
      bail('unhandled rejection', 1);
    });
  }
}

export interface ChildOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  cleanup: Cleanup;
  /** Keep stdin open (e.g. to send input); otherwise it is ignored. */
  stdin?: boolean;
}

/** A started child: its own PID (no wrapper process), its output lines, and a stop by PID. */
export class Child {
  readonly proc: ChildProcess;
  readonly pid: number;
  /** Every stdout line, for parsing results. */
  readonly stdoutLines: string[] = [];
  /** The last lines of stderr and stdout, for error messages. */
  readonly tail: string[] = [];
  exitCode: number | null = null;
  private readonly exited: Promise<void>;
  private stopping = false;
  private readonly listeners = new Set<(line: string) => void>();

  constructor(readonly options: ChildOptions) {
    this.proc = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    if (this.proc.pid === undefined) throw new Error(`${options.name}: could not start ${options.command}`);
    this.pid = this.proc.pid;
    this.exited = new Promise((resolve) => {
      this.proc.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? 128 : 1);
        resolve();
      });
    });
    const keep = (line: string) => {
      this.tail.push(line);
      if (this.tail.length > 40) this.tail.shift();
    };
    createInterface({ input: this.proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      this.stdoutLines.push(line);
      keep(line);
      for (const listener of this.listeners) listener(line);
    });
    createInterface({ input: this.proc.stderr as NodeJS.ReadableStream }).on('line', keep);
    options.cleanup.add(`stop ${options.name} (pid ${this.pid})`, () => this.stop());
  }

  get running(): boolean {
    return this.exitCode === null;
  }

  /** Resolves with the first stdout line that matches; rejects on timeout or if the child exits first. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string> {
    const seen = this.stdoutLines.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const done = (error: Error | null, line?: string) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        if (error) reject(error);
        else resolve(line as string);
      };
      const listener = (line: string) => {
        if (match(line)) done(null, line);
      };
      const timer = setTimeout(
        () => done(this.failure(`no expected output within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.listeners.add(listener);
      void this.exited.then(() => done(this.failure(`exited with code ${this.exitCode}`)));
    });
  }

  /** Rejects if the child ends without being asked to (never settles otherwise): race it against long waits. */
  unexpectedExit(): Promise<never> {
    return this.exited.then(() => {
      if (!this.stopping) throw this.failure(`exited unexpectedly with code ${this.exitCode}`);
      return new Promise<never>(() => {});
    });
  }

  /** Waits for the child to end by itself. */
  async wait(): Promise<number> {
    await this.exited;
    return this.exitCode as number;
  }

  failure(what: string): Error {
    return new Error(
      `${this.options.name} (pid ${this.pid}) ${what}; last output:\n  ${this.tail.join('\n  ')}`,
    );
  }

  /** SIGTERM by PID, then SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopping = true;
    if (!this.running) return;
    try {
      process.kill(this.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Polls an HTTP URL until it answers 200. */
export async function waitForHttpOk(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.running) throw child.failure(`exited with code ${child.exitCode} before ${url} answered`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw child.failure(`did not answer ${url} with 200 within ${timeoutMs} ms`);
}
