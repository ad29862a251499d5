// A guide's sections in page order, by the API's GuideSection name, and their anchors on a guide page.

export const GUIDE_SECTIONS = [
  'CREATE_KEY',
  'PERMISSIONS',
  'EXTRA_FIELD',
  'IP_WHITELIST',
  'EXPIRY',
  'FUTURES',
  'TESTNET',
  'TRADE_CHECK',
  'CHECKLIST',
] as const;
export type GuideSectionName = (typeof GUIDE_SECTIONS)[number];

/** The section's anchor on a guide page: CREATE_KEY → create-key. */
export const sectionAnchor = (section: GuideSectionName): string =>
  section.toLowerCase().replaceAll('_', '-');

/** Where a section is: the guide page path (without the locale prefix) and its anchor. */
export const guideHref = (exchangeId: string, section?: GuideSectionName | null): string =>
  `/guides/${encodeURIComponent(exchangeId)}${section ? `#${sectionAnchor(section)}` : ''}`;

/** The API's locale argument for the page's locale. */
export const guideLocale = (locale: string): 'EN' | 'FR' => (locale === 'fr' ? 'FR' : 'EN');
