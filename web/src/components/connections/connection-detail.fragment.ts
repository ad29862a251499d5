import { graphql } from '../../graphql/graphql';

/** Everything the connection page shows; its query, its live subscription and its actions select it. */
export const ConnectionDetailFragment = graphql(`
  fragment ConnectionDetail on ExchangeConnection {
    id
    label
    exchangeId
    exchange {
      name
      hasTestnet
      requiredCredentials {
        key
        masked
        multiline
      }
    }
    keyHint
    accountTypes
    sandbox
    status
    updatedAt
    statusReason {
      code
      retrying
      guideSection
      clockOffsetMs
    }
    warnings {
      code
      detail
    }
    permissions {
      read
      spotTrade
      margin
      futures
      withdraw
      internalTransfer
      ipRestricted
      allowedIps
      expiresAt
      accountKind
    }
    verificationStep
    retryAt
    lastVerifiedAt
    createdAt
    credentialVersion
    hasCredentials
    keyReplacement {
      keyHint
      state
      reason {
        code
        guideSection
      }
    }
    deletedAt
    balances {
      accountType
      asset
      free
      used
      total
    }
    events(first: 50) {
      id
      kind
      fromStatus
      toStatus
      reasonCode
      actorType
      createdAt
    }
  }
`);

export const ConnectionDetailQuery = graphql(
  `
    query ConnectionDetail($id: ID!) {
      exchangeConnection(id: $id) {
        ...ConnectionDetail
      }
    }
  `,
  [ConnectionDetailFragment],
);

export const ConnectionDetailUpdated = graphql(
  `
    subscription ConnectionDetailUpdated($id: ID!) {
      exchangeConnectionUpdated(id: $id) {
        ...ConnectionDetail
      }
    }
  `,
  [ConnectionDetailFragment],
);
