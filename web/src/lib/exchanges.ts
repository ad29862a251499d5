import { type ApiResult, queryApi } from './graphql';

export interface ExchangeSummary {
  id: string;
  name: string;
  popular: boolean;
  hasTestnet: boolean;
  requiredCredentials: ReadonlyArray<{ label: string }>;
}

const EXCHANGES_QUERY = /* GraphQL */ `
  {
    exchanges(search: "") {
      id
      name
      popular
      hasTestnet
      requiredCredentials {
        label
      }
    }
  }
`;

/** Every exchange the API supports, popular ones first (the API's order). */
export async function loadExchanges(): Promise<ApiResult<ExchangeSummary[]>> {
  const result = await queryApi<{ exchanges: ExchangeSummary[] }>(EXCHANGES_QUERY);
  return result.ok ? { ok: true, data: result.data.exchanges } : result;
}
