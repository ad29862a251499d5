// One HTTP server for every emulated venue (routed by path) plus the /__sim admin API.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { ADMIN_PREFIX, handleAdmin, type SimController } from './admin';
import { binanceAdapter } from './binance/routes';
import { bybitAdapter } from './bybit/routes';
import type { ExchangeAdapter, SimReply, SimRequest } from './exchange-adapter';
import { faultReply } from './fault-replies';
import { FaultBook } from './faults';
import type { SimFaultKind, SimFixture } from './fixtures';
import { krakenAdapter } from './kraken/routes';
import { okxAdapter } from './okx/routes';
import { RateLimiter } from './rate-limiter';
import { RequestLog } from './request-log';
import { SimState } from './state';
import { parseExchange, parseVenueLimitsMode, SimInputError } from './validate';
import { VenueLimits } from './venue-limits/engine';

export interface ExchangeSimOptions {
  /** Defaults to 127.0.0.1 so the sim is never exposed by accident. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Initial accounts; reset() returns to exactly this. Defaults to no accounts. */
  fixture?: SimFixture;
  /** Venue clock in epoch ms (before clock-skew faults), which also drives rate-limit windows; defaults to Date.now. */
  clock?: () => number;
}

export interface ExchangeSim extends SimController {
  /** Base URL, e.g. http://127.0.0.1:4100; point every ccxt urls.api origin at it. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and drops every connection, including requests held open by a timeout fault. */
  close(): Promise<void>;
}

const ADAPTERS: readonly ExchangeAdapter[] = [binanceAdapter, okxAdapter, bybitAdapter, krakenAdapter];
const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  reply: Pick<SimReply, 'status' | 'contentType' | 'body' | 'headers'>,
): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { 'content-type': reply.contentType, ...reply.headers });
  res.end(reply.body);
}

function sendJson(res: ServerResponse, status: number, json: unknown): void {
  const body = json === undefined ? '' : JSON.stringify(json);
  send(res, { status, contentType: 'application/json', body });
}

// IPv4 clients on a dual-stack socket show up as ::ffff:a.b.c.d; keys whitelist the plain form.
function remoteIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

function baseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

export async function startExchangeSim(options: ExchangeSimOptions = {}): Promise<ExchangeSim> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? Date.now;
  const fixture = structuredClone(options.fixture ?? { accounts: [] });
  const state = new SimState(fixture, clock);
  const limiter = new RateLimiter(fixture.rateLimits ?? []);
  const venueLimits = new VenueLimits(fixture.venueLimits ?? 'documented');
  const faults = new FaultBook();
  const log = new RequestLog();
  const shutdown = new AbortController();
  const sockets = new Set<Socket>();

  const controller: SimController = {
    addAccount(account) {
      const stored = state.addAccount(account);
      return { exchange: stored.exchange, uid: stored.uid, apiKeys: stored.keys.map((k) => k.apiKey) };
    },
    setBalances(exchange, uid, balances, opts) {
      state.setBalances(exchange, uid, balances, opts?.replace ?? false, opts?.wallet);
    },
    revokeKey: (apiKey) => state.revokeKey(apiKey),
    setKeyPermissions: (apiKey, permissions) => state.setKeyPermissions(apiKey, permissions),
    setTickers(tickers) {
      if (typeof tickers !== 'object' || tickers === null)
        throw new SimInputError('tickers must be an object');
      for (const [pair, ticker] of Object.entries(tickers)) state.setTicker(pair, ticker);
    },
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    requests: () => log.list(),
    orders: () => state.orders(),
    setRateLimit: (limit) => limiter.set(limit),
    clearRateLimits: () => limiter.clear(),
    rateLimits: () => limiter.list(),
    rateStats(exchange) {
      const id = parseExchange(exchange);
      return { ...limiter.statsFor(id), refused: venueLimits.refused(id) };
    },
    setVenueLimits: (mode) => venueLimits.setMode(parseVenueLimitsMode(mode)),
    venueLimits: () => venueLimits.mode(),
    venueLimitUsage: (exchange) => venueLimits.usage(parseExchange(exchange), clock()),
    setKrakenTier: (apiKey, tier) => state.setKrakenTier(apiKey, tier),
    reset() {
      state.reset();
      limiter.reset();
      venueLimits.reset();
      faults.clear();
      log.clear();
    },
  };

  async function serveVenue(adapter: ExchangeAdapter, req: SimRequest, res: ServerResponse): Promise<void> {
    const seq = log.nextSeq();
    const arrival = clock();
    const arrivedAt = new Date(arrival).toISOString();
    const apiKey = adapter.apiKeyOf(req);
    // The limiter stands in front of everything, like the venue's gateway: a refused request spends no fault budget.
    const admission = limiter.admit(
      adapter.id,
      req.ip,
      adapter.requestWeight(req),
      arrival,
      adapter.banStatus,
    );
    // no limit, no usage to report: a client would slow down for a limit that is not there
    let usage = limiter.limits(adapter.id) ? adapter.usageHeaders(admission.usedWeight) : {};
    const reply = (r: SimReply): SimReply => ({ ...r, headers: { ...r.headers, ...usage } });
    const entry = {
      seq,
      at: arrivedAt,
      exchange: adapter.id,
      method: req.method,
      path: req.path,
      ip: req.ip,
    };
    const record = (r: Pick<SimReply, 'verdict'> & { status: number | null }, applied: SimFaultKind[]) =>
      log.add({ ...entry, apiKey: apiKey ?? null, verdict: r.verdict, status: r.status, faults: applied });

    if (admission.kind !== 'served') {
      const { rule } = admission;
      const detail = {
        limit: rule.limit,
        windowMs: rule.windowMs,
        unit: rule.unit,
        bannedUntil: admission.bannedUntil,
      };
      const refusal = adapter.rateLimited(admission.status, admission.retryAfterSeconds, detail);
      const answer = reply({ ...refusal, verdict: admission.kind });
      record(answer, []);
      send(res, answer);
      return;
    }
    // then the venue's own documented limits, counted per IP, account or key as the venue counts them
    const match = apiKey === undefined ? undefined : state.findKey(adapter.id, apiKey);
    const venue = venueLimits.decide(adapter.id, {
      req,
      match: match && !match.key.revoked ? match : undefined,
      now: arrival,
    });
    // the documented counters' own headers replace the knob's rolling weight (sapi reports only its own)
    if (venue.headers) usage = venue.headers;
    if (venue.refusal) {
      const answer = reply(venue.refusal.reply);
      record(answer, []);
      send(res, answer);
      return;
    }
    const plan = faults.take(adapter.id, apiKey, req.path);
    if (plan.latencyMs > 0) {
      const finished = await delay(plan.latencyMs, true, { signal: shutdown.signal }).catch(() => false);
      if (!finished) return;
    }
    if (plan.terminal?.kind === 'timeout') {
      // Hold the request open without answering; the client's own timeout (or close()) ends it.
      record({ verdict: 'fault:timeout', status: null }, plan.applied);
      return;
    }
    const handled = plan.terminal
      ? faultReply(adapter, plan.terminal, seq)
      : adapter.handle(req, { state, now: clock() + plan.clockOffsetMs });
    const answer = reply({ ...handled, headers: { ...handled.headers, ...venue.settle?.(handled) } });
    record(answer, plan.applied);
    send(res, answer);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      const reply = handleAdmin(method, path, q === -1 ? '' : rawUrl.slice(q + 1), body, controller);
      sendJson(res, reply.status, reply.json);
      return;
    }
    const adapter = ADAPTERS.find((a) => a.handles(path));
    if (!adapter) {
      sendJson(res, 404, { error: `no emulated exchange serves ${path}` });
      return;
    }
    const simReq: SimRequest = {
      method,
      rawUrl,
      path,
      query: q === -1 ? '' : rawUrl.slice(q + 1),
      headers: req.headers,
      body,
      ip: remoteIp(req),
    };
    await serveVenue(adapter, simReq, res);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) res.destroy();
      else sendJson(res, 500, { error: `exchange-sim internal error: ${String(error)}` });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    ...controller,
    url: baseUrl(host, port),
    port,
    close() {
      shutdown.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive and deliberately hung (timeout fault) sockets would otherwise keep close() waiting.
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
