import { expect, test } from '@playwright/test';
import { createSimAccount, type Locale, messages, revokeSimKey, screenshot, signUp } from './helpers';

for (const locale of ['en', 'fr'] as const satisfies Locale[]) {
  const m = messages[locale];

  test(`connect, fix a wrong secret, replace keys, see a revoked key live, delete (${locale})`, async ({
    page,
  }) => {
    const [first, second] = await createSimAccount(2);
    await signUp(page, locale);

    // empty state leads to Add New Exchange
    await expect(page.getByRole('heading', { name: m.list.emptyTitle })).toBeVisible();
    await screenshot(page, `${locale}-my-exchanges-empty`);
    await page
      .getByRole('region', { name: m.list.emptyTitle })
      .getByRole('link', { name: m.nav.addExchange, exact: true })
      .click();

    await page.getByLabel(m.add.search, { exact: true }).fill('binance');
    await page
      .getByRole('button', { name: /^Binance/ })
      .first()
      .click();
    await expect(
      page.getByRole('heading', { name: m.add.formTitle.replace('{exchange}', 'Binance') }),
    ).toBeVisible();
    await expect(page.getByText('203.0.113.10', { exact: true })).toBeVisible();
    await expect(
      page.getByRole('button', { name: m.add.copy.replace('{ip}', '2001:db8::10') }),
    ).toBeVisible();

    // a page marker proves nothing below reloads the page
    await page.evaluate(() => Object.assign(window, { e2eMarker: 'same page' }));
    await page.getByLabel(m.add.label, { exact: true }).fill('Main');
    await page.getByLabel(m.fields.apiKey.label, { exact: true }).fill(`  ${first!.apiKey}  `);
    await page.getByLabel(m.fields.secret.label, { exact: true }).fill('not-the-secret');
    // spot is read by default; the funding wallet too when ticked
    await expect(page.getByRole('checkbox', { name: m.accountTypes.SPOT, exact: true })).toBeChecked();
    await page.getByRole('checkbox', { name: m.accountTypes.FUNDING, exact: true }).check();
    await screenshot(page, `${locale}-add-exchange-form`);
    await page.getByRole('button', { name: m.add.connect, exact: true }).click();

    const failed = page.getByRole('heading', {
      name: m.add.failedTitle.replace('{status}', m.status.INVALID_CREDENTIALS),
    });
    await expect(failed).toBeVisible();
    await expect(failed).toBeFocused();
    await expect(page.getByText(m.reasons.SIGNATURE_REJECTED.remedy)).toBeVisible();
    // the form is kept (pasted whitespace trimmed): only the wrong field needs fixing
    await expect(page.getByLabel(m.fields.apiKey.label, { exact: true })).toHaveValue(first!.apiKey);
    await expect(page.getByLabel(m.add.label, { exact: true })).toHaveValue('Main');
    await screenshot(page, `${locale}-add-exchange-invalid-secret`);

    await page.getByLabel(m.fields.secret.label, { exact: true }).fill(first!.secret);
    await page.getByRole('button', { name: m.add.tryAgain, exact: true }).click();
    const connected = page.getByRole('heading', { name: m.add.connectedTitle.replace('{label}', 'Main') });
    await expect(connected).toBeVisible();
    await expect(connected).toBeFocused();
    for (const step of [m.steps.checking, m.steps.permissions, m.steps.balances]) {
      await expect(page.getByRole('listitem').filter({ hasText: step })).toContainText(m.steps.done);
    }
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe(
      'same page',
    );
    await screenshot(page, `${locale}-add-exchange-connected`);

    await page.getByRole('link', { name: m.add.backToList, exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'Main' });
    await expect(row).toContainText(m.status.CONNECTED);
    await expect(row).toContainText('Binance');
    await screenshot(page, `${locale}-my-exchanges`);

    await row.getByRole('link', { name: m.list.open.replace('{label}', 'Main') }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Main' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'BTC' })).toContainText(
      locale === 'fr' ? '0,5' : '0.5',
    );
    await expect(page.getByRole('row').filter({ hasText: 'USDC' })).toContainText(m.accountTypes.FUNDING);
    // what the exchange reported the key may do, and what it did not report, apart
    const rights = page.getByRole('table', { name: m.permissions.title });
    await expect(rights.getByRole('row', { name: m.permissions.withdraw })).toContainText(m.permissions.no);
    await expect(rights.getByRole('row', { name: m.permissions.read })).toContainText(m.permissions.yes);
    // the sim key has no IP whitelist: the page says so, with what to do
    // with Binance's own rule on such keys, since this is a Binance key
    const [advice, binanceRule] = m.warnings.IP_UNRESTRICTED.split('{exchange, select, binance {');
    await expect(page.getByRole('list', { name: m.warnings.title })).toContainText(
      `${advice}${binanceRule?.split('} other')[0]}`,
    );
    await screenshot(page, `${locale}-connection`);

    // replace keys in place: same connection, history kept; the wrong-secret retry made version 2.
    // A working connection keeps its key until the new one passes: a mistyped one changes nothing
    const hint = (apiKey: string) => `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`;
    await page.getByRole('button', { name: m.connection.replaceKeys, exact: true }).click();
    await expect(page.getByText(m.connection.replaceWarning)).toBeVisible();
    await page.getByLabel(m.fields.apiKey.label, { exact: true }).fill(second!.apiKey);
    await page.getByLabel(m.fields.secret.label, { exact: true }).fill(`${second!.secret}x`);
    await page.getByRole('button', { name: m.connection.replaceSubmit, exact: true }).click();
    await expect(
      page.getByText(m.connection.replacementRefused.replace('{hint}', hint(second!.apiKey))),
    ).toBeVisible();
    await expect(page.locator('[data-replacement="REFUSED"]')).toContainText(
      m.reasons.SIGNATURE_REJECTED.explanation,
    );
    await expect(page.getByText(`${m.connection.keyVersion} 2`)).toBeVisible();
    await screenshot(page, `${locale}-connection-replacement-refused`);

    await page.getByRole('button', { name: m.connection.replaceKeys, exact: true }).click();
    await page.getByLabel(m.fields.apiKey.label, { exact: true }).fill(second!.apiKey);
    await page.getByLabel(m.fields.secret.label, { exact: true }).fill(second!.secret);
    await page.getByRole('button', { name: m.connection.replaceSubmit, exact: true }).click();
    await expect(page.getByText(`${m.connection.keyVersion} 3`)).toBeVisible();
    await expect(page.locator('[data-replacement]')).toHaveCount(0);
    await expect(
      page.getByRole('heading', {
        level: 2,
        name: m.connection.statusHeading.replace('{status}', m.status.CONNECTED),
      }),
    ).toBeVisible();
    await expect(
      page.getByRole('list').filter({ hasText: m.connection.event.CREDENTIALS_REPLACED }),
    ).toBeVisible();

    // revoked on the exchange, then tested again: the status changes live
    await revokeSimKey(second!.apiKey);
    await page.getByRole('button', { name: m.connection.testAgain, exact: true }).click();
    await expect(
      page.getByRole('heading', {
        level: 2,
        name: m.connection.statusHeading.replace('{status}', m.status.EXPIRED),
      }),
    ).toBeVisible();
    await expect(page.getByText(m.reasons.KEY_EXPIRED.remedy)).toBeVisible();
    await screenshot(page, `${locale}-connection-expired`);

    await page.getByRole('button', { name: m.connection.delete, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(m.connection.deleteBody);
    await screenshot(page, `${locale}-connection-delete`);
    await dialog.getByRole('button', { name: m.connection.deleteConfirm, exact: true }).click();
    await expect(
      page.getByRole('heading', { name: m.connection.deletedTitle.replace('{label}', 'Main') }),
    ).toBeVisible();
    await page.getByRole('link', { name: m.connection.backToList, exact: true }).click();
    await expect(page.getByRole('heading', { name: m.list.emptyTitle })).toBeVisible();
  });
}
