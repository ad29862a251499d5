import { graphql } from '../../graphql/graphql';

/** What a row of My Exchanges shows; the list query and the live subscription both select it. */
export const ConnectionRowFragment = graphql(`
  fragment ConnectionRow on ExchangeConnection {
    id
    label
    exchangeId
    exchange {
      name
    }
    keyHint
    accountTypes
    sandbox
    status
    updatedAt
    statusReason {
      code
      retrying
    }
    verificationStep
    lastVerifiedAt
    deletedAt
  }
`);

export const ConnectionsQuery = graphql(
  `
    query Connections {
      exchangeConnections {
        ...ConnectionRow
      }
    }
  `,
  [ConnectionRowFragment],
);

export const ConnectionRowUpdated = graphql(
  `
    subscription ConnectionRowUpdated {
      exchangeConnectionUpdated {
        ...ConnectionRow
      }
    }
  `,
  [ConnectionRowFragment],
);
