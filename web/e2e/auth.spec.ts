import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { baseUrl, messages, signUp } from './helpers';

const m = messages.en;

test('sign up, sign out, the protected area sends back to sign-in, wrong password is said so, sign in', async ({
  page,
}) => {
  const email = `auth-${randomBytes(5).toString('hex')}@example.com`;
  const password = 'another long passphrase';
  await page.goto(`${baseUrl()}/en/exchanges`);
  await expect(page).toHaveURL(/\/en\/sign-in$/);

  await page.getByRole('link', { name: m.nav.signUp, exact: true }).click();
  await expect(page.getByRole('heading', { name: m.auth.signUpTitle })).toBeVisible();
  await page.getByLabel(m.auth.email, { exact: true }).fill(email);
  await page.getByLabel(m.auth.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: m.auth.signUpButton, exact: true }).click();
  await expect(page).toHaveURL(/\/en\/exchanges$/);
  await expect(page.getByText(email)).toBeVisible();

  // signed in, the sign-in page is not where one stays
  await page.goto(`${baseUrl()}/en/sign-in`);
  await expect(page).toHaveURL(/\/en\/exchanges$/);

  await page.getByRole('button', { name: m.nav.signOut, exact: true }).click();
  await expect(page).toHaveURL(/\/en\/sign-in$/);
  await page.goto(`${baseUrl()}/en/exchanges/new`);
  await expect(page).toHaveURL(/\/en\/sign-in$/);
  await expect(page.getByRole('heading', { name: m.auth.signInTitle })).toBeVisible();

  await page.getByLabel(m.auth.email, { exact: true }).fill(email);
  await page.getByLabel(m.auth.password, { exact: true }).fill('not the passphrase');
  await page.getByRole('button', { name: m.auth.signInButton, exact: true }).click();
  await expect(page.locator('form [role="alert"]')).toHaveText(m.auth.error.INVALID_LOGIN);
  await expect(page.locator('form [role="alert"]')).toBeFocused();

  await page.getByLabel(m.auth.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: m.auth.signInButton, exact: true }).click();
  await expect(page).toHaveURL(/\/en\/exchanges$/);

  // the same address cannot sign up twice
  await page.getByRole('button', { name: m.nav.signOut, exact: true }).click();
  await expect(page).toHaveURL(/\/en\/sign-in$/);
  await page.goto(`${baseUrl()}/en/sign-up`);
  await page.getByLabel(m.auth.email, { exact: true }).fill(email);
  await page.getByLabel(m.auth.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: m.auth.signUpButton, exact: true }).click();
  await expect(page.locator('form [role="alert"]')).toHaveText(m.auth.error.EMAIL_TAKEN);
});

for (const locale of ['en', 'fr'] as const) {
  const m = messages[locale];

  test(`an unknown address gets the localized not-found page, with the nav (${locale})`, async ({ page }) => {
    await signUp(page, locale);
    for (const path of ['/nothing', '/guides', '/exchanges/00000000-0000-4000-8000-000000000000']) {
      const response = await page.goto(`${baseUrl()}/${locale}${path}`);
      expect(response?.status(), path).toBe(404);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1, name: m.notFound.title })).toBeVisible();
      await expect(page.getByRole('navigation', { name: m.nav.mainNav })).toBeVisible();
      // the title streams in after the body on dynamic pages: axe is run once it is there
      await expect(page).toHaveTitle(new RegExp(`^${m.notFound.title}`));
      expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual(
        [],
      );
    }
    // every page names an icon, so the browser asks for no favicon.ico that is not there
    const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect((await page.request.get(`${baseUrl()}${icon}`)).ok()).toBe(true);
  });
}
