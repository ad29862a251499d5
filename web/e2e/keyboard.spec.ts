import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { baseUrl, createSimAccount, messages, signUp, tabTo } from './helpers';

const m = messages.en;

test('the add-exchange flow completes with Tab, typing and Enter alone', async ({ page }) => {
  const [key] = await createSimAccount();
  await signUp(page, 'en');
  await page.goto(`${baseUrl()}/en/exchanges/new`);

  await tabTo(page, page.getByLabel(m.add.search, { exact: true }));
  await page.keyboard.type('binance');
  await tabTo(page, page.getByRole('button', { name: /^Binance/ }).first());
  // each exchange is read with its badge apart, not run together
  await expect(page.getByRole('button', { name: /^Binance/ }).first()).toHaveAccessibleName(
    m.add.pickWithTestnet.replace('{exchange}', 'Binance'),
  );
  await page.keyboard.press('Enter');

  // the form replaced the pressed button: the focus is at its first field, not back on <body>
  await expect(page.getByLabel(m.add.label, { exact: true })).toBeFocused();
  await page.keyboard.type('Keyboard');
  await tabTo(page, page.getByLabel(m.fields.apiKey.label, { exact: true }));
  await page.keyboard.type(key!.apiKey);
  await tabTo(page, page.getByLabel(m.fields.secret.label, { exact: true }));
  await page.keyboard.type(key!.secret);
  await page.keyboard.press('Enter');

  // focus moves to the outcome, so the keyboard user is told without hunting for it
  const connected = page.getByRole('heading', { name: m.add.connectedTitle.replace('{label}', 'Keyboard') });
  await expect(connected).toBeFocused();
  await tabTo(page, page.getByRole('link', { name: m.add.viewConnection, exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Keyboard' })).toBeVisible();
});

test('main screens have no WCAG A/AA violations axe can find', async ({ page }) => {
  await page.goto(`${baseUrl()}/en/sign-in`);
  const scan = () => new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect((await scan()).violations).toEqual([]);
  await signUp(page, 'fr');
  expect((await scan()).violations).toEqual([]);
  await page.goto(`${baseUrl()}/fr/exchanges/new`);
  expect((await scan()).violations).toEqual([]);
  await page.getByLabel(messages.fr.add.search, { exact: true }).fill('okx');
  await page.getByRole('button', { name: /^OKX/ }).first().click();
  await expect(page.getByLabel(messages.fr.fields.password.label, { exact: true })).toBeVisible();
  expect((await scan()).violations).toEqual([]);
});
