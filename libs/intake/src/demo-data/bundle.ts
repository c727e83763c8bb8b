/** What a demo bundle is: sizes, kinds (in the order they are written), options. */

export type DemoSize = 'tiny' | 'small' | 'medium' | 'large';

export interface GenerateBundleOptions {
  size: DemoSize;
  seed: number;
  outDir: string;
  /** `YYYY-MM`: the latest full month. The data covers this month and the ones before it. */
  period: string;
  /** How many months the data covers, ending with `period` (default 2; the sizes' session counts are per two months). */
  months?: number;
  /** Called with the rows written so far (periodically for big kinds, and once per kind when done). */
  onProgress?: (kind: string, rows: number) => void;
}

export interface DemoSizeConfig {
  sessions: number;
  members: number;
  stories: number;
}

export const DEMO_SIZES: Readonly<Record<DemoSize, DemoSizeConfig>> = Object.freeze({
  tiny: { sessions: 2_000, members: 250, stories: 50 },
  small: { sessions: 50_000, members: 5_000, stories: 1_000 },
  medium: { sessions: 1_000_000, members: 100_000, stories: 10_000 },
  large: { sessions: 10_000_000, members: 1_000_000, stories: 100_000 },
});

/** Kinds of a bundle, in the order the generator writes them; the file is `<kind>.ndjson`. */
export const BUNDLE_KINDS = [
  'members',
  'memberships',
  'charges',
  'publications',
  'stories',
  'enrollments',
  'payoutAccounts',
  'boosts',
  'sessions',
  'engagements',
  'follows',
  'referrals',
  'nominations',
  'applications',
  'tickets',
] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

/** Countries the generated data treats as unsupported for the Partner Program. */
export const UNSUPPORTED_COUNTRIES: readonly string[] = ['KP', 'IR', 'CU', 'SY'];

/** The months a bundle may cover. */
export const DEMO_MONTHS = { default: 2, min: 2, max: 24 } as const;
