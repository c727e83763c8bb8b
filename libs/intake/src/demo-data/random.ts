/** Seeded randomness for the demo data: every draw comes from mulberry32 streams, one per phase. */

export type Rng = () => number;

export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

export function mulberry32(state: number): Rng {
  let a = state | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream for one phase of the generation. */
export function makeRng(seed: number, stream: number): Rng {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return mulberry32(mix32(mix32(lo ^ mix32(hi + 0x9e3779b9)) ^ Math.imul(stream + 1, 0x85ebca6b)));
}

/** Integer in [0, n). */
export function int(r: Rng, n: number): number {
  return Math.floor(r() * n);
}

export function pick<T>(r: Rng, xs: ArrayLike<T>): T {
  return xs[Math.floor(r() * xs.length)];
}

/** Fisher-Yates shuffle in place. */
export function shuffle(r: Rng, xs: Int32Array | number[]): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = xs[i];
    xs[i] = xs[j];
    xs[j] = t;
  }
}

/** Cumulative weights of a table, for `sampleCum`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) cum[i] = s += weights[i];
  return cum;
}

/** The first index whose cumulative weight exceeds `x` (x in [0, total)). */
export function sampleCum(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Exponentially distributed with the given mean. */
export function expo(r: Rng, mean: number): number {
  return -Math.log(1 - r()) * mean;
}
