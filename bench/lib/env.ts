// Bench settings from the environment, and the environment the benches give their children.

/** An integer env var ≥ `min`, or `fallback` when unset or empty. */
export function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer ≥ ${min}, got ${raw}`);
  return value;
}

/** One of `allowed`, or `fallback` when unset. */
export function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const raw = (process.env[name] || fallback) as T;
  if (!allowed.includes(raw)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${raw}`);
  return raw;
}

/** Extra node flags from a space-separated env var, e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof". */
export function nodeArgsEnv(name: string): string[] {
  return (process.env[name] ?? '').split(/\s+/).filter(Boolean);
}

/** Child env: the parent's, without npm's and Node's own option variables. */
export function childEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('npm_') && name !== 'NODE_OPTIONS') env[name] = value;
  }
  return { ...env, ...extra };
}
