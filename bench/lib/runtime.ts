// How the benches start a TypeScript entry point as its own process: compiled to one ESM file by esbuild
// and run on plain `node` (what the baselines did), or under tsx as `npm start` does (tsx adds ~35–45 MB RSS).
import { mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Esbuild from 'esbuild';

export type Runtime = 'node' | 'tsx';

/** The monorepo root (bench/lib/ → ../../). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BENCH_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  /** Only for runtime "node": third-party packages the compiled entry imports (e.g. to check for ccxt). */
  externals?: string[];
}

// the esbuild that tsx itself uses, so nothing beyond the workspace's own tools is needed
function loadEsbuild(): typeof Esbuild {
  const requireHere = createRequire(import.meta.url);
  const requireFromTsx = createRequire(requireHere.resolve('tsx/package.json'));
  return requireFromTsx('esbuild') as typeof Esbuild;
}

/** Bare package name of an import specifier: "@scope/pkg/sub" → "@scope/pkg", "pkg/sub" → "pkg". */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/**
 * Starts entry points in one runtime. For "node", workspace code (`@keyport/*` and relative imports) is bundled
 * and every third-party package stays an import, resolved at run time from the repo's node_modules; the bundles
 * go to a per-run folder under bench/.tmp that `dispose()` removes.
 */
export class Launcher {
  private readonly buildDir: string;

  constructor(
    readonly runtime: Runtime,
    runId: string,
  ) {
    this.buildDir = join(BENCH_ROOT, '.tmp', runId);
  }

  /** `entry` and `packageDir` are relative to the repo root, e.g. ("api/src/server.ts", "api"). */
  async launch(entry: string, packageDir: string): Promise<Launch> {
    const cwd = join(REPO_ROOT, packageDir);
    const entryFromCwd = relative(cwd, join(REPO_ROOT, entry));
    if (this.runtime === 'tsx')
      return { command: process.execPath, args: ['--import', 'tsx', entryFromCwd], cwd };

    mkdirSync(this.buildDir, { recursive: true });
    const outfile = join(this.buildDir, `${entry.replace(/\.ts$/, '').replaceAll('/', '-')}.mjs`);
    const externals = new Set<string>();
    const esbuild = loadEsbuild();
    await esbuild.build({
      entryPoints: [join(REPO_ROOT, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      tsconfig: join(cwd, 'tsconfig.json'),
      logLevel: 'error',
      plugins: [
        {
          name: 'third-party-external',
          setup(build) {
            build.onResolve({ filter: /^[^./]/ }, (args) => {
              if (args.path.startsWith('@keyport/')) return undefined;
              const name = packageName(args.path);
              if (!name.startsWith('node:') && !builtinModules.includes(name)) externals.add(name);
              return { path: args.path, external: true };
            });
          },
        },
      ],
    });
    return { command: process.execPath, args: [outfile], cwd, externals: [...externals].sort() };
  }

  dispose(): void {
    rmSync(this.buildDir, { recursive: true, force: true });
    try {
      rmdirSync(join(BENCH_ROOT, '.tmp')); // only when empty: another run may be using it
    } catch {
      // not empty or already gone
    }
  }
}
