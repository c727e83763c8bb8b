import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/core/src/index.js';
import { SCHEMA } from '../../libs/schema/src/schema.js';
import { importBundle, type ImportOptions, type ImportReport } from '../../libs/intake/src/bundle-import.js';
import type { Rejection } from '../../libs/intake/src/merger.js';
import {
  chargeRecord,
  enrollmentRecord,
  memberRecord,
  membershipRecord,
  payoutAccountRecord,
  sessionRecord,
  storyRecord,
} from '../support/factory.js';

export type Line = Record<string, unknown> | string;

/** Writes a bundle folder: objects become JSON lines, strings are written as they are. */
export async function writeBundle(files: Record<string, Line[]>, dir?: string): Promise<string> {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'ppc-bundle-')));
  for (const [kind, lines] of Object.entries(files)) {
    await writeFile(join(folder, `${kind}.ndjson`), lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  }
  return folder;
}

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });

export interface ImportRun {
  report: ImportReport;
  rejections: (Rejection & { file: string })[];
  byKind: Record<string, { received: number; inserted: number; updated: number; unchanged: number; rejected: number }>;
}

/** The import door on a database: runs importBundle with its own DataSource, collecting refusals. */
export async function runImport(url: string, folder: string, opts: Omit<ImportOptions, 'onReject'> = {}): Promise<ImportRun> {
  const ds = await new DataSource(dataSourceOptions(url, SCHEMA, 2)).initialize();
  const rejections: (Rejection & { file: string })[] = [];
  try {
    const report = await importBundle(ds, folder, { ...opts, onReject: (file, r) => rejections.push({ file, ...r }) });
    const byKind = Object.fromEntries(
      report.kinds.map((k) => [
        k.kind,
        { received: k.received, inserted: k.inserted, updated: k.updated, unchanged: k.unchanged, rejected: k.rejected },
      ]),
    );
    return { report, rejections, byKind };
  } finally {
    await ds.destroy();
  }
}

/** Import records as the generic lines a bundle file holds. */
const lines = (...records: object[]) => records as Record<string, unknown>[];

/** A small valid bundle with every kind (records from the test factory); sessions refer to stories of the same bundle. */
export function validBundle(): Record<string, Record<string, unknown>[]> {
  return {
    members: lines(
      memberRecord('m1', {
        username: 'ada',
        name: 'Ada',
        email: 'ada@example.org',
        country: 'GB',
        birthDate: '1990-02-28',
        joinedAt: '2024-01-01T10:00:00+02:00',
        earningsExcluded: false,
      }),
      memberRecord('m2', {
        username: 'bob',
        name: 'Bob "B" Tab\there',
        email: 'bob@example.org',
        birthDate: null,
        joinedAt: '2024-02-01T00:00:00Z',
      }),
      memberRecord('m3', {
        username: 'cy',
        name: 'Cy\\Backslash\nNewline',
        email: 'cy@example.org',
        country: 'FR',
        birthDate: '2000-02-29',
        joinedAt: '2024-03-01T00:00:00-05:00',
        earningsExcluded: true,
      }),
      memberRecord('M4', {
        username: 'dee',
        name: 'Zoë ✓',
        email: 'dee@example.org',
        country: 'NG',
        birthDate: '1985-12-31',
        joinedAt: '2020-01-01T00:00:00.123456Z',
      }),
    ),
    publications: [{ id: 'p1', name: 'The Pub' }],
    stories: lines(
      storyRecord('s1', 'm1', {
        publicationId: 'p1',
        title: 'First',
        publishedAt: '2026-09-01T00:00:00Z',
        aiDisclosed: false,
        language: 'en',
      }),
      storyRecord('s2', 'm2', { title: 'Draft', publishedAt: null, membersOnly: false, status: 'draft' }),
    ),
    memberships: lines(membershipRecord('ms1', 'm2')),
    charges: lines(chargeRecord('ch1', 'm2', '2026-10', 455, { chargedAt: '2026-10-01T03:00:00Z', grossCents: 500, feeCents: 45 })),
    enrollments: lines(enrollmentRecord('en1', 'm1', { enrolledAt: '2025-01-01T00:00:00Z' })),
    payoutAccounts: lines(payoutAccountRecord('m1', { accountRef: 'acct_1' })),
    follows: [{ id: 'f1', followerId: 'm2', followeeId: 'm1', followedAt: '2026-10-02T00:00:00Z', unfollowedAt: null }],
    referrals: [{ id: 'r1', referrerId: 'm1', referredMemberId: 'm2', referredAt: '2023-08-31T23:59:59Z', pageSlug: 'ref-ada' }],
    sessions: lines(
      sessionRecord('v1', 's1', 'm2', '2026-10-04T12:00:00+02:00', 45),
      sessionRecord('v2', 's1', null, '2026-10-04T05:00:00-05:00', 0, { mode: 'listen' }),
      sessionRecord('v3', 's2', 'M4', '2026-10-31T23:59:59.999999Z', 1800),
    ),
    engagements: [
      { id: 'e1', storyId: 's1', memberId: 'm2', kind: 'clap', occurredAt: '2026-10-04T10:05:00Z', count: 50 },
      { id: 'e2', storyId: 's1', memberId: 'm3', kind: 'highlight', occurredAt: '2026-10-04T10:06:00Z', count: 1 },
    ],
    boosts: [{ id: 'b1', storyId: 's1', startsAt: '2026-10-01T00:00:00Z', endsAt: '2026-10-15T00:00:00Z', source: 'curator' }],
    nominations: [{ id: 'n1', storyId: 's1', nominatorId: 'm2', publicationId: 'p1', nominatedAt: '2026-10-03T00:00:00Z' }],
    applications: [{ id: 'a1', memberId: 'm3', submittedAt: '2026-10-05T00:00:00Z', country: 'FR', birthDate: '2000-02-29' }],
    tickets: [
      {
        id: 't1',
        memberId: 'm1',
        category: 'earnings_drop',
        subject: 'Where did it go?',
        body: 'Line 1\nLine 2\tTabbed',
        storyId: 's1',
        period: '2026-10',
        createdAt: '2026-11-01T09:00:00Z',
      },
    ],
  };
}
