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
    await expect(row).toContainText(m.tokens.anyAddress);
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
  test(`bind a token to client addresses: refused at the field, then listed (${locale})`, async ({
    page,
  }) => {
    await signUp(page, locale);
    await page.goto(`${baseUrl()}/${locale}/tokens`);
    await expect(page.getByRole('heading', { level: 1, name: m.tokens.title })).toBeVisible();

    const name = page.getByLabel(m.tokens.name, { exact: true });
    const ips = page.getByLabel(m.tokens.allowedIps, { exact: true });
    await expect(ips).toHaveAccessibleDescription(m.tokens.allowedIpsHint);
    await name.fill('CI runner');
    await ips.fill('203.0.113.7\n10.0.0.300');
    await page.getByRole('button', { name: m.tokens.create, exact: true }).click();

    // the API's refusal is said at the field, which takes the focus; nothing was made
    await expect(ips).toHaveAttribute('aria-invalid', 'true');
    await expect(ips).toBeFocused();
    await expect(ips).toHaveAccessibleDescription(`${m.tokens.allowedIpsHint} ${m.tokens.allowedIpsInvalid}`);
    await expect(page.locator('.field-error')).toHaveText(m.tokens.allowedIpsInvalid);
    await expect(page.locator('[data-token]')).toHaveCount(0);
    await expect(page.getByText(m.tokens.none)).toBeVisible();
    expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);

    await ips.fill(' 203.0.113.7 ');
    await page.getByRole('button', { name: m.tokens.create, exact: true }).click();
    await expect(
      page.getByRole('heading', { name: m.tokens.createdTitle.replace('{name}', 'CI runner') }),
    ).toBeFocused();
    await expect(ips).not.toHaveAttribute('aria-invalid');
    await expect(page.locator('.field-error')).toHaveCount(0);
    const token = (await page.locator('[data-token]').textContent()) ?? '';
    await page.getByRole('button', { name: m.tokens.done, exact: true }).click();

    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2); // the header and this token: the refused attempt made none
    const row = page.getByRole('row', { name: /CI runner/ });
    await expect(row.getByRole('cell', { name: '203.0.113.7', exact: true })).toBeVisible();
    await expect(row).not.toContainText(m.tokens.anyAddress);
    expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
    await screenshot(page, `${locale}-tokens-allowed-ips`);

    // bound to 203.0.113.7, it is no token at all from here
    const fromHere = await fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ exchangeConnections { id } }' }),
    }).then((r) => r.json());
    expect(fromHere.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
}

for (const locale of ['en', 'fr'] as const) {
  const m = messages[locale];

  test(`a refused token is explained at its field, in the reader's language (${locale})`, async ({
    page,
  }) => {
    await signUp(page, locale);
    await page.goto(`${baseUrl()}/${locale}/tokens`);
    await page.getByLabel(m.tokens.name, { exact: true }).fill('No scope');
    await page.getByLabel(m.tokens.scope.CONNECTIONS_READ, { exact: true }).uncheck();
    await page.getByRole('button', { name: m.tokens.create, exact: true }).click();
    const first = page.getByLabel(m.tokens.scope.CONNECTIONS_READ, { exact: true });
    await expect(first).toBeFocused();
    await expect(page.getByRole('group', { name: m.tokens.scopes })).toHaveAccessibleDescription(
      `${m.tokens.scopesHint} ${m.tokens.scopesInvalid}`,
    );
    await first.check();

    const expires = page.getByLabel(m.tokens.expires, { exact: true });
    await expires.fill('2020-01-01');
    await page.getByRole('button', { name: m.tokens.create, exact: true }).click();
    await expect(expires).toBeFocused();
    await expect(expires).toHaveAttribute('aria-invalid', 'true');
    await expect(expires).toHaveAccessibleDescription(m.tokens.expiresInvalid);
    // the API's own (English) words are not shown
    await expect(page.getByText('The expiry must be in the future.')).toHaveCount(0);
    await expect(page.locator('[data-token]')).toHaveCount(0);
    expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
  });
}
