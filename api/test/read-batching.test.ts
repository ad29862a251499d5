// A read of many connections costs the same few SQL statements as a read of one (no N+1), answers each
// connection with its own balances, warnings and events, and pages with a cap.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, signedUpClient } from './client';
import { type Stack, startStack } from './harness';
import { seedConnected } from './seed-connected';

let stack: Stack;
const random = () => randomBytes(16).toString('hex');
const keys = (n: number) =>
  Array.from({ length: n }, () => ({ apiKey: `bn${random()}`, secret: `bs${random()}`, uid: random() }));

beforeAll(async () => {
  stack = await startStack({ worker: false, maxConnectionsPerUser: 30 });
});
afterAll(async () => {
  await stack?.close();
});

const sql = (query: string, params: unknown[] = []) =>
  stack.db.orm.em.fork().getConnection().execute(query, params);

/** A user with `n` connections, each holding its own amounts, two events and (pairwise) a shared account. */
async function tenant(n: number): Promise<{ api: ApiClient; ids: string[] }> {
  const api = await signedUpClient(stack.apiUrl);
  const { viewer } = await api.ok<{ viewer: { id: string } }>('{ viewer { id } }');
  const ids = await seedConnected(stack, viewer.id, 'binance', keys(n));
  for (const [index, id] of ids.entries()) {
    await sql(
      `insert into balances (connection_id, account_type, asset, free, used, total, updated_at)
       values (?, 'spot', 'BTC', ?, 0, ?, now()), (?, 'spot', 'ETH', 1, 0, 1, now())`,
      [id, `${index + 1}.5`, `${index + 1}.5`, id],
    );
    for (const kind of ['created', 'renamed'])
      await sql(
        `insert into connection_events (connection_id, owner_id, kind, actor_type, credential_version, created_at)
         values (?, ?, ?, 'user', 1, now())`,
        [id, viewer.id, kind],
      );
    // connections 0 and 1 read the same exchange account: each must name the other, and only the other
    // connected one after the other, a second apart
    await sql(
      `update exchange_connections set exchange_account_uid = ?, created_at = now() - ? * interval '1 second'
        where id = ?`,
      [index < 2 ? 'shared-uid' : `uid-${index}`, n - index, id],
    );
  }
  return { api, ids };
}

const READ = `query ($first: Int, $after: ID) {
  viewer { id }
  exchangeConnections(first: $first, after: $after) {
    id label status exchange { name } permissions { read }
    balances { asset total }
    warnings { code detail }
    events(first: 1) { kind }
  }
}`;

interface Row {
  id: string;
  label: string;
  balances: { asset: string; total: string }[];
  warnings: { code: string; detail: string | null }[];
  events: { kind: string }[];
}

/** Statements the api sends PostgreSQL while answering one request. */
async function statementsFor(api: ApiClient, variables: Record<string, unknown> = {}) {
  const knex = stack.apiDeps.orm.em.getConnection().getKnex();
  let statements = 0;
  const count = () => {
    statements += 1;
  };
  knex.on('query', count);
  try {
    const data = await api.ok<{ exchangeConnections: Row[] }>(READ, variables);
    return { statements, rows: data.exchangeConnections };
  } finally {
    knex.off('query', count);
  }
}

describe('reading many connections', () => {
  it('costs the same statements for 25 connections as for 2, each answered with its own data', async () => {
    const small = await tenant(2);
    const large = await tenant(25);
    // warm once: a token's last-used write is made at most once a minute and is not what is measured
    await statementsFor(small.api);
    await statementsFor(large.api);
    const few = await statementsFor(small.api);
    const many = await statementsFor(large.api);
    expect(many.rows).toHaveLength(25);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(6);

    for (const [index, row] of many.rows.entries()) {
      expect(row.id).toBe(large.ids[index]);
      expect(row.balances).toEqual([
        { asset: 'BTC', total: `${index + 1}.5` },
        { asset: 'ETH', total: '1' },
      ]);
      expect(row.events).toEqual([{ kind: 'renamed' }]);
      const shared = row.warnings.filter((w) => w.code === 'SAME_ACCOUNT_AS_OTHER');
      if (index < 2)
        expect(shared).toEqual([{ code: 'SAME_ACCOUNT_AS_OTHER', detail: many.rows[1 - index]?.label }]);
      else expect(shared).toEqual([]);
    }
  });

  it('pages oldest first with `after`, clamps the page size, and answers a foreign or bad cursor with nothing', async () => {
    const owner = await tenant(7);
    const other = await tenant(1);
    const page = async (variables: Record<string, unknown>, api = owner.api) =>
      (await api.ok<{ exchangeConnections: Row[] }>(READ, variables)).exchangeConnections.map(
        (row) => row.id,
      );

    expect(await page({ first: 3 })).toEqual(owner.ids.slice(0, 3));
    expect(await page({ first: 3, after: owner.ids[2] })).toEqual(owner.ids.slice(3, 6));
    expect(await page({ first: 3, after: owner.ids[5] })).toEqual(owner.ids.slice(6));
    expect(await page({ first: 0 })).toEqual(owner.ids.slice(0, 1));
    expect(await page({})).toEqual(owner.ids);
    // another user's connection is no cursor of yours
    expect(await page({ after: other.ids[0] })).toEqual([]);
    expect(await page({ after: owner.ids[0] }, other.api)).toEqual([]);
    expect(await page({ after: 'not-an-id' })).toEqual([]);
  });

  it('refuses a connection beyond the per-user cap with a typed error, and takes one again after a delete', async () => {
    const { api, ids } = await tenant(29);
    const connect = (label: string) =>
      api.ok<{ connectExchange: { __typename: string; code?: string; message?: string } }>(CONNECT_MUTATION, {
        input: {
          exchangeId: 'binance',
          label,
          accountTypes: ['SPOT'],
          credentials: { apiKey: `bn${random()}`, secret: `bs${random()}` },
        },
      });
    expect((await connect('Thirtieth')).connectExchange.__typename).toBe('MutationConnectExchangeSuccess');
    const refused = (await connect('Thirty-first')).connectExchange;
    expect(refused).toMatchObject({ __typename: 'LimitReachedError', code: 'LIMIT_REACHED', limit: 30 });
    expect(refused.message).toMatch(/At most 30 exchange connections/);
    const { exchangeConnections } = await api.ok<{ exchangeConnections: { label: string }[] }>(
      '{ exchangeConnections(first: 200) { label } }',
    );
    expect(exchangeConnections.map((c) => c.label)).not.toContain('Thirty-first');
    await api.ok('mutation ($id: ID!) { deleteExchangeConnection(id: $id) { __typename } }', { id: ids[0] });
    expect((await connect('Thirty-first')).connectExchange.__typename).toBe('MutationConnectExchangeSuccess');
  });

  it('holds the cap when 20 connects race for the last 5 places', async () => {
    const { api } = await tenant(25);
    // each insert lingers 50 ms before it commits, so the racers' statements overlap as on a busy server
    await sql(`create function linger() returns trigger language plpgsql as $$
      begin perform pg_sleep(0.05); return new; end $$`);
    await sql(
      'create trigger linger before insert on exchange_connections for each row execute function linger()',
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        api.ok<{ connectExchange: { __typename: string } }>(CONNECT_MUTATION, {
          input: {
            exchangeId: 'binance',
            label: `Racer ${index}`,
            credentials: { apiKey: `bn${random()}`, secret: `bs${random()}` },
          },
        }),
      ),
    );
    const kinds = answers.map((answer) => answer.connectExchange.__typename);
    expect(kinds.filter((kind) => kind === 'MutationConnectExchangeSuccess')).toHaveLength(5);
    expect(kinds.filter((kind) => kind === 'LimitReachedError')).toHaveLength(15);
    const { exchangeConnections } = await api.ok<{ exchangeConnections: unknown[] }>(
      '{ exchangeConnections(first: 200) { id } }',
    );
    expect(exchangeConnections).toHaveLength(30);
    await sql('drop trigger linger on exchange_connections');
  });
});
