import { expect, type Page, test } from '@playwright/test';
import { apiAs, baseUrl, createSimAccount, messages, signUp } from './helpers';

/** Holds each request of this operation for a while, as a slow network would; counts them. */
async function slowDown(page: Page, operation: string): Promise<{ count: number }> {
  const seen = { count: 0 };
  await page.route('**/graphql', async (route) => {
    if (route.request().postData()?.includes(`mutation ${operation}(`)) {
      seen.count += 1;
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await route.continue();
  });
  return seen;
}

for (const locale of ['en', 'fr'] as const) {
  const m = messages[locale];

  test(`Connect and Test again say they are working and cannot be sent twice (${locale})`, async ({
    page,
    context,
  }) => {
    const [key] = await createSimAccount();
    await signUp(page, locale);
    await page.goto(`${baseUrl()}/${locale}/exchanges/new`);
    await page.getByLabel(m.add.search, { exact: true }).fill('binance');
    await page
      .getByRole('button', { name: /^Binance/ })
      .first()
      .click();
    await page.getByLabel(m.add.label, { exact: true }).fill('Slow');
    await page.getByLabel(m.fields.apiKey.label, { exact: true }).fill(key!.apiKey);
    await page.getByLabel(m.fields.secret.label, { exact: true }).fill(key!.secret);

    const connects = await slowDown(page, 'Connect');
    await page.getByRole('button', { name: m.add.connect, exact: true }).click();
    const sending = page.getByRole('button', { name: m.add.sending, exact: true });
    await expect(sending).toBeDisabled();
    // a second submit while the first is on its way sends nothing
    await page.locator('form').evaluate((form: HTMLFormElement) => form.requestSubmit());
    await expect(
      page.getByRole('heading', { name: m.add.connectedTitle.replace('{label}', 'Slow') }),
    ).toBeFocused();
    expect(connects.count).toBe(1);

    const api = apiAs((await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; '));
    const list = await api<{ exchangeConnections: { id: string }[] }>('{ exchangeConnections { id } }');
    expect(list.exchangeConnections).toHaveLength(1);
    await page.goto(`${baseUrl()}/${locale}/exchanges/${list.exchangeConnections[0]!.id}`);

    const tests = await slowDown(page, 'TestAgain');
    await page.getByRole('button', { name: m.connection.testAgain, exact: true }).click();
    const testing = page.getByRole('button', { name: m.connection.testing, exact: true });
    await expect(testing).toBeDisabled();
    await expect(page.getByRole('button', { name: m.connection.testAgain, exact: true })).toBeEnabled({
      timeout: 30_000,
    });
    expect(tests.count).toBe(1);

    // Rename opens its field with the focus in it
    await page.getByRole('button', { name: m.connection.rename, exact: true }).click();
    await expect(page.getByLabel(m.connection.newName, { exact: true })).toBeFocused();
  });
}
