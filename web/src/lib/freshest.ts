/**
 * Of two views of the same row, the one the server wrote last (the next one on a tie). Mutation results, live
 * events and re-queries race each other; without this an older answer landing late would overwrite a newer
 * one for good. `updatedAtOf` reads the stamp where it is not a plain field (masked fragments).
 */
export function freshest<T>(
  current: T | null | undefined,
  next: T,
  updatedAtOf: (view: T) => string = (view) => (view as { updatedAt: string }).updatedAt,
): T {
  if (!current) return next;
  return Date.parse(updatedAtOf(next)) >= Date.parse(updatedAtOf(current)) ? next : current;
}
