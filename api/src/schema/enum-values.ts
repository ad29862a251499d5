/**
 * Pothos enum values from the list that is their source of truth, each with its description: a value added to
 * the list without one in `descriptions` fails typecheck.
 */
export function describedValues<const V extends string>(
  values: readonly V[],
  descriptions: Record<V, string>,
): { [K in V]: { value: K; description: string } } {
  return Object.fromEntries(values.map((value) => [value, { value, description: descriptions[value] }])) as {
    [K in V]: { value: K; description: string };
  };
}
