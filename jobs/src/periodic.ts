import type { JobsDeps } from './deps';

export interface Periodic {
  stop(): void;
  /** Runs the task now, or joins the round already running. */
  run(): Promise<number>;
}

/**
 * Runs `task` every `ms` (and at once when `immediately`), never two rounds at once in this process; a failed
 * round is logged and the next one retries. The timer never keeps the process alive.
 */
export function startPeriodic(
  deps: Pick<JobsDeps, 'logger'>,
  what: string,
  ms: number,
  task: () => Promise<number>,
  { immediately = false } = {},
): Periodic {
  let running: Promise<number> | null = null;
  const run = () => {
    running ??= task()
      .catch((error: Error) => {
        deps.logger.warn({ err: error.message }, `${what} failed; the next round retries`);
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  if (immediately) void run();
  const timer = setInterval(() => void run(), ms);
  timer.unref();
  return { stop: () => clearInterval(timer), run };
}
