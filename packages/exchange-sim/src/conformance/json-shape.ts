// The shape of a JSON answer: every key path with the type of its value, arrays folded into their elements, so
// two answers with different amounts, currencies or list lengths can be compared field by field.

export type Shape = Map<string, string>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `keyed` names objects whose keys are data (currency codes, pair names): their entries fold into one `*`. */
export function shapeOf(value: unknown, keyed: (path: string) => boolean = () => false, path = '$'): Shape {
  const shape: Shape = new Map([[path, typeOf(value)]]);
  const add = (child: unknown, childPath: string) => {
    for (const [p, t] of shapeOf(child, keyed, childPath)) {
      // an element that is sometimes null and sometimes not keeps the informative type
      if (!shape.has(p) || shape.get(p) === 'null') shape.set(p, t);
    }
  };
  if (Array.isArray(value)) for (const element of value) add(element, `${path}[]`);
  else if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      add(child, keyed(path) ? `${path}.*` : `${path}.${key}`);
  return shape;
}

export interface Differences {
  /** Recorded paths the served answer lacks. */
  missing: string[];
  /** Recorded paths served with another type ("path: served, recorded"). */
  retyped: string[];
}

export function differences(recorded: Shape, served: Shape): Differences {
  const found: Differences = { missing: [], retyped: [] };
  for (const [path, type] of recorded) {
    const got = served.get(path);
    if (got === undefined) found.missing.push(path);
    else if (got !== type && type !== 'null' && got !== 'null')
      found.retyped.push(`${path}: ${got}, recorded ${type}`);
  }
  return found;
}

/** Leaves ccxt filled in (neither undefined nor null), outside `info` (the raw answer again). */
export function definedShape(unified: unknown, keyed: (path: string) => boolean): Shape {
  const shape = shapeOf(unified, keyed);
  for (const [path, type] of [...shape]) {
    if (/\.info(\.|\[|$)/.test(path) || type === 'undefined' || type === 'null') shape.delete(path);
  }
  return shape;
}
