// Rows read for display only, as plain objects shaped like their entity (property names, pg's own value types:
// Date, parsed jsonb, bigint and numeric as strings): no identity map, no change tracking. MikroORM's em.map
// costs ~0.1 ms per row in hydration and bookkeeping, the largest share of a 20-connection read's CPU.
import type { EntityManager, MetadataStorage } from '@mikro-orm/core';

type Row = Record<string, unknown>;
type Convert = ((value: unknown) => unknown) | null;
type Columns = readonly (readonly [property: string, column: string, convert: Convert])[];

const columnsOf = new WeakMap<MetadataStorage, Map<string, Columns>>();

function columns(em: EntityManager, entity: string): Columns {
  const metadata = em.getMetadata();
  let perEntity = columnsOf.get(metadata);
  if (!perEntity) {
    perEntity = new Map();
    columnsOf.set(metadata, perEntity);
  }
  const meta = metadata.get(entity);
  let found = perEntity.get(meta.className);
  if (!found) {
    // scalars and owning references (mapToPk: the column holds the value); collections have no column
    const platform = em.getPlatform();
    found = meta.props
      .filter(
        (prop) =>
          (prop.kind === 'scalar' || prop.kind === 'm:1' || prop.kind === '1:1') &&
          prop.fieldNames?.length === 1,
      )
      .map((prop) => {
        // the ORM's own conversions: custom types, and timestamps (MikroORM has pg hand them over as text)
        const type = prop.customType;
        const convert: Convert = type
          ? (value) => (value == null ? null : type.convertToJSValue(value, platform))
          : prop.runtimeType === 'Date'
            ? (value) => (typeof value === 'string' ? platform.parseDate(value) : value)
            : null;
        return [prop.name, prop.fieldNames[0] as string, convert] as const;
      });
    perEntity.set(meta.className, found);
  }
  return found;
}

/**
 * The entity's columns as a select list (`"id", "owner_id", …`, each prefixed with `alias.` when given): every
 * column plainRows and em.map read, and no other. Never `select *` in a prepared statement: a migration that adds
 * a column changes its result type, and PostgreSQL then refuses it on that connection for good.
 */
export function selectColumns(
  em: EntityManager,
  entity: { meta: { className: string } },
  alias?: string,
): string {
  const prefix = alias ? `${alias}.` : '';
  return columns(em, entity.meta.className)
    .map(([, column]) => `${prefix}"${column}"`)
    .join(', ');
}

/** Maps `rows` (as selected with selectColumns) to read-only objects typed as `T`. */
/** Any EntityManager of the ORM will do: only its metadata and platform are used. */
export function plainRows<T>(
  em: EntityManager,
  entity: { meta: { className: string } },
  rows: readonly Row[],
): T[] {
  const map = columns(em, entity.meta.className);
  return rows.map((row) => {
    const plain: Row = {};
    for (const [property, column, convert] of map) {
      const value = column in row ? row[column] : null;
      plain[property] = convert ? convert(value) : value;
    }
    return plain as T;
  });
}
