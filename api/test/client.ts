// A GraphQL client as a third party would write one: fetch for queries, graphql-sse for subscriptions.
import { createClient } from 'graphql-sse';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Every body the api sent back, so a test can scan them all for secrets. */
export const responseBodies: string[] = [];

export class ApiClient {
  constructor(
    readonly url: string,
    public token: string | null = null,
  ) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    responseBodies.push(text, JSON.stringify([...response.headers]));
    const cookie = response.headers.get('set-cookie');
    const token = cookie?.match(/kp_session=([^;]*)/)?.[1];
    if (token) this.token = token;
    return JSON.parse(text) as GraphQLResponse<T>;
  }

  /** Like request, but fails the test on any GraphQL error. */
  async ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data)
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  subscribe<T>(query: string, variables: Record<string, unknown> = {}): Subscription<T> {
    const client = createClient({
      url: this.url,
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
      retryAttempts: 0,
    });
    return new Subscription<T>(client, query, variables);
  }
}

export class Subscription<T> {
  readonly events: T[] = [];
  readonly errors: unknown[] = [];
  private waiters: (() => void)[] = [];
  private readonly unsubscribe: () => void;
  /** Resolves once the server has accepted the stream (first byte may be later). */
  readonly done: Promise<void>;

  constructor(
    private readonly client: ReturnType<typeof createClient>,
    query: string,
    variables: Record<string, unknown>,
  ) {
    let finish = () => {};
    this.done = new Promise((resolve) => {
      finish = resolve;
    });
    this.unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          responseBodies.push(JSON.stringify(value));
          if (value.errors) this.errors.push(...value.errors);
          if (value.data) this.events.push(value.data as T);
          for (const wake of this.waiters.splice(0)) wake();
        },
        error: (error) => {
          this.errors.push(error);
          for (const wake of this.waiters.splice(0)) wake();
          finish();
        },
        complete: () => finish(),
      },
    );
  }

  /** Waits until some received event satisfies the predicate. */
  async waitFor(predicate: (events: T[]) => boolean, timeoutMs = 20_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      if (this.errors.length > 0) throw new Error(`subscription failed: ${JSON.stringify(this.errors)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; received ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.events;
  }

  close(): void {
    this.unsubscribe();
    this.client.dispose();
  }
}

/** Polls the connection until its status satisfies the predicate. */
export async function waitForStatus(
  api: ApiClient,
  id: string,
  predicate: (status: string) => boolean,
  timeoutMs = 20_000,
): Promise<ConnectionView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { exchangeConnection } = await api.ok<{ exchangeConnection: ConnectionView }>(CONNECTION_QUERY, {
      id,
    });
    if (predicate(exchangeConnection.status)) return exchangeConnection;
    if (Date.now() > deadline) throw new Error(`status stayed ${exchangeConnection.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ConnectionView {
  id: string;
  label: string;
  status: string;
  keyHint: string;
  credentialVersion: number;
  hasCredentials: boolean;
  verificationStep: string | null;
  statusReason: {
    code: string;
    explanation: string;
    remedy: string;
    retrying: boolean;
    guideSection: string | null;
  } | null;
  balances: { accountType: string; asset: string; free: string; used: string; total: string }[];
  permissions: Record<string, unknown> | null;
  exchangeAccountUid: string | null;
  keyReplacement: { keyHint: string; state: string; reason: { code: string; remedy: string } | null } | null;
  events: { kind: string; fromStatus: string | null; toStatus: string | null; reasonCode: string | null }[];
}

export const CONNECTION_FIELDS = `
  id label status keyHint credentialVersion hasCredentials verificationStep exchangeAccountUid
  statusReason { code explanation remedy retrying guideSection }
  balances { accountType asset free used total }
  permissions { read spotTrade withdraw ipRestricted allowedIps expiresAt accountKind }
  keyReplacement { keyHint state reason { code remedy } }
  events(first: 100) { kind fromStatus toStatus reasonCode }
`;
export const CONNECTION_QUERY = `query ($id: ID!) { exchangeConnection(id: $id) { ${CONNECTION_FIELDS} } }`;

export const CONNECT_MUTATION = `
  mutation ($input: ConnectExchangeInput!) {
    connectExchange(input: $input) {
      __typename
      ... on MutationConnectExchangeSuccess { data { ${CONNECTION_FIELDS} } }
      ... on Error { code message field }
      ... on LimitReachedError { limit }
    }
  }`;

let userCount = 0;
/** A fresh user with a session, as the sign-up form would create. */
export async function signedUpClient(url: string): Promise<ApiClient> {
  const api = new ApiClient(url);
  userCount += 1;
  const email = `trader${userCount}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const result = await api.ok<{ signUp: { __typename: string } }>(
    `mutation ($email: String!, $password: String!) {
       signUp(email: $email, password: $password) { __typename ... on Error { code message } }
     }`,
    { email, password: 'correct horse battery staple' },
  );
  if (result.signUp.__typename !== 'MutationSignUpSuccess' || !api.token) {
    throw new Error(`sign-up failed: ${JSON.stringify(result)}`);
  }
  return api;
}
