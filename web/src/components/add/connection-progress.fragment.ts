import { graphql } from '../../graphql/graphql';

/** Where a verification stands, for the stepper. */
export const ConnectionProgressFragment = graphql(`
  fragment ConnectionProgress on ExchangeConnection {
    id
    label
    sandbox
    status
    updatedAt
    verificationStep
    retryAt
    statusReason {
      code
      retrying
      guideSection
    }
  }
`);

export const ConnectionProgressQuery = graphql(
  `
    query ConnectionProgress($id: ID!) {
      exchangeConnection(id: $id) {
        ...ConnectionProgress
      }
    }
  `,
  [ConnectionProgressFragment],
);

export const ConnectionProgressUpdated = graphql(
  `
    subscription ConnectionProgressUpdated($id: ID!) {
      exchangeConnectionUpdated(id: $id) {
        ...ConnectionProgress
      }
    }
  `,
  [ConnectionProgressFragment],
);
