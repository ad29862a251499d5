import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root (this file is packages/devstack/src/repo-paths.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Local, gitignored state of `npm start`: embedded database, dev keyring. */
export const KEYPORT_DIR = fileURLToPath(new URL('../../../.keyport/', import.meta.url));

/** How to show a path to the user: relative to the repo root when inside it. */
export function displayPath(path: string): string {
  const inside = relative(REPO_ROOT, path);
  return inside && !inside.startsWith('..') ? inside : path;
}
