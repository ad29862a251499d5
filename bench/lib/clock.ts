/**
 * Epoch ms for timing an event across processes: the wall clock, read by every process alike.
 * `performance.timeOrigin + performance.now()` drifts from it by ~5 ms a second on this VM, so two processes'
 * values disagree by seconds after a few minutes.
 */
export const wallClockMs = (): number => Date.now();
