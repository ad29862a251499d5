import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { baseUrl, messages } from './helpers';

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
