/** Seeded random numbers for the parent's data: the same seed always makes the same data. */
import seedrandom from "seedrandom";

export interface Rng {
  uniform(): number;
  normal(): number;
  int(maxExclusive: number): number;
  shuffle<T>(items: T[]): T[];
}

export function makeRng(seed: string | number): Rng {
  const next = seedrandom.alea(String(seed));
  let spare: number | null = null;
  const rng: Rng = {
    uniform: () => next(),
    normal: () => {
      // Box-Muller, keeping the second value for the next call.
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int: (max) => Math.floor(next() * max),
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
  return rng;
}
