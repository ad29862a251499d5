import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { baseUrl, messages, screenshot, signUp } from './helpers';

for (const locale of ['en', 'fr'] as const) {
  const m = messages[locale];

  test(`make an API token, see it once, use it, revoke it (${locale})`, async ({ page }) => {
    await signUp(page, locale);
    await page
      .getByRole('navigation', { name: m.nav.mainNav })
      .getByRole('link', { name: m.nav.tokens, exact: true })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: m.tokens.title })).toBeVisible();
    await expect(page.getByText(m.tokens.none)).toBeVisible();

    await page.getByLabel(m.tokens.name, { exact: true }).fill('Tax tool');
    await page.getByLabel(m.tokens.scope.PORTFOLIO_READ, { exact: true }).check();
    await page.getByRole('button', { name: m.tokens.create, exact: true }).click();
    const shown = page.getByRole('heading', { name: m.tokens.createdTitle.replace('{name}', 'Tax tool') });
    await expect(shown).toBeFocused();
    const token = (await page.locator('[data-token]').textContent()) ?? '';
    expect(token).toMatch(/^kp_[A-Za-z0-9_-]{43}$/);
    expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
    await screenshot(page, `${locale}-tokens`);

    // it works as a Bearer token, for what it was given
    const byToken = await fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ portfolio { total } }' }),
    }).then((r) => r.json());
    expect(byToken.errors).toBeUndefined();

    // listed without the token itself; gone from the page once done
    await page.getByRole('button', { name: m.tokens.done, exact: true }).click();
    await expect(page.locator('[data-token]')).toHaveCount(0);
    const row = page.getByRole('row', { name: /Tax tool/ });
    await expect(row).toContainText(token.slice(0, 9));
    await expect(page.getByText(token)).toHaveCount(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: new RegExp(m.tokens.revoke) }).click();
    await expect(page.getByText(m.tokens.none)).toBeVisible();
    const afterRevoke = await fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ portfolio { total } }' }),
    }).then((r) => r.json());
    expect(afterRevoke.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
}
