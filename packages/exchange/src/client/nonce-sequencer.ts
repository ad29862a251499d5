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
 * Makes the instance sign each request with the key's turn, for as long as `current()` names a sequencer (the
 * pool sets it per lease). The turn is taken once the request has its slot in the rate budget (`takeTurn`,
 * called from the throttle), so the key is held only from signing to the answer, never during a budget wait;
 * the answer, or a failure to sign, ends it.
 */
export function installNonceSequencing(
  exchange: Exchange,
  current: () => NonceTurnSource | undefined,
): { takeTurn(): Promise<void> } {
  const target = exchange as unknown as {
    sign: (...args: unknown[]) => unknown;
    fetch: (...args: unknown[]) => Promise<unknown>;
    nonce: () => number;
  };
  const { sign, fetch, nonce: clockNonce } = target;
  let turn: { nonce: number; release(): Promise<void> } | undefined;
  const endTurn = async () => {
    const ending = turn;
    turn = undefined;
    await ending?.release();
  };
  target.nonce = () => turn?.nonce ?? clockNonce.call(exchange);
  target.sign = (...args) => {
    try {
      return sign.apply(exchange, args);
    } catch (error) {
      void endTurn();
      throw error;
    }
  };
  target.fetch = async (...args) => {
    try {
      return await fetch.apply(exchange, args);
    } finally {
      await endTurn();
    }
  };
  return {
    async takeTurn() {
      const source = current();
      if (!source) return;
      // one request of a lease at a time holds the turn; a second waits for it like another worker would
      const next = await source.sequencer.turn(source.exchangeId, source.keyId);
      await endTurn();
      turn = next;
    },
  };
}
