// Accounts on the exchange-sim, each with freshly random keys so nothing secret is ever committed.
import { randomBytes } from 'node:crypto';
import type { ExchangeSim } from '@keyport/exchange-sim/server';

export interface SimKeys {
  apiKey: string;
  secret: string;
  passphrase?: string;
  uid: string;
}

const random = (bytes: number) => randomBytes(bytes).toString('hex');

export function addBinanceAccount(
  sim: ExchangeSim,
  balances: Record<string, { free: string; locked: string }> = {
    BTC: { free: '0.51000000', locked: '0.01000000' },
    USDT: { free: '1234.56000000', locked: '0.00000000' },
  },
  permissions: Record<string, boolean> = { read: true, spotTrade: true },
): SimKeys {
  const keys = {
    apiKey: `bn${random(30)}`,
    secret: `bs${random(30)}`,
    uid: String(100_000_000 + Math.floor(Math.random() * 1e8)),
  };
  sim.addAccount({
    exchange: 'binance',
    uid: keys.uid,
    balances,
    keys: [{ apiKey: keys.apiKey, secret: keys.secret, permissions }],
  });
  return keys;
}

export function addOkxAccount(
  sim: ExchangeSim,
  balances: Record<string, { free: string; locked: string }> = {
    USDT: { free: '90.5', locked: '10' },
    ETH: { free: '1.25', locked: '0' },
  },
  permissions: Record<string, boolean> = { read: true, spotTrade: true },
  allowedIps: string[] = [],
): SimKeys {
  const keys = {
    apiKey: `${random(4)}-${random(2)}-${random(2)}-${random(2)}-${random(6)}`,
    secret: random(16).toUpperCase(),
    passphrase: `Pp!${random(6)}`,
    uid: String(400_000_000_000 + Math.floor(Math.random() * 1e9)),
  };
  sim.addAccount({
    exchange: 'okx',
    uid: keys.uid,
    balances,
    keys: [
      { apiKey: keys.apiKey, secret: keys.secret, passphrase: keys.passphrase, permissions, allowedIps },
    ],
  });
  return keys;
}

interface KeyOptions {
  permissions?: Record<string, boolean>;
  allowedIps?: string[];
  expiresAt?: number;
}

/** One account with one key (read-only unless told otherwise) on a venue without a passphrase. */
function addOneKeyAccount(
  sim: ExchangeSim,
  exchange: 'bybit' | 'kraken',
  keys: SimKeys,
  balances: Record<string, { free: string; locked: string }>,
  options: KeyOptions & { funding?: Record<string, { free: string; locked: string }> },
): SimKeys {
  sim.addAccount({
    exchange,
    uid: keys.uid,
    balances,
    wallets: options.funding ? { funding: options.funding } : undefined,
    keys: [
      {
        apiKey: keys.apiKey,
        secret: keys.secret,
        permissions: options.permissions ?? { read: true },
        allowedIps: options.allowedIps,
        expiresAt: options.expiresAt,
      },
    ],
  });
  return keys;
}

export function addBybitAccount(
  sim: ExchangeSim,
  options: KeyOptions & {
    balances?: Record<string, { free: string; locked: string }>;
    funding?: Record<string, { free: string; locked: string }>;
  } = {},
): SimKeys {
  const keys = {
    apiKey: `by${random(9)}`,
    secret: `bs${random(17)}`,
    uid: String(10_000_000 + Math.floor(Math.random() * 1e8)),
  };
  const balances = options.balances ?? {
    BTC: { free: '0.25', locked: '0.05' },
    USDT: { free: '500', locked: '0' },
  };
  return addOneKeyAccount(sim, 'bybit', keys, balances, options);
}

export function addKrakenAccount(sim: ExchangeSim, options: KeyOptions = {}): SimKeys {
  const keys = {
    apiKey: `kr${random(26)}`,
    // Kraken secrets are base64 of 64 random bytes
    secret: randomBytes(64).toString('base64'),
    uid: `AA${random(4).toUpperCase()}`,
  };
  const balances = { BTC: { free: '0.2', locked: '0.05' }, USD: { free: '1500', locked: '0' } };
  return addOneKeyAccount(sim, 'kraken', keys, balances, options);
}
