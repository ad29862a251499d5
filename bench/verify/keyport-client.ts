// The bench's Keyport client, written as a third party would: keep-alive HTTP POSTs for mutations, one
// graphql-sse subscription for live status. Times each connection from sending its mutation to CONNECTED on
// the stream. node:http rather than fetch: it shares the two cores with what it measures, and fetch (undici)
// cost ~1.7 ms of CPU per connection here.
import { Agent, request as httpRequest } from 'node:http';
import { type Client, createClient } from 'graphql-sse';

const CONNECT = `mutation Connect($input: ConnectExchangeInput!) {
  connectExchange(input: $input) {
    __typename
    ... on MutationConnectExchangeSuccess { data { id } }
    ... on Error { code message }
  }
}`;
const UPDATES = 'subscription { exchangeConnectionUpdated { id status } }';
/** Statuses on the way to CONNECTED; anything else ends the connection's wait as a failure. */
const ON_THE_WAY = new Set(['PENDING', 'VERIFYING']);

export interface ConnectTiming {
  label: string;
  id: string | null;
  /** performance.now() of this process when the mutation was sent, its response arrived, and statuses were seen. */
  sentAt: number;
  respondedAt: number | null;
  verifyingAt: number | null;
  connectedAt: number | null;
  failure: string | null;
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string }[];
}

type Waiter = { done: () => void; timer: NodeJS.Timeout };

export class KeyportClient {
  token: string | null = null;
  private sse: Client | null = null;
  private unsubscribe: (() => void) | null = null;
  private streamError: string | null = null;
  /** connection id → status → when it was first seen on the stream. */
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly waiters = new Map<string, Waiter>();
  eventsReceived = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(readonly url: string) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const body = JSON.stringify({ query, variables });
    const { status, text, setCookie } = await new Promise<{
      status: number;
      text: string;
      setCookie: string[];
    }>((resolve, reject) => {
      const req = httpRequest(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            accept: 'application/graphql-response+json',
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              setCookie: res.headers['set-cookie'] ?? [],
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    const token = setCookie.join(';').match(/kp_session=([^;]*)/)?.[1];
    if (token) this.token = token;
    try {
      return JSON.parse(text) as GraphQLResponse<T>;
    } catch {
      throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
    }
  }

  async signUp(email: string, password: string): Promise<void> {
    const result = await this.request<{ signUp: { __typename: string } }>(
      'mutation SignUp($email: String!, $password: String!) { signUp(email: $email, password: $password) { __typename } }',
      { email, password },
    );
    if (result.data?.signUp.__typename !== 'MutationSignUpSuccess' || !this.token) {
      throw new Error(`signUp failed: ${JSON.stringify(result)}`);
    }
  }

  /** Opens the one status subscription; resolves once the server has accepted the stream. */
  subscribe(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('subscription did not connect')), timeoutMs);
      this.sse = createClient({
        url: this.url,
        headers: { authorization: `Bearer ${this.token}` },
        retryAttempts: 0,
        on: {
          connected: () => {
            clearTimeout(timer);
            resolve();
          },
        },
      });
      this.unsubscribe = this.sse.subscribe<{ exchangeConnectionUpdated: { id: string; status: string } }>(
        { query: UPDATES },
        {
          next: (value) => {
            const at = performance.now();
            if (value.errors?.length) return this.fail(`subscription error: ${JSON.stringify(value.errors)}`);
            const update = value.data?.exchangeConnectionUpdated;
            if (!update) return;
            this.eventsReceived += 1;
            const statuses = this.seen.get(update.id) ?? new Map<string, number>();
            this.seen.set(update.id, statuses);
            if (!statuses.has(update.status)) statuses.set(update.status, at);
            if (!ON_THE_WAY.has(update.status)) this.waiters.get(update.id)?.done();
          },
          error: (error) => {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
            this.fail(`subscription ended: ${String(error)}`);
          },
          complete: () => this.fail('subscription completed unexpectedly'),
        },
      );
    });
  }

  private fail(message: string): void {
    this.streamError ??= message;
    for (const waiter of this.waiters.values()) waiter.done();
  }

  /** Sends one connectExchange; `waitFor` decides whether to return at the response or at CONNECTED. */
  async connect(
    label: string,
    credentials: { apiKey: string; secret: string },
    timeoutMs: number,
    waitFor: 'connected' | 'response' = 'connected',
  ): Promise<{ timing: ConnectTiming; settled: Promise<ConnectTiming> }> {
    const timing: ConnectTiming = {
      label,
      id: null,
      sentAt: performance.now(),
      respondedAt: null,
      verifyingAt: null,
      connectedAt: null,
      failure: null,
    };
    let result: GraphQLResponse<{
      connectExchange: { __typename: string; data?: { id: string }; code?: string; message?: string };
    }>;
    try {
      result = await this.request(CONNECT, { input: { exchangeId: 'binance', label, credentials } });
    } catch (error) {
      timing.failure = `mutation failed: ${(error as Error).message}`;
      return { timing, settled: Promise.resolve(timing) };
    }
    timing.respondedAt = performance.now();
    const payload = result.data?.connectExchange;
    if (!payload?.data?.id) {
      timing.failure = `mutation refused: ${JSON.stringify(result.errors ?? payload)}`;
      return { timing, settled: Promise.resolve(timing) };
    }
    const id = payload.data.id;
    timing.id = id;
    const settled = this.settle(timing, id, timeoutMs);
    if (waitFor === 'connected') await settled;
    return { timing, settled };
  }

  private async settle(timing: ConnectTiming, id: string, timeoutMs: number): Promise<ConnectTiming> {
    const finished = () => [...(this.seen.get(id)?.keys() ?? [])].some((status) => !ON_THE_WAY.has(status));
    if (!finished() && !this.streamError) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.waiters.delete(id);
          resolve();
        }, timeoutMs);
        this.waiters.set(id, {
          timer,
          done: () => {
            clearTimeout(timer);
            this.waiters.delete(id);
            resolve();
          },
        });
      });
    }
    const statuses = this.seen.get(id) ?? new Map<string, number>();
    timing.verifyingAt = statuses.get('VERIFYING') ?? null;
    timing.connectedAt = statuses.get('CONNECTED') ?? null;
    const other = [...statuses.keys()].filter((status) => status !== 'CONNECTED' && !ON_THE_WAY.has(status));
    if (other.length > 0) timing.failure = `reached ${other.join(', ')}`;
    else if (timing.connectedAt === null) {
      timing.failure =
        this.streamError ??
        `no CONNECTED within ${timeoutMs} ms (saw ${[...statuses.keys()].join(', ') || 'nothing'})`;
    }
    return timing;
  }

  close(): void {
    this.unsubscribe?.();
    this.sse?.dispose();
    this.agent.destroy();
    for (const waiter of this.waiters.values()) clearTimeout(waiter.timer);
  }
}
