// /readyz: may a load balancer send this instance traffic? Yes while PostgreSQL and Redis answer a ping within
// a short time and the process is not shutting down. /healthz (liveness) stays up through either.
import type { ServerResponse } from 'node:http';
import type { Orm } from '@keyport/db/orm';
import type { Redis } from 'ioredis';

/** A ping slower than this counts as down: the check must answer before the balancer's own timeout. */
const PING_TIMEOUT_MS = 1_000;

type State = 'up' | 'down';

function within(work: Promise<unknown>, ms: number): Promise<State> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<State>((resolve) => {
    timer = setTimeout(() => resolve('down'), ms);
  });
  return Promise.race([
    work.then(
      (): State => 'up',
      (): State => 'down',
    ),
    late,
  ]).finally(() => clearTimeout(timer));
}

export class Readiness {
  private stopping = false;

  constructor(
    private readonly orm: Orm,
    private readonly redis: Redis,
    private readonly timeoutMs = PING_TIMEOUT_MS,
  ) {}

  /** From now on not ready, whatever the pings say: the process is draining. */
  shuttingDown(): void {
    this.stopping = true;
  }

  async check(): Promise<{ ready: boolean; postgres: State; redis: State; shuttingDown: boolean }> {
    if (this.stopping) return { ready: false, postgres: 'down', redis: 'down', shuttingDown: true };
    const [postgres, redis] = await Promise.all([
      within(this.orm.em.getConnection().execute('select 1'), this.timeoutMs),
      within(this.redis.ping(), this.timeoutMs),
    ]);
    return { ready: postgres === 'up' && redis === 'up', postgres, redis, shuttingDown: false };
  }

  /** 200 or 503 with what is down, as JSON. */
  async answer(res: ServerResponse): Promise<void> {
    const state = await this.check();
    res
      .writeHead(state.ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(state));
  }
}
