import { setTimeout as delay } from 'node:timers/promises';

/** Polls `url` until it answers 2xx; false when `timeoutMs` passes or `giveUp()` says so first. */
export async function waitForHttp(url: string, timeoutMs: number, giveUp: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !giveUp()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await delay(250);
  }
  return false;
}
