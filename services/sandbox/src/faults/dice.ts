/**
 * A seedable source of fault decisions (mulberry32): with the same seed and the same sequence of
 * requests and events, the same faults fire, so a failing test can be replayed.
 */
export class Dice {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** True with probability `p`; never rolls for 0 or 1, so a fault that is off uses no randomness. */
  chance(p: number | undefined): boolean {
    if (!p || p <= 0) return false;
    if (p >= 1) return true;
    return this.next() < p;
  }
}

export const randomSeed = (): number => Math.floor(Math.random() * 2 ** 32);
