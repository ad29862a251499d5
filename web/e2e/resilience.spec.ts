import { openDatabase } from '@keyport/db/orm';
import { expect, test } from '@playwright/test';
import { apiAs, baseUrl, createSimAccount, messages, revokeSimKey, signUp, statusOf } from './helpers';

const m = messages.en;

test('a dropped live link shows “reconnecting”, and what changed meanwhile appears once it is back', async ({
  page,
  context,
}) => {
  const [key] = await createSimAccount();
  await signUp(page, 'en');
  const api = apiAs((await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; '));
  const connected = await api<{ connectExchange?: { data?: { id: string } } }>(
    `mutation($input: ConnectExchangeInput!) { connectExchange(input: $input) {
      ... on MutationConnectExchangeSuccess { data { id status } } } }`,
    {
      input: {
        exchangeId: 'binance',
        label: 'Resilient',
        credentials: { apiKey: key!.apiKey, secret: key!.secret },
      },
    },
  );
  const id = connected.connectExchange?.data?.id;
  expect(id).toBeTruthy();

  await page.goto(`${baseUrl()}/en/exchanges`);
  const row = page.getByRole('row').filter({ hasText: 'Resilient' });
  await expect(row).toContainText(m.status.CONNECTED);
  const live = page.getByRole('status').filter({ hasText: m.live.live });
  await expect(live).toHaveAttribute('data-live', 'live');

  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: m.live.reconnecting })).toHaveAttribute(
    'data-live',
    'reconnecting',
  );

  // while the browser is cut off, the key is revoked and tested again, and the connection changes in a
  // way no live event announces (a direct database edit): only re-querying on reconnect can show it
  await revokeSimKey(key!.apiKey);
  await api('mutation($id: ID!) { verifyExchangeConnection(id: $id) { __typename } }', { id });
  await expect.poll(() => statusOf(api, id as string)).toBe('EXPIRED');
  const orm = await openDatabase({
    databaseUrl: process.env.E2E_DATABASE_URL ?? '',
    poolSize: 1,
    migrate: false,
  });
  await orm.em
    .getConnection()
    .execute('update exchange_connections set label = ? where id = ?', ['Renamed offline', id]);
  await orm.close(true);

  const requery = page.waitForRequest((request) =>
    Boolean(request.postData()?.includes('query Connections')),
  );
  await context.setOffline(false);
  await requery;
  await expect(live).toHaveAttribute('data-live', 'live', { timeout: 30_000 });
  const renamed = page.getByRole('row').filter({ hasText: 'Renamed offline' });
  await expect(renamed).toContainText(m.status.EXPIRED);
});
