import type { WalletRead } from '../balances/wallet-reads';
import { walletReads } from '../balances/wallet-reads';
import type { KeyPermissions } from '../permissions/key-permissions';
import {
  type BalanceLine,
  type ExchangeFailure,
  probePermissionsTolerantly,
  readFirstWallet,
  readOtherWallets,
  type UnreadableWallet,
  type VerifyInput,
  withLeasedClient,
} from './verify-credentials';

export type BalancesOutcome =
  | {
      ok: true;
      balances: BalanceLine[];
      unreadableWallets: UnreadableWallet[];
      /** Read again when asked (`recheckPermissions`): a key's rights can change after it was connected. */
      permissions?: KeyPermissions;
    }
  | ExchangeFailure;

/**
 * A refresh of an already verified key: one balance request per chosen wallet, no permission probe.
 * Never throws for exchange failures; they come back as a precise reason for the status machine.
 */
export function readBalances(
  input: Omit<VerifyInput, 'onStep'> & { recheckPermissions?: boolean },
): Promise<BalancesOutcome> {
  return withLeasedClient(input, async (lease): Promise<BalancesOutcome> => {
    const { exchange } = lease;
    const [first, ...others] = walletReads(input.exchangeId, input.accountTypes ?? []) as [
      WalletRead,
      ...WalletRead[],
    ];
    const firstWallet = await readFirstWallet(exchange, input.exchangeId, first);
    if (!firstWallet.ok) return firstWallet;
    const rest = await readOtherWallets(lease, input.exchangeId, others);
    const permissions = input.recheckPermissions
      ? (await probePermissionsTolerantly(exchange, () => lease.trace.status)).permissions
      : undefined;
    return {
      ok: true,
      balances: [...firstWallet.lines, ...rest.lines],
      unreadableWallets: rest.unreadable,
      ...(permissions ? { permissions } : {}),
    };
  });
}
