import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { baseUrl, connectAs, createSimAccount, messages, screenshot, signUp, statusOf } from './helpers';

// an iPhone 12–15 sized screen: the review found every table page scrolling sideways there
test.use({ viewport: { width: 390, height: 844 } });

for (const locale of ['en', 'fr'] as const) {
  const m = messages[locale];

  test(`on a phone no main page is wider than the screen, and the header stays short (${locale})`, async ({
    page,
    context,
  }) => {
    const [key] = await createSimAccount();
    await signUp(page, locale);
    const { api, id } = await connectAs(context, {
      exchangeId: 'binance',
      label: 'A rather long connection name',
      credentials: { apiKey: key!.apiKey, secret: key!.secret },
      accountTypes: ['SPOT', 'FUNDING'],
    });
    await expect.poll(() => statusOf(api, id)).toBe('CONNECTED');
    await api(
      `mutation { createApiToken(input: { name: "A token with a long name", scopes: [CONNECTIONS_READ, PORTFOLIO_READ],
        allowedIps: ["203.0.113.7", "2001:db8::1"] }) { __typename } }`,
    );

    for (const path of [
      '/exchanges',
      `/exchanges/${id}`,
      '/exchanges/new',
      '/portfolio',
      '/tokens',
      '/guides/okx',
    ]) {
      await page.goto(`${baseUrl()}/${locale}${path}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      if (path === '/portfolio') await expect(page.locator('table.holdings')).toBeVisible();
      const width = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: window.innerWidth,
      }));
      expect(width.page, `${locale}${path} scrolls sideways`).toBeLessThanOrEqual(width.screen);

      // the header keeps to a few short rows, and every nav link can be read whole
      const header = await page.locator('header.topbar').boundingBox();
      expect(header?.height ?? 0, `${locale}${path} header height`).toBeLessThanOrEqual(140);
      for (const link of await page
        .getByRole('navigation', { name: m.nav.mainNav })
        .getByRole('link')
        .all()) {
        expect(
          await link.evaluate((el) => el.getBoundingClientRect().height),
          (await link.textContent()) ?? '',
        ).toBeLessThan(30);
      }
      expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual(
        [],
      );
      await screenshot(page, `mobile-${locale}${path.replace(id, 'detail').replaceAll('/', '_')}`);
    }

    // a table wider than the screen scrolls in its own box, which the keyboard can reach
    await page.goto(`${baseUrl()}/${locale}/tokens`);
    const box = page.locator('.table-scroll');
    await expect(box).toHaveAttribute('tabindex', '0');
  });
}

test('on a desktop the French nav keeps to one line, and the live indicator claims only a live stream', async ({
  page,
}) => {
  const m = messages.fr;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUp(page, 'fr');
  const indicator = page.locator('header [data-live]');
  const navTops = () =>
    page
      .getByRole('navigation', { name: m.nav.mainNav })
      .getByRole('link')
      .evaluateAll(
        (links) => new Set(links.map((link) => Math.round(link.getBoundingClientRect().top))).size,
      );

  // My Exchanges holds a live stream
  await expect(indicator).toHaveAttribute('data-live', 'live');
  await expect(indicator).toHaveText(`● ${m.live.live}`);
  expect(await navTops()).toBe(1);

  // API tokens holds none: nothing is said, rather than "connecting" for ever
  await page
    .getByRole('navigation', { name: m.nav.mainNav })
    .getByRole('link', { name: m.nav.tokens })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: m.tokens.title })).toBeVisible();
  await expect(indicator).toHaveAttribute('data-live', 'idle');
  await expect(indicator).toHaveText('');
  expect(await navTops()).toBe(1);
});
