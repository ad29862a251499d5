import { describe, expect, it } from 'vitest';
import { ExchangeLanes, Lanes } from './lanes';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('Lanes', () => {
  it('never runs more than its size at once, and runs every task, a failing one included', async () => {
    const lanes = new Lanes(3);
    let running = 0;
    let most = 0;
    const task = (i: number) =>
      lanes.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
        if (i === 4) throw new Error('boom');
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => task(i)));
    expect(most).toBe(3);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(19);
    // the failure freed its lane too: three tasks that wait for each other all start
    let started = 0;
    let release = () => {};
    const all = new Promise<void>((resolve) => {
      release = resolve;
    });
    await Promise.all(
      Array.from({ length: 3 }, () =>
        lanes.run(async () => {
          started += 1;
          if (started === 3) release();
          await all;
        }),
      ),
    );
    expect(started).toBe(3);
  });

  it('gives each exchange its own lanes: one exchange stuck does not hold up another', async () => {
    const lanes = new ExchangeLanes(1);
    let unstick = () => {};
    const stuck = lanes.of('slow').run(
      () =>
        new Promise<void>((resolve) => {
          unstick = resolve;
        }),
    );
    await expect(lanes.of('fast').run(async () => 'read')).resolves.toBe('read');
    expect(lanes.of('slow')).toBe(lanes.of('slow'));
    unstick();
    await stuck;
  });
});
