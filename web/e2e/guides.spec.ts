import AxeBuilder from '@axe-core/playwright';
import { findExchange } from '@keyport/exchange/catalogue';
import { exchangeSupport } from '@keyport/exchange/exchange-support';
import { findGuide, GUIDED_EXCHANGES } from '@keyport/exchange/guides';
import { expect, type Page, test } from '@playwright/test';
import { GUIDE_SECTIONS, sectionAnchor } from '../src/components/guides/sections';
import { baseUrl, createSimAccount, type Locale, messages, screenshot, signUp } from './helpers';

async function noAxeViolations(page: Page) {
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
}

for (const locale of ['en', 'fr'] as const satisfies Locale[]) {
  const m = messages[locale];
  const g = m.guides;

  test(`each exchange's guide beside Add New Exchange, a guide page, and a failure's link to it (${locale})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const [key] = await createSimAccount(1);
    await signUp(page, locale);
    await page.goto(`${baseUrl()}/${locale}/exchanges/new`);
    expect(GUIDED_EXCHANGES).toHaveLength(12);

    for (const id of GUIDED_EXCHANGES) {
      const guide = findGuide(id);
      const name = findExchange(id)?.name ?? id;
      if (!guide) throw new Error(`no guide for ${id}`);
      await page.getByLabel(m.add.search, { exact: true }).fill(id);
      await page.locator(`button[data-exchange="${id}"]`).click();
      await expect(
        page.getByRole('heading', { name: m.add.formTitle.replace('{exchange}', name) }),
      ).toBeVisible();

      const panel = page.getByRole('complementary', { name: g.panelTitle.replace('{exchange}', name) });
      await expect(panel).toBeVisible();
      await expect(panel).toHaveAttribute('data-guide', id);
      // every section under its translated title, anchored by its dashed name
      for (const section of GUIDE_SECTIONS) {
        await expect(
          panel
            .locator(`section#${sectionAnchor(section)}`)
            .getByRole('heading', { level: 3, name: g.sections[section] }),
        ).toBeVisible();
      }
      // each switch by the exchange's own name, with what to do with it in words
      const switches = panel.getByRole('region', { name: g.sections.PERMISSIONS }).getByRole('listitem');
      await expect(switches).toHaveCount(guide.permissions.length);
      for (const [i, permission] of guide.permissions.entries()) {
        const item = switches.nth(i);
        await expect(item.locator('.guide-switch')).toHaveText(permission.name);
        await expect(item.locator('.badge')).toHaveText(g.turn[permission.turn.toUpperCase() as 'ON']);
        await expect(item).toContainText(permission.why[locale]);
      }
      // the texts are in the page's language
      await expect(panel.locator('#create-key')).toContainText(guide.createKey.steps[0]?.[locale] ?? '');
      await expect(panel.locator('#checklist li').first()).toHaveText(guide.checklist[0]?.[locale] ?? '');
      await expect(panel.getByRole('link', { name: new RegExp(`^${g.openFull}`) })).toHaveAttribute(
        'href',
        `/${locale}/guides/${id}`,
      );
      await page.getByRole('button', { name: m.add.change, exact: true }).click();
    }

    // an exchange without a guide shows nothing more than the form
    await page.getByLabel(m.add.search, { exact: true }).fill('bitstamp');
    const asked = page.waitForResponse((r) => Boolean(r.request().postData()?.includes('query GuidePanel')));
    await page.locator('button[data-exchange="bitstamp"]').click();
    expect((await (await asked).json()).data.exchange).toMatchObject({ id: 'bitstamp', guide: null });
    await expect(
      page.getByRole('heading', { name: m.add.formTitle.replace('{exchange}', 'Bitstamp') }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: m.add.guideTitle })).toBeVisible();
    await expect(page.locator('.guide-panel')).toHaveCount(0);
    await page.getByRole('button', { name: m.add.change, exact: true }).click();

    await page.getByLabel(m.add.search, { exact: true }).fill('binance');
    await page.locator('button[data-exchange="binance"]').click();
    const checklistItem = page.locator('.guide-panel #checklist li').first();
    if (locale === 'fr') await expect(checklistItem).toContainText('L’API Key a été copiée en entier');
    else await expect(checklistItem).toContainText('The API Key was copied whole');
    await noAxeViolations(page);
    await screenshot(page, `${locale}-add-exchange-guide`);

    // a wrong secret: the remedy links to the checklist of the Binance guide
    await page.getByLabel(m.add.label, { exact: true }).fill('Wrong secret');
    await page.getByLabel(m.fields.apiKey.label, { exact: true }).fill(key!.apiKey);
    await page.getByLabel(m.fields.secret.label, { exact: true }).fill('not-the-secret');
    await page.getByRole('button', { name: m.add.connect, exact: true }).click();
    await expect(
      page.getByRole('heading', {
        name: m.add.failedTitle.replace('{status}', m.status.INVALID_CREDENTIALS),
      }),
    ).toBeVisible();
    const linkName = g.seeGuide.replace('{exchange}', 'Binance').replace('{section}', g.sections.CHECKLIST);
    // in a new tab here: the form keeps what was typed for the retry
    const addPageLink = page.getByRole('link', { name: `${linkName} ${g.newTab}`, exact: true });
    await expect(addPageLink).toHaveAttribute('href', `/${locale}/guides/binance#checklist`);
    await expect(addPageLink).toHaveAttribute('target', '_blank');

    // the connection's page says the same, and the link lands on the checklist
    await page.goto(`${baseUrl()}/${locale}/exchanges`);
    await page.getByRole('link', { name: m.list.open.replace('{label}', 'Wrong secret') }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Wrong secret' })).toBeVisible();
    await expect(page.getByText(m.reasons.SIGNATURE_REJECTED.remedy)).toBeVisible();
    await page.getByRole('link', { name: linkName, exact: true }).click();
    await expect(page).toHaveURL(`${baseUrl()}/${locale}/guides/binance#checklist`);
    await expect(
      page.getByRole('heading', { level: 1, name: g.title.replace('{exchange}', 'Binance') }),
    ).toBeVisible();
    const checklist = page.locator('section#checklist');
    await expect(checklist.getByRole('heading', { level: 2, name: g.sections.CHECKLIST })).toBeVisible();
    await expect(checklist).toBeInViewport();
    const binance = findGuide('binance');
    await expect(checklist.getByRole('listitem').first()).toHaveText(binance?.checklist[0]?.[locale] ?? '');
    if (locale === 'fr') await expect(checklist).toContainText('L’API Key a été copiée en entier');
    for (const section of GUIDE_SECTIONS) {
      await expect(
        page
          .locator(`section#${sectionAnchor(section)}`)
          .getByRole('heading', { level: 2, name: g.sections[section] }),
      ).toBeVisible();
    }
    // when it was last checked, and what it was written from
    await expect(page.locator(`time[datetime="${binance?.lastChecked}"]`)).toBeVisible();
    for (const source of binance?.sources ?? []) {
      await expect(page.locator(`.guide-sources a[href="${source}"]`)).toBeVisible();
    }
    await expect(page.getByText('203.0.113.10', { exact: true })).toBeVisible();
    await noAxeViolations(page);
    await screenshot(page, `${locale}-guide-binance`);

    // an exchange without a guide has no guide page
    const missing = await page.goto(`${baseUrl()}/${locale}/guides/bitstamp`);
    expect(missing?.status()).toBe(404);
  });
}

for (const locale of ['en', 'fr'] as const satisfies Locale[]) {
  const m = messages[locale];

  test(`the Add page claims a withdrawal check only where Keyport reads withdrawal rights (${locale})`, async ({
    page,
  }) => {
    await signUp(page, locale);
    await page.goto(`${baseUrl()}/${locale}/exchanges/new`);
    const guidance = page.getByRole('complementary', { name: m.add.guideTitle });
    for (const [id, reads] of [
      ['kraken', true],
      ['kucoin', true],
      // a sibling read through its venue's endpoint, and one whose exchange documents none
      ['okxus', true],
      ['binanceus', false],
      ['bitstamp', false],
      ['aster', false],
    ] as const) {
      expect(exchangeSupport(id).withdrawalRights).toBe(reads);
      await page.getByLabel(m.add.search, { exact: true }).fill(id);
      await page.locator(`button[data-exchange="${id}"]`).click();
      const name = findExchange(id)?.name ?? id;
      await expect(guidance).toContainText(
        reads ? m.add.guideWithdraw : m.add.guideWithdrawUnknown.replace('{exchange}', name),
      );
      if (!reads) await expect(guidance).not.toContainText(m.add.guideWithdraw);
      await page.goto(`${baseUrl()}/${locale}/exchanges/new`);
    }
  });
}
