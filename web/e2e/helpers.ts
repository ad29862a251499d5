import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import { MESSAGES } from '../src/i18n/messages';

export type Locale = 'en' | 'fr';
export const messages = MESSAGES;

export const baseUrl = () => process.env.E2E_BASE_URL ?? '';
const simUrl = () => process.env.E2E_SIM_URL ?? '';

const SHOTS = new URL('./screenshots/', import.meta.url);
mkdirSync(SHOTS, { recursive: true });

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
}

export interface SimKey {
  apiKey: string;
  secret: string;
  /** The sim account the key belongs to. */
  uid: string;
}

/** A fresh Binance account on the simulator with a read + trade key (withdrawals off) of its own. */
export async function createSimAccount(keys = 1): Promise<SimKey[]> {
  const uid = String(Date.now() + Math.floor(Math.random() * 1000));
  const made = Array.from({ length: keys }, () => ({
    apiKey: `E2E${randomBytes(30).toString('hex')}`.slice(0, 64),
    secret: randomBytes(24).toString('hex'),
  }));
  const response = await fetch(`${simUrl()}/__sim/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      exchange: 'binance',
      uid,
      canWithdraw: false,
      balances: { BTC: { free: '0.5', locked: '0.01' }, USDT: { free: '1234.56', locked: '0' } },
      wallets: { funding: { USDC: { free: '42', locked: '0' } } },
      keys: made.map((key) => ({ ...key, permissions: { read: true, spotTrade: true } })),
    }),
  });
  expect(response.ok, await response.clone().text()).toBe(true);
  return made.map((key) => ({ ...key, uid }));
}

export async function revokeSimKey(apiKey: string): Promise<void> {
  const response = await fetch(`${simUrl()}/__sim/keys/${encodeURIComponent(apiKey)}/revoke`, {
    method: 'POST',
  });
  expect(response.ok).toBe(true);
}

export async function signUp(page: Page, locale: Locale): Promise<void> {
  const m = messages[locale];
  await page.goto(`${baseUrl()}/${locale}/sign-up`);
  await page
    .getByLabel(m.auth.email, { exact: true })
    .fill(`e2e-${randomBytes(6).toString('hex')}@example.com`);
  await page.getByLabel(m.auth.password, { exact: true }).fill('a long e2e passphrase');
  await page.getByRole('button', { name: m.auth.signUpButton, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/exchanges$`));
}

/** Presses Tab until `target` has the focus, as a keyboard-only user would; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target} with Tab`);
}

export async function setSimBalances(
  uid: string,
  balances: Record<string, { free: string; locked: string }>,
) {
  const response = await fetch(`${simUrl()}/__sim/accounts/binance/${uid}/balances`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ balances }),
  });
  expect(response.ok, await response.clone().text()).toBe(true);
}

/** GraphQL as the signed-in browser user, from the test (same origin, same cookie). */
export function apiAs(cookie: string) {
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query, variables }),
    });
    return ((await response.json()) as { data: T }).data;
  };
}

/** connectExchange as the signed-in browser user, for tests whose subject comes after connecting. */
export async function connectAs(
  context: BrowserContext,
  input: { exchangeId: string; label: string; credentials: Record<string, string>; accountTypes?: string[] },
) {
  const api = apiAs((await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; '));
  const made = await api<{ connectExchange: { data: { id: string } } }>(
    `mutation($input: ConnectExchangeInput!) { connectExchange(input: $input) {
      ... on MutationConnectExchangeSuccess { data { id } } } }`,
    { input },
  );
  return { api, id: made.connectExchange.data.id };
}

/** A connection's status as the API says it now, for `expect.poll`. */
export async function statusOf(api: ReturnType<typeof apiAs>, id: string): Promise<string> {
  const { c } = await api<{ c: { status: string } }>(
    'query($id: ID!) { c: exchangeConnection(id: $id) { status } }',
    { id },
  );
  return c.status;
}
