// One sender at a time per API key across every worker, and a nonce that only grows, both kept in Redis:
// a lock per key (SET NX PX) and the key's last nonce, handed out together in one script.
import { randomBytes } from 'node:crypto';
import type { NonceSequencer } from '@keyport/exchange/nonce-sequencer';
import { RateBudgetError } from '@keyport/exchange/request-throttle';
import type { Redis } from 'ioredis';

// The nonce is Redis' clock in ms, or one above the last nonce when requests come faster than that.
const TAKE_TURN = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local n = math.max(tonumber(redis.call('GET', KEYS[2]) or '0') + 1, now)
  redis.call('SET', KEYS[2], string.format('%.0f', n), 'PX', 2592000000)
  return n
end
return -math.max(1, redis.call('PTTL', KEYS[1]))
`;

// Only the holder lets go: a turn that outlived its lock must not end the next sender's.
const END_TURN = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

type SequencerRedis = Redis & {
  keyportTakeTurn(lock: string, last: string, token: string, lockMs: number): Promise<number>;
  keyportEndTurn(lock: string, token: string): Promise<number>;
};

export interface SharedNonceSequencerOptions {
  redis: Redis;
  prefix: string;
  /** Longest a turn may hold the key (a request's timeout plus its budget wait); a dead worker's lapses then. */
  lockMs?: number;
  /** Longest a request waits for the key before giving up (retried later, like a busy budget). */
  maxWaitMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SharedNonceSequencer implements NonceSequencer {
  private readonly redis: SequencerRedis;
  private readonly lockMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: SharedNonceSequencerOptions) {
    const redis = options.redis as SequencerRedis;
    if (typeof redis.keyportTakeTurn !== 'function') {
      redis.defineCommand('keyportTakeTurn', { numberOfKeys: 2, lua: TAKE_TURN });
      redis.defineCommand('keyportEndTurn', { numberOfKeys: 1, lua: END_TURN });
    }
    this.redis = redis;
    this.lockMs = options.lockMs ?? 35_000;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
  }

  async turn(exchangeId: string, keyId: string): Promise<{ nonce: number; release(): Promise<void> }> {
    const lock = `${this.options.prefix}:nonce-turn:${exchangeId}:${keyId}`;
    const last = `${this.options.prefix}:nonce-last:${exchangeId}:${keyId}`;
    const token = randomBytes(12).toString('hex');
    const deadline = Date.now() + this.maxWaitMs;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.redis.keyportTakeTurn(lock, last, token, this.lockMs);
      if (answer > 0) {
        let released = false;
        return {
          nonce: answer,
          release: async () => {
            if (released) return;
            released = true;
            await this.redis.keyportEndTurn(lock, token);
          },
        };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new RateBudgetError(exchangeId, -answer, 'queue-too-long');
      // the holder's request takes a round trip to the exchange: look again soon, then less and less often
      // (2 ms doubling to 50 ms, jittered), never past the lock's own lapse
      const backoff = Math.min(50, 2 * 2 ** attempt) * (0.5 + Math.random() / 2);
      await sleep(Math.min(left, -answer, backoff));
    }
  }
}
