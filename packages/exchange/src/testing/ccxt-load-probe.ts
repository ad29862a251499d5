import { spawnSync } from 'node:child_process';

// Fails any ESM resolution that lands inside the ccxt package, at any depth of the graph.
const hook = `export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.includes('/node_modules/ccxt/')) throw new Error('ccxt imported from ' + context.parentURL);
  return resolved;
}`;

/**
 * Imports `target` in a fresh node (under tsx) and reports whether ccxt got loaded, through ESM or through
 * the CommonJS cache (which Node 20 fills without calling ESM hooks). stdout is `ccxt not loaded` on success.
 */
export function probeCcxtLoad(target: string, cwd: string) {
  const script = `
    import { createRequire, register } from 'node:module';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
    await import(${JSON.stringify(target)});
    const required = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('/node_modules/ccxt/'));
    if (required.length > 0) throw new Error('ccxt required: ' + required[0]);
    console.log('ccxt not loaded');
    process.exit(0);
  `;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd,
    encoding: 'utf8',
  });
}
