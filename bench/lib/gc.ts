// Full garbage collections a process printed with node --trace-gc: what its heap keeps, apart from garbage
// not yet collected (which RSS counts, so RSS moves with GC timing).

// "[pid:0x…]  70579 ms: Mark-Compact 348.2 (377.8) -> 89.9 (210.1) MB, …"
const FULL_GC = /Mark-Compact(?: \(reduce\))? ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;

export interface FullGc {
  /** V8 heap used before and after the collection, MB. */
  beforeMb: number;
  afterMb: number;
}

export function fullGcs(lines: readonly string[]): FullGc[] {
  return lines.flatMap((line) => {
    const match = FULL_GC.exec(line);
    return match ? [{ beforeMb: Number(match[1]), afterMb: Number(match[2]) }] : [];
  });
}
