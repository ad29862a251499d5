import { Repeater } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { latestPerKey } from './latest-per-key';

type Notice = { id: string; n: number };

function channel() {
  let push!: (value: Notice) => Promise<unknown>;
  let stop!: (error?: unknown) => void;
  let returned = false;
  const source = new Repeater<Notice>(async (p, s) => {
    push = p;
    stop = s;
    await s;
    returned = true;
  });
  return { source, push: (v: Notice) => push(v), stop: (e?: unknown) => stop(e), returned: () => returned };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('latestPerKey', () => {
  it('passes notices through one by one while the consumer keeps up', async () => {
    const c = channel();
    const out = latestPerKey(c.source, (n) => n.id);
    const first = out.next();
    await tick();
    void c.push({ id: 'a', n: 1 });
    expect((await first).value).toEqual({ id: 'a', n: 1 });
    const second = out.next();
    void c.push({ id: 'a', n: 2 });
    expect((await second).value).toEqual({ id: 'a', n: 2 });
    await out.return?.(undefined);
  });

  it('keeps only the newest waiting notice per key, in the order keys started waiting', async () => {
    const c = channel();
    const out = latestPerKey(c.source, (n) => n.id);
    const taken = out.next(); // the consumer is now busy with nothing yet
    await tick();
    for (const notice of [
      { id: 'a', n: 1 },
      { id: 'b', n: 1 },
      { id: 'a', n: 2 },
      { id: 'a', n: 3 },
      { id: 'c', n: 1 },
      { id: 'b', n: 2 },
    ])
      void c.push(notice);
    await tick();
    const seen = [(await taken).value];
    for (let i = 0; i < 3; i++) seen.push((await out.next()).value);
    expect(seen).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
      { id: 'a', n: 3 },
      { id: 'c', n: 1 },
    ]);
    await out.return?.(undefined);
  });

  it('ends the source when the consumer leaves, and ends when the source ends or fails', async () => {
    const left = channel();
    const out = latestPerKey(left.source, (n) => n.id);
    void out.next();
    await tick();
    await out.return?.(undefined);
    await tick();
    expect(left.returned()).toBe(true);

    const ended = channel();
    const drained = latestPerKey(ended.source, (n) => n.id);
    const waiting = drained.next();
    await tick();
    ended.stop();
    expect(await waiting).toEqual({ done: true, value: undefined });

    const failed = channel();
    const failing = latestPerKey(failed.source, (n) => n.id);
    const pending = failing.next();
    await tick();
    failed.stop(new Error('redis went away'));
    await expect(pending).rejects.toThrow('redis went away');
  });
});
