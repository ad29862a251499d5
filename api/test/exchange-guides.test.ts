// Third parties get the same exchange guides as the dashboard, in English and French.

import { listExchanges } from '@keyport/exchange/catalogue';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from './client';
import type { Stack } from './harness';
import { withStack } from './with-stack';

/** The 12 most used exchanges, which all have a guide. */
const POPULAR = listExchanges()
  .filter((exchange) => exchange.popular)
  .map((exchange) => exchange.id);

let stack: Stack;
let api: ApiClient;
withStack((started) => ({ stack, api } = started), { worker: false });

const GUIDE = `query ($id: ID!, $locale: GuideLocale) {
  exchange(id: $id) {
    name
    guide(locale: $locale) {
      locale lastChecked sources menuPath steps
      permissions { name turn why }
      extraFieldLabel extraField ipWhitelistField ipWhitelist expiry futures
      testnetAvailable testnetUrl testnet
      tradeCheckMode tradeCheckEndpoint tradeCheckChecksPermission tradeCheck
      checklist
    }
  }
}`;

interface Guide {
  locale: string;
  lastChecked: string;
  steps: string[];
  permissions: { name: string; turn: string; why: string }[];
  tradeCheckMode: string;
  tradeCheckEndpoint: string | null;
  testnet: string;
  checklist: string[];
}

const guideOf = async (id: string, locale?: string) =>
  (await api.ok<{ exchange: { guide: Guide | null } }>(GUIDE, { id, locale })).exchange.guide;

describe('exchange guides in the API', () => {
  it.each(POPULAR)(
    '%s: in English by default and in French when asked, the switch names untranslated',
    async (id) => {
      const en = await guideOf(id);
      const fr = await guideOf(id, 'FR');
      if (!en || !fr) throw new Error(`no guide for ${id}`);
      expect(en.locale).toBe('EN');
      expect(fr.locale).toBe('FR');
      expect(fr.lastChecked).toBe(en.lastChecked);
      expect(fr.steps).toHaveLength(en.steps.length);
      expect(fr.steps).not.toEqual(en.steps);
      expect(fr.permissions.map((p) => [p.name, p.turn])).toEqual(
        en.permissions.map((p) => [p.name, p.turn]),
      );
      expect(fr.checklist[0]).not.toBe(en.checklist[0]);
      expect(en.permissions.some((p) => p.turn === 'OFF')).toBe(true);
    },
  );

  it('says Binance checks trading with a test order, and OKX from its permission report', async () => {
    expect(await guideOf('binance')).toMatchObject({
      tradeCheckMode: 'VERIFIED',
      tradeCheckEndpoint: 'POST /api/v3/order/test',
    });
    expect(await guideOf('okx')).toMatchObject({ tradeCheckMode: 'REPORTED' });
    expect((await guideOf('binance', 'FR'))?.testnet).toMatch(/testnet\.binance\.vision/);
  });

  it('answers null for an exchange without a guide, and a bad locale as a GraphQL error', async () => {
    expect(await guideOf('bitstamp')).toBeNull();
    const bad = await api.request(GUIDE, { id: 'binance', locale: 'DE' });
    expect(bad.errors?.[0]?.message).toMatch(/GuideLocale/);
  });
});
