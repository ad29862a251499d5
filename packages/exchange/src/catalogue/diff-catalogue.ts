import type { CatalogueEntry, CatalogueFile } from './catalogue-file';

export interface CatalogueDrift {
  ccxtVersion?: { from: string; to: string };
  added: string[];
  removed: string[];
  changed: Array<{ id: string; fields: string[] }>;
  reordered: boolean;
}

export function diffCatalogues(committed: CatalogueFile, generated: CatalogueFile): CatalogueDrift {
  const before = new Map(committed.exchanges.map((entry) => [entry.id, entry]));
  const after = new Map(generated.exchanges.map((entry) => [entry.id, entry]));
  const changed = generated.exchanges.flatMap((entry) => {
    const previous = before.get(entry.id);
    const fields = previous ? changedFields(previous, entry) : [];
    return fields.length > 0 ? [{ id: entry.id, fields }] : [];
  });
  const sharedOrder = (file: CatalogueFile) =>
    file.exchanges.map((entry) => entry.id).filter((id) => before.has(id) && after.has(id));
  return {
    ...(committed.ccxtVersion !== generated.ccxtVersion && {
      ccxtVersion: { from: committed.ccxtVersion, to: generated.ccxtVersion },
    }),
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed,
    reordered: sharedOrder(committed).join() !== sharedOrder(generated).join(),
  };
}

export function describeDrift(drift: CatalogueDrift): string[] {
  const lines: string[] = [];
  if (drift.ccxtVersion) lines.push(`ccxt version: ${drift.ccxtVersion.from} → ${drift.ccxtVersion.to}`);
  if (drift.added.length > 0) lines.push(`added: ${drift.added.join(', ')}`);
  if (drift.removed.length > 0) lines.push(`removed: ${drift.removed.join(', ')}`);
  for (const { id, fields } of drift.changed) lines.push(`changed: ${id} (${fields.join(', ')})`);
  if (drift.reordered) lines.push('order of exchanges changed');
  return lines;
}

function changedFields(before: CatalogueEntry, after: CatalogueEntry): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].filter(
    (field) =>
      JSON.stringify(before[field as keyof CatalogueEntry]) !==
      JSON.stringify(after[field as keyof CatalogueEntry]),
  );
}

/** Enough of a shape check to diff against; anything else is reported as an invalid file. */
export function parseCatalogueFile(text: string): CatalogueFile | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.ccxtVersion !== 'string' || !Array.isArray(value.exchanges)) {
    return undefined;
  }
  const entriesHaveIds = value.exchanges.every((entry) => isRecord(entry) && typeof entry.id === 'string');
  return entriesHaveIds ? (value as unknown as CatalogueFile) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
