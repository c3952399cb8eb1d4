/**
 * A small seeded generator (mulberry32) in [0, 1), for the emulator's `random` option: the same
 * seed draws the same faults on every run, so a failing run can be replayed; and for the stacks
 * simulation (stacks-simulation.ts), so a seed names one run.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
