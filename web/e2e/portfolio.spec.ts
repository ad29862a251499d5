import { expect, test } from '@playwright/test';
import {
  baseUrl,
  connectAs,
  createSimAccount,
  messages,
  screenshot,
  setSimBalances,
  signUp,
  statusOf,
} from './helpers';

for (const locale of ['en', 'fr'] as const) {
  const m = messages[locale];

  test(`Portfolio shows holdings valued at the exchange’s price, and a balance change live (${locale})`, async ({
    page,
    context,
  }) => {
    const [key] = await createSimAccount();
    await signUp(page, locale);
    const { api, id } = await connectAs(context, {
      exchangeId: 'binance',
      label: 'Spot',
      credentials: { apiKey: key!.apiKey, secret: key!.secret },
    });
    await expect.poll(() => statusOf(api, id)).toBe('CONNECTED');

    await page
      .getByRole('navigation', { name: m.nav.mainNav })
      .getByRole('link', { name: m.nav.portfolio, exact: true })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: m.portfolio.title })).toBeVisible();
    // BTC 0.51 at 60,000 USDT: 30,600; USDT 1,234.56 at par — prices arrive live from the workers
    const btc = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'BTC', exact: true }) });
    await expect(btc).toContainText(locale === 'fr' ? '30\u202f600 USD' : '30,600 USD');
    await expect(page.locator('[data-total]')).toHaveAttribute('data-total', '31834.56');
    // each price says where it came from: BTC from Binance's tickers, USDT at par
    await expect(btc.locator('.price-source')).toContainText(
      m.portfolio.priceSource.replace('{sources}', 'Binance').replace(/, \{at\}$/, ''),
    );
    await expect(
      page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'USDT', exact: true }) }),
    ).toContainText(m.portfolio.atPar);
    // the allocation chart comes after the tables (lazy), drawn in the browser
    await expect(page.locator('.recharts-pie-sector').first()).toBeVisible();

    await page.evaluate(() => Object.assign(window, { e2eMarker: 'same page' }));
    await setSimBalances(key!.uid, { BTC: { free: '1', locked: '0' } });
    await api('mutation($id: ID!) { refreshBalances(id: $id) { __typename } }', { id });
    await expect(page.locator('[data-total]')).toHaveAttribute('data-total', '61234.56');
    await expect(btc).toContainText(locale === 'fr' ? '60\u202f000 USD' : '60,000 USD');
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe(
      'same page',
    );
    // snapshots every 1.5 s here: wait for two valued points, the fewest a line can be drawn through
    await expect
      .poll(
        async () =>
          (
            await api<{ portfolioHistory: { value: string | null }[] }>('{ portfolioHistory { value } }')
          ).portfolioHistory.filter((point) => point.value !== null).length,
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(2);
    await page.reload();
    // attached, not "visible": a flat line has no height
    await expect(page.locator('.recharts-line-curve')).toBeAttached();
    await expect(page.locator('.recharts-line-curve')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
    await screenshot(page, `${locale}-portfolio`);

    // amounts on the y-axis are short, on one line with their currency, none cut off at the top
    const chart = page.locator('.recharts-wrapper').last();
    const top = (await chart.boundingBox())?.y ?? 0;
    for (const tick of await chart.locator('.recharts-yAxis .recharts-cartesian-axis-tick-value').all()) {
      expect(await tick.textContent()).toMatch(/\u00a0USD$/);
      expect((await tick.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(top);
    }
    // the chosen period is pressed, and the axis names each date once
    const periods = page.getByRole('navigation', { name: m.portfolio.range });
    await expect(periods.getByRole('button', { name: m.portfolio.rangeDAY })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await periods.getByRole('button', { name: m.portfolio.rangeWEEK }).click();
    await expect(periods.getByRole('button', { name: m.portfolio.rangeWEEK })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(periods.getByRole('button', { name: m.portfolio.rangeDAY })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    await expect(page.locator('.recharts-line-curve')).toBeAttached();
    const dates = await chart
      .locator('.recharts-xAxis .recharts-cartesian-axis-tick-value')
      .allTextContents();
    expect(new Set(dates).size).toBe(dates.length);

    // Tab goes through links and buttons only: the charts' drawings take no focus of their own
    await page.locator('h1').click();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.closest('svg') !== null);
      expect(focused, `tab stop ${i} is inside a chart`).toBe(false);
    }

    await page.getByRole('link', { name: 'EUR', exact: true }).click();
    await expect(page).toHaveURL(/quote=EUR/);
    // no EUR market on the sim: BTC cannot be valued in EUR, and says so instead of showing 0
    await expect(btc).toContainText(m.portfolio.unpriced);
    // and the total is not shown as an empty account, nor as prices still loading
    await expect(page.locator('[data-total]')).toHaveText('—');
    await expect(page.getByText(m.portfolio.noneValued.replace('{quote}', 'EUR'))).toBeVisible();
    await expect(page.getByText(m.portfolio.noPrices)).toHaveCount(0);
  });
}

test('an empty portfolio says what to do', async ({ page }) => {
  await signUp(page, 'en');
  await page.goto(`${baseUrl()}/en/portfolio`);
  await expect(page.getByRole('heading', { name: messages.en.portfolio.emptyTitle })).toBeVisible();
});
