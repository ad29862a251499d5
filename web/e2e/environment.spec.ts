import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { baseUrl, connectAs, type Locale, messages, signUp } from './helpers';

/** An OKX account whose only key was made for OKX's demo trading, not the live exchange. */
async function okxDemoKey() {
  const key = {
    apiKey: `${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}-demo`,
    secret: randomBytes(16).toString('hex').toUpperCase(),
    passphrase: `Pp!${randomBytes(4).toString('hex')}`,
  };
  const response = await fetch(`${process.env.E2E_SIM_URL}/__sim/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      exchange: 'okx',
      uid: String(500_000_000_000 + Math.floor(Math.random() * 1e9)),
      balances: { BTC: { free: '0.8', locked: '0' } },
      keys: [{ ...key, permissions: { read: true }, environment: 'demo' }],
    }),
  });
  expect(response.ok, await response.clone().text()).toBe(true);
  return key;
}

for (const locale of ['en', 'fr'] as const satisfies Locale[]) {
  const m = messages[locale];

  test(`a demo key connected to the live exchange is moved to the testnet in place (${locale})`, async ({
    page,
    context,
  }) => {
    const key = await okxDemoKey();
    await signUp(page, locale);
    const { id } = await connectAs(context, {
      exchangeId: 'okx',
      label: 'Demo key',
      credentials: { apiKey: key.apiKey, secret: key.secret, password: key.passphrase },
    });
    await page.goto(`${baseUrl()}/${locale}/exchanges/${id}`);
    await expect(page.getByText(m.reasons.WRONG_ENVIRONMENT.explanation)).toBeVisible();

    await page.getByRole('button', { name: m.connection.switchToTestnet, exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(m.status.CONNECTED) })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: m.connection.testnet })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'BTC' })).toContainText(
      locale === 'fr' ? '0,8' : '0.8',
    );
    await expect(page.getByRole('button', { name: m.connection.switchToTestnet })).toHaveCount(0);
  });
}
