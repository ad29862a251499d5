import { graphql } from '../../graphql/graphql';

/** What the picker and the credential form need of an exchange. */
export const ExchangeChoiceFragment = graphql(`
  fragment ExchangeChoice on Exchange {
    id
    name
    popular
    hasTestnet
    accountTypes
    requiredCredentials {
      key
      masked
      multiline
    }
    support {
      withdrawalRights
    }
  }
`);

export const AddExchangeQuery = graphql(
  `
    query AddExchange {
      exchanges {
        ...ExchangeChoice
      }
      egressIps
    }
  `,
  [ExchangeChoiceFragment],
);
