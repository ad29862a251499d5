import { graphql } from '../../graphql/graphql';

export const ApiTokenFields = graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    prefix
    scopes
    createdAt
    lastUsedAt
    expiresAt
    allowedIps
  }
`);

export const ApiTokensQuery = graphql(
  `
    query ApiTokens {
      apiTokens { ...ApiTokenFields }
    }
  `,
  [ApiTokenFields],
);

export const CreateApiToken = graphql(
  `
    mutation CreateApiToken($input: CreateApiTokenInput!) {
      createApiToken(input: $input) {
        __typename
        ... on Error { code field message }
        ... on MutationCreateApiTokenSuccess { data { token apiToken { ...ApiTokenFields } } }
      }
    }
  `,
  [ApiTokenFields],
);

export const RevokeApiToken = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on Error { code message }
      ... on MutationRevokeApiTokenSuccess { data { id } }
    }
  }
`);
