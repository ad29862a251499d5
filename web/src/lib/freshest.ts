/**
 * Of two views of the same row, the one the server wrote last. Mutation results, live events and re-queries
 * race each other; without this an older answer landing late would overwrite a newer one for good.
 */
export function freshest<T extends { updatedAt: string }>(current: T | null | undefined, next: T): T {
  if (!current) return next;
  return Date.parse(next.updatedAt) >= Date.parse(current.updatedAt) ? next : current;
}
