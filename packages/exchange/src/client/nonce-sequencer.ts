import { createHash } from 'node:crypto';
import type { Exchange } from 'ccxt';

/**
 * Serialises the signed requests of one API key across every worker, each signed with a nonce above the last
 * one. Kraken refuses any nonce not above the key's previous one ("EAPI:Invalid nonce"), so two workers
 * signing with their own clocks, or racing on the wire, would break each other's requests.
 */
export interface NonceSequencer {
  /** Waits until no other process is sending with this key; the nonce to sign with, and how to let go. */
  turn(exchangeId: string, keyId: string): Promise<{ nonce: number; release(): Promise<void> }>;
}

/** Exchanges whose keys need a nonce above the last one, request after request. */
export const STRICT_NONCE_EXCHANGES: ReadonlySet<string> = new Set(['kraken']);

/** Names the key in Redis without the key itself: the first 128 bits of its SHA-256. */
export function nonceKeyId(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 32);
}

export interface NonceTurnSource {
  sequencer: NonceSequencer;
  exchangeId: string;
  keyId: string;
}

/**
 * Routes the instance's private requests through the sequencer for as long as `current()` names one (the
 * pool sets it per lease): one request of the key at a time, signed with the nonce the turn handed out.
 */
export function installNonceSequencing(exchange: Exchange, current: () => NonceTurnSource | undefined): void {
  const target = exchange as unknown as {
    fetch2: (path: unknown, api?: unknown, ...rest: unknown[]) => Promise<unknown>;
    nonce: () => number;
  };
  const fetch2 = target.fetch2;
  const clockNonce = target.nonce;
  let granted: number | undefined;
  target.nonce = () => granted ?? clockNonce.call(exchange);
  target.fetch2 = async (path, api, ...rest) => {
    const source = current();
    if (!source || api !== 'private') return fetch2.call(exchange, path, api, ...rest);
    const turn = await source.sequencer.turn(source.exchangeId, source.keyId);
    granted = turn.nonce;
    try {
      return await fetch2.call(exchange, path, api, ...rest);
    } finally {
      granted = undefined;
      await turn.release();
    }
  };
}
