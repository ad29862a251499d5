// Holds many graphql-sse subscriptions ("distinct connections" mode: one POST with Accept: text/event-stream
// each) open from one process and notes when each one receives each marked event. Driven over stdin/stdout:
// a JSON setup line in → "CONNECTED <ms>"; "REPORT" in → "RESULT <json>" and exit.
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { wallClockMs } from '../lib/clock';

export interface SubscribersSetup {
  url: string;
  count: number;
  /** The GraphQL request body, e.g. {"query":"subscription { … }"}. */
  body: string;
  headers: Record<string, string>;
  /** Subscriptions opened at once. */
  batch: number;
}

export interface SubscribersResult {
  /** Event number → epoch ms at which each subscription first saw it. */
  received: Record<string, number[]>;
  /** Streams that ended or failed after connecting. */
  dropped: number;
  errors: string[];
}

const MARKER = /evt-(\d+)/g;
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
const received: Record<string, number[]> = {};
const errors: string[] = [];
const open = new Set<{ destroy: () => void }>();
let dropped = 0;
let reporting = false;

function subscribe(setup: SubscribersSetup): Promise<void> {
  return new Promise((resolve, reject) => {
    const seen = new Set<string>();
    let carry = '';
    const req = request(setup.url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'content-length': Buffer.byteLength(setup.body),
        ...setup.headers,
      },
    });
    req.once('error', (error) => reject(error));
    req.once('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`HTTP ${res.statusCode}`));
        return;
      }
      open.add(res);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = wallClockMs();
        // a marker split across two chunks is found in the carried tail
        const text = carry + chunk;
        carry = text.slice(-16);
        for (const match of text.matchAll(MARKER)) {
          const event = match[1] as string;
          if (seen.has(event)) continue;
          seen.add(event);
          const times = received[event] ?? [];
          times.push(at);
          received[event] = times;
        }
      });
      res.once('close', () => {
        open.delete(res);
        if (!reporting) dropped += 1;
      });
      resolve();
    });
    req.end(setup.body);
  });
}

const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  if (line === 'REPORT') {
    reporting = true;
    const result: SubscribersResult = { received, dropped, errors };
    for (const res of open) res.destroy();
    agent.destroy();
    // a long line to a pipe is written asynchronously: exit only once it is out
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`, () => process.exit(0));
    return;
  }
  const setup = JSON.parse(line) as SubscribersSetup;
  const started = wallClockMs();
  for (let start = 0; start < setup.count; start += setup.batch) {
    const size = Math.min(setup.batch, setup.count - start);
    const outcomes = await Promise.allSettled(Array.from({ length: size }, () => subscribe(setup)));
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') errors.push(String((outcome.reason as Error).message));
  }
  console.log(
    errors.length > 0 ? `FAILED ${errors.slice(0, 3).join('; ')}` : `CONNECTED ${wallClockMs() - started}`,
  );
});
