import { graphql } from '../../graphql/graphql';

/** Everything a guide shows, in the language it was asked in. */
export const ExchangeGuideFragment = graphql(`
  fragment ExchangeGuide on ExchangeGuide {
    locale
    lastChecked
    sources
    menuPath
    steps
    permissions {
      name
      turn
      why
    }
    extraFieldLabel
    extraField
    ipWhitelistField
    ipWhitelist
    expiry
    futures
    testnetAvailable
    testnetUrl
    testnet
    tradeCheckMode
    tradeCheckEndpoint
    tradeCheckChecksPermission
    tradeCheck
    checklist
  }
`);

/** The guide beside the Add New Exchange form, fetched once an exchange is chosen. */
export const GuidePanelQuery = graphql(
  `
    query GuidePanel($id: ID!, $locale: GuideLocale!) {
      exchange(id: $id) {
        id
        guide(locale: $locale) {
          ...ExchangeGuide
        }
      }
    }
  `,
  [ExchangeGuideFragment],
);

/** A guide page: the exchange's guide and Keyport's addresses for its IP whitelist. */
export const GuidePageQuery = graphql(
  `
    query GuidePage($id: ID!, $locale: GuideLocale!) {
      exchange(id: $id) {
        id
        name
        guide(locale: $locale) {
          ...ExchangeGuide
        }
      }
      egressIps
    }
  `,
  [ExchangeGuideFragment],
);
