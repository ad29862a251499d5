import { GUIDE_SECTIONS as DATA_SECTIONS } from '@keyport/exchange/guide-types';
import { describe, expect, it } from 'vitest';
import { GUIDE_SECTIONS, guideHref, guideLocale, sectionAnchor } from './sections';

describe('guide sections', () => {
  it('anchors each API section where the guide data names it, in the same order', () => {
    expect(GUIDE_SECTIONS.map(sectionAnchor)).toEqual([...DATA_SECTIONS]);
  });

  it('links a section of an exchange’s guide page', () => {
    expect(guideHref('binance', 'CHECKLIST')).toBe('/guides/binance#checklist');
    expect(guideHref('gate', 'IP_WHITELIST')).toBe('/guides/gate#ip-whitelist');
    expect(guideHref('okx')).toBe('/guides/okx');
  });

  it('asks the API in the page’s language', () => {
    expect(guideLocale('fr')).toBe('FR');
    expect(guideLocale('en')).toBe('EN');
  });
});
