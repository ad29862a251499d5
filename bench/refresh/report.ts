// Prints bench/refresh's results: throughput against the bare floor, worker memory, and where the time went.
import { median } from '../lib/stats';
import type { BareMode, BareWindowResult } from './bare-loop';
import type { KeyportWindow, PhaseResult, Settings } from './run';

const TARGET_THROUGHPUT_RATIO = 0.7;
const TARGET_WORKER_RSS_MB = 400;
/** "Flat": phase B's max RSS ≤ phase A's max × 1.15 or + 40 MB, whichever is larger. */
const FLAT_FACTOR = 1.15;
const FLAT_SLACK_MB = 40;

const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const mb = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} MB` : '—');

/** "84" or "81–84". */
function range(values: readonly number[]): string {
  const low = fixed(Math.min(...values), 0);
  const high = fixed(Math.max(...values), 0);
  return low === high ? low : `${low}–${high}`;
}

function row(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
    .join('  ');
}

/** Refreshes per second over all of a phase's keyport windows. */
function keyportRate(windows: readonly KeyportWindow[]): number {
  const refreshes = windows.reduce((sum, w) => sum + w.refreshes, 0);
  const ms = windows.reduce((sum, w) => sum + w.wallMs, 0);
  return (refreshes * 1000) / ms;
}

function bareRate(windows: readonly BareWindowResult[], mode: BareMode): number {
  const own = windows.filter((w) => w.mode === mode);
  if (own.length === 0) return Number.NaN;
  return (own.reduce((sum, w) => sum + w.calls, 0) * 1000) / own.reduce((sum, w) => sum + w.wallMs, 0);
}

/** The faster bare variant of the phase: the floor keyport is compared with. */
function baseline(phase: PhaseResult): { mode: BareMode; rate: number } {
  const modes = [...new Set(phase.bare.map((w) => w.mode))];
  let best = { mode: modes[0] as BareMode, rate: Number.NaN };
  for (const mode of modes) {
    const rate = bareRate(phase.bare, mode);
    if (!(rate <= best.rate)) best = { mode, rate };
  }
  return best;
}

/** Weighted by refreshes: totals over the phase divided by its refreshes. */
function perRefresh(windows: readonly KeyportWindow[], pick: (w: KeyportWindow) => number): number {
  const refreshes = windows.reduce((sum, w) => sum + w.refreshes, 0);
  return windows.reduce((sum, w) => sum + pick(w) * w.refreshes, 0) / Math.max(1, refreshes);
}

/** CPU ms per refresh of the processes doing the work (everything measured but the machine total). */
function ownCpu(w: KeyportWindow): number {
  return Object.entries(w.cpuPerRefresh)
    .filter(([name]) => name !== 'machine')
    .reduce((sum, [, ms]) => sum + ms, 0);
}

/** Share of all cores used by processes outside the measurement during the phase's windows. */
function foreignLoad(phase: PhaseResult, cores: number): number {
  const keyport = phase.keyport.reduce(
    (sum, w) => sum + ((w.cpuPerRefresh.machine ?? 0) - ownCpu(w)) * w.refreshes,
    0,
  );
  const bare = phase.bare.reduce(
    (sum, w) => sum + (w.cpuPerCall.machine - w.cpuPerCall.client - w.cpuPerCall.sim) * w.calls,
    0,
  );
  const wall = [...phase.keyport, ...phase.bare].reduce((sum, w) => sum + w.wallMs, 0);
  return (keyport + bare) / (wall * cores);
}

export interface RefreshReport {
  phases: PhaseResult[];
  workerWarnings: { count: number; first: string[] };
  /** Sealing children that hung (Node 20 KeyObject export/GC deadlock; see seal-child.ts) and were retried. */
  simMemoryMb: number;
  elapsedS: number;
}

/** Returns true when the run itself failed (a bare call failed, a connection left CONNECTED). */
export function printReport(settings: Settings, report: RefreshReport): boolean {
  const { phases } = report;
  const [a, b] = phases as [PhaseResult, PhaseResult];
  const modes = settings.bareModes;
  const slice = (phase: PhaseResult) =>
    (phase.windowMs / settings.rounds / 1000).toFixed(phase.windowMs % 2000 ? 1 : 0);

  console.log('');
  console.log(
    `=== bench/refresh — concurrency ${settings.concurrency}, ${settings.users} users; keyport and bare alternate ` +
      `(${settings.rounds} round(s) per phase, ABBA); worker on node (esbuild bundle) ===`,
  );
  const widths = [30, 11, 12, 12, 12, 8, 8, 11];
  console.log(
    row(
      ['', 'connections', 'keyport/s', ...modes.map((m) => `bare ${m}/s`), 'ratio*', 'target', 'other load†'],
      widths,
    ),
  );
  const ratios: number[] = [];
  for (const phase of phases) {
    const floor = baseline(phase);
    const ratio = keyportRate(phase.keyport) / floor.rate;
    ratios.push(ratio);
    console.log(
      row(
        [
          `phase ${phase.name} (${(phase.windowMs / 1000).toFixed(0)} s each side)`,
          String(phase.connections),
          fixed(keyportRate(phase.keyport)),
          ...modes.map((m) => fixed(bareRate(phase.bare, m))),
          fixed(ratio, 2),
          `≥ ${TARGET_THROUGHPUT_RATIO}`,
          `${fixed(100 * foreignLoad(phase, settings.cores), 0)}%`,
        ],
        widths,
      ),
    );
  }
  const floors = phases.map((phase) => `${phase.name}: ${baseline(phase).mode}`).join(', ');
  console.log(
    `  keyport: balance refreshes/s of the worker (BALANCE_REFRESH_MS=500 keeps its queue full), counted by a row trigger on last_synced_at`,
  );
  // an account is due again 500–600 ms after its refresh and is claimed by the next sweep (every 250 ms)
  const ceiling = (n: number) => Math.round(n / 0.675);
  console.log(
    `  the cadence alone caps keyport near ${phases.map((p) => `${ceiling(p.connections)}/s with ${p.connections}`).join(', ')} connections (each due 0.5–0.6 s after its last read, claimed by the next 250 ms sweep)`,
  );
  console.log(
    `  bare: real ccxt binance fetchBalance({type:'spot'}) against the same sim, ${settings.concurrency} lanes, ` +
      'cycling over the same accounts; reuse = one instance per lane, keys swapped per call; new = an instance per call',
  );
  console.log(`  * keyport / the faster bare variant (${floors})`);
  console.log(
    `  † CPU used by other processes on the box during the windows, as a share of all ${settings.cores} cores:`,
  );
  console.log('    above a few % the numbers are distorted by work that is not part of this bench');

  console.log('');
  console.log('targets:');
  for (const [i, phase] of phases.entries()) {
    const ratio = ratios[i] as number;
    const perRound = phase.keyport.map((w, round) => {
      const bareRound = phase.bare.slice(round * modes.length, (round + 1) * modes.length);
      return fixed(w.perSecond / Math.max(...bareRound.map((r) => r.callsPerSecond)), 2);
    });
    console.log(
      `  phase ${phase.name} throughput ratio  ${fixed(ratio, 2)}  (target ≥ ${TARGET_THROUGHPUT_RATIO})       ` +
        `${verdict(ratio >= TARGET_THROUGHPUT_RATIO)}   per round: ${perRound.join(', ')}`,
    );
  }
  const rss = phases.map((phase) => phase.keyport.flatMap((w) => w.rssSamplesMb));
  const maxA = Math.max(...(rss[0] as number[]));
  const maxB = Math.max(...(rss[1] as number[]));
  for (const [i, phase] of phases.entries()) {
    const samples = rss[i] as number[];
    const max = Math.max(...samples);
    console.log(
      `  phase ${phase.name} worker RSS max   ${mb(max).padStart(6)} (target ≤ ${TARGET_WORKER_RSS_MB} MB)   ` +
        `${verdict(max <= TARGET_WORKER_RSS_MB)}   median ${mb(median(samples))}, ${samples.length} samples`,
    );
  }
  // flat = nothing kept per connection: judged on what survives a full GC (max RSS is mostly garbage not yet
  // collected, so it moves with GC timing); without --trace-gc, on the median RSS
  const kept = phases.map((phase) => phase.fullGcs.map((gc) => gc.afterMb));
  const onHeap = kept.every((after) => after.length > 0);
  const [keptA, keptB] = onHeap
    ? [Math.max(...(kept[0] as number[])), Math.max(...(kept[1] as number[]))]
    : [median(rss[0] as number[]), median(rss[1] as number[])];
  const what = onHeap ? 'heap after full GC' : 'median RSS';
  const flatLimit = Math.max(keptA * FLAT_FACTOR, keptA + FLAT_SLACK_MB);
  console.log(
    `  memory flat A → B   B ${mb(keptB)} ≤ ${mb(flatLimit)} (${what})   ${verdict(keptB <= flatLimit)}   ` +
      `B/A ${fixed(keptB / keptA, 2)}; RSS B/A ${fixed(maxB / maxA, 2)} (max), ` +
      `${fixed(median(rss[1] as number[]) / median(rss[0] as number[]), 2)} (median)`,
  );
  console.log(
    `    rule: B ≤ max(A × ${FLAT_FACTOR}, A + ${FLAT_SLACK_MB} MB) on the ${what}; A = ${a.connections} connections, ` +
      `B = ${b.connections}`,
  );

  console.log('');
  console.log(
    `memory (worker VmRSS every 500 ms during the keyport windows of ${phases.map(slice).join(' / ')} s):`,
  );
  for (const phase of phases) {
    console.log(
      `  phase ${phase.name}: after warm-up ${mb(phase.warmup.rssMb)}, per window max ` +
        `${phase.keyport.map((w) => mb(Math.max(...w.rssSamplesMb))).join(', ')}; at the end ${mb(phase.memoryAtEnd?.rssMb ?? Number.NaN)} ` +
        `(peak over its life ${mb(phase.memoryAtEnd?.hwmMb ?? Number.NaN)})`,
    );
  }
  if (settings.traceGc) {
    const gcText = phases
      .map((phase) => {
        const after = phase.fullGcs.map((gc) => gc.afterMb);
        const before = phase.fullGcs.map((gc) => gc.beforeMb);
        return after.length === 0
          ? `${phase.name} no full GC`
          : `${phase.name} ${range(after)} MB (${after.length} full GC${after.length === 1 ? '' : 's'}, heap before ` +
              `${after.length === 1 ? 'it' : 'them'} up to ${fixed(Math.max(...before), 0)} MB)`;
      })
      .join('; ');
    console.log(`  worker V8 heap after each full GC after the warm-up (--trace-gc): ${gcText}`);
    console.log(
      '    (what the worker keeps; RSS above it is young garbage promoted and not yet collected, plus code and buffers)',
    );
  }
  console.log(
    `  exchange-sim RSS ${mb(report.simMemoryMb)}; bare-loop RSS at its end ${mb(b.bare.at(-1)?.rssMb ?? Number.NaN)}`,
  );

  console.log('');
  console.log('where the time goes (per refresh, over each phase’s keyport windows):');
  for (const phase of phases) {
    const names = Object.keys(phase.keyport[0]?.cpuPerRefresh ?? {});
    const cpuText = names
      .map(
        (name) =>
          `${name} ${fixed(
            perRefresh(phase.keyport, (w) => w.cpuPerRefresh[name] ?? Number.NaN),
            2,
          )}`,
      )
      .join(', ');
    console.log(`  phase ${phase.name} CPU ms per refresh: ${cpuText}`);
    const own = perRefresh(phase.keyport, ownCpu);
    const worker = perRefresh(phase.keyport, (w) => w.cpuPerRefresh.worker ?? Number.NaN);
    const bareText = modes
      .map((mode) => {
        const own = phase.bare.filter((w) => w.mode === mode);
        const client = median(own.map((w) => w.cpuPerCall.client));
        const sim = median(own.map((w) => w.cpuPerCall.sim));
        return `${mode} ${fixed(client, 2)} client + ${fixed(sim, 2)} sim`;
      })
      .join('; ');
    console.log(
      `    → ${fixed(own, 1)} ms of CPU per refresh (worker ${fixed(worker, 2)}): on ${settings.cores} cores that caps ` +
        `keyport near ${fixed((settings.cores * 1000) / own, 0)}/s; bare per call: ${bareText}`,
    );
    const paths = new Map<string, number>();
    for (const w of phase.keyport)
      for (const [path, count] of Object.entries(w.simPerRefresh))
        paths.set(path, (paths.get(path) ?? 0) + (count * w.refreshes) / Math.max(1, sumRefreshes(phase)));
    const refused = phase.keyport.reduce((sum, w) => sum + w.simRefused, 0);
    console.log(
      `    exchange requests per refresh: ${fixed(
        perRefresh(phase.keyport, (w) => w.simTotalPerRefresh),
        2,
      )} ` +
        `(${[...paths].map(([path, count]) => `${path} ${fixed(count, 2)}`).join(', ') || '—'}); refused by the sim: ${refused}`,
    );
    const latency = median(phase.bare.filter((w) => w.mode === baseline(phase).mode).map((w) => w.p50Ms));
    console.log(
      `    refreshed at least once during the phase: ${phase.refreshedInPhase}/${phase.connections} ` +
        `(${phase.warmup.refreshed} after the ${fixed(phase.warmup.ms / 1000, 0)} s warm-up); ` +
        `bare ${baseline(phase).mode} p50 ${fixed(latency, 1)} ms`,
    );
  }

  const bareErrors = phases.flatMap((phase) =>
    phase.bare.flatMap((w) => w.errors.map((error) => `phase ${phase.name} bare ${w.mode}: ${error}`)),
  );
  const notConnected = Object.entries(b.byStatus).filter(([status]) => status !== 'CONNECTED');
  const noRefreshes = phases.filter((phase) => phase.keyport.some((w) => w.refreshes === 0));
  console.log('');
  console.log(
    `worker warn+error log lines: ${report.workerWarnings.count}` +
      (report.workerWarnings.first.length > 0 ? `; first: ${report.workerWarnings.first.join(' | ')}` : ''),
  );
  const failed = bareErrors.length > 0 || notConnected.length > 0 || noRefreshes.length > 0;
  if (failed) {
    console.log(
      `RUN FAILED: ${bareErrors.length} bare call(s) failed; connections not CONNECTED: ` +
        `${notConnected.map(([status, n]) => `${status} ${n}`).join(', ') || 'none'}; ` +
        `windows without refreshes: ${noRefreshes.map((phase) => phase.name).join(', ') || 'none'}`,
    );
    for (const line of bareErrors.slice(0, 10)) console.log(`  ${line}`);
  } else {
    console.log(`checks: all ${b.connections} connections still CONNECTED, every bare call returned BTC 0.5`);
  }
  console.log(
    `note: absolute numbers drift a lot on this shared ${settings.cores}-core VM (every process shares the same cores); ` +
      'compare the ratios, and re-run before trusting a change under ~10%.',
  );
  console.log(`total bench time ${report.elapsedS.toFixed(0)} s`);
  return failed;
}

function sumRefreshes(phase: PhaseResult): number {
  return phase.keyport.reduce((sum, w) => sum + w.refreshes, 0);
}
