/** Where a job's exchange work runs: within its exchange's share of the worker (see ExchangeShares). */
export type ExchangeGate = <T>(exchangeId: string, task: () => Promise<T>) => Promise<T>;

/** No bulkhead: the task runs at once (a caller outside a queue worker). */
export const openGate: ExchangeGate = (_exchangeId, task) => task();
