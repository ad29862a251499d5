import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedFallbacks, runPrepared } from './prepared';
import { createTestDatabase, type TestDatabase } from './testing';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  await db.orm.em
    .getConnection()
    .execute(
      "create table labels (id int primary key, label varchar(10)); insert into labels values (1, 'a')",
    );
});
afterAll(async () => {
  await db?.drop();
});

const READ = 'select id, label, pg_backend_pid() as pid from labels where id = ?';
type Row = { id: number; label: string; pid: number };

/** `n` reads at once, so they spread over the pool's connections. */
const readAtOnce = (n: number) =>
  Promise.all(Array.from({ length: n }, () => runPrepared<Row>(db.orm.em, READ, [1])));

describe('runPrepared', () => {
  it('goes on answering on every pooled connection after a migration changes a selected column type', async () => {
    const before = await readAtOnce(5);
    const prepared = new Set(before.map(({ rows }) => rows[0]?.pid));
    const fallbacks = preparedFallbacks();

    // a widening every online migration may do; PostgreSQL then refuses the named statement on each connection
    await db.orm.em.getConnection().execute('alter table labels alter column label type varchar(20)');
    await db.orm.em.getConnection().execute("update labels set label = 'wider than ten' where id = 1");

    for (let round = 0; round < 4; round++)
      for (const { rows } of await readAtOnce(5))
        expect(rows).toMatchObject([{ id: 1, label: 'wider than ten' }]);
    // PostgreSQL refused it at least once, and each connection that had it prepared fell back once, not per call
    expect(preparedFallbacks() - fallbacks).toBeGreaterThan(0);
    expect(preparedFallbacks() - fallbacks).toBeLessThanOrEqual(prepared.size);
  });

  it('raises any other error as it was', async () => {
    await expect(runPrepared(db.orm.em, 'select id from no_such_table where id = ?', [1])).rejects.toThrow(
      /no_such_table/,
    );
  });
});
