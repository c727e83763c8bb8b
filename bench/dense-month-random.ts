// Seeded randomness of the dense benchmark month (dense-month.ts): mulberry32 streams.
export type Rng = () => number;
export function rngFor(seed: number, stream: number): Rng {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream + 1, 0xc2b2ae35)) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const int = (r: Rng, n: number) => Math.floor(r() * n);
export const between = (r: Rng, lo: number, hi: number) => (hi <= lo ? lo : lo + Math.floor(r() * (hi - lo)));
export const expo = (r: Rng, mean: number) => -Math.log(1 - r()) * mean;
export function shuffle(r: Rng, xs: Int32Array): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = int(r, i + 1);
    const t = xs[i];
    xs[i] = xs[j];
    xs[j] = t;
  }
}
