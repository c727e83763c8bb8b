import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/core/src/index.js';
import { SCHEMA } from '../../libs/schema/src/schema.js';
import { importBundle, type ImportOptions, type ImportReport } from '../../libs/intake/src/bundle-import.js';
import type { Rejection } from '../../libs/intake/src/merger.js';

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

/** A small valid bundle with every kind; sessions refer to stories of the same bundle. */
export function validBundle(): Record<string, Record<string, unknown>[]> {
  return {
    members: [
      {
        id: 'm1',
        username: 'ada',
        name: 'Ada',
        email: 'ada@example.org',
        country: 'GB',
        birthDate: '1990-02-28',
        joinedAt: '2024-01-01T10:00:00+02:00',
        earningsExcluded: false,
      },
      {
        id: 'm2',
        username: 'bob',
        name: 'Bob "B" Tab\there',
        email: 'bob@example.org',
        country: 'US',
        birthDate: null,
        joinedAt: '2024-02-01T00:00:00Z',
      },
      {
        id: 'm3',
        username: 'cy',
        name: 'Cy\\Backslash\nNewline',
        email: 'cy@example.org',
        country: 'FR',
        birthDate: '2000-02-29',
        joinedAt: '2024-03-01T00:00:00-05:00',
        earningsExcluded: true,
      },
      {
        id: 'M4',
        username: 'dee',
        name: 'Zoë ✓',
        email: 'dee@example.org',
        country: 'NG',
        birthDate: '1985-12-31',
        joinedAt: '2020-01-01T00:00:00.123456Z',
      },
    ],
    publications: [{ id: 'p1', name: 'The Pub' }],
    stories: [
      {
        id: 's1',
        authorId: 'm1',
        publicationId: 'p1',
        title: 'First',
        publishedAt: '2026-09-01T00:00:00Z',
        membersOnly: true,
        status: 'published',
        aiDisclosed: false,
        language: 'en',
      },
      { id: 's2', authorId: 'm2', publicationId: null, title: 'Draft', publishedAt: null, membersOnly: false, status: 'draft' },
    ],
    memberships: [{ id: 'ms1', memberId: 'm2', plan: 'monthly', tier: 'member', startedAt: '2026-01-01T00:00:00Z', endedAt: null }],
    charges: [
      {
        id: 'ch1',
        memberId: 'm2',
        plan: 'monthly',
        coversFrom: '2026-10',
        chargedAt: '2026-10-01T03:00:00Z',
        grossCents: 500,
        feeCents: 45,
        netCents: 455,
        status: 'paid',
      },
    ],
    enrollments: [{ id: 'en1', memberId: 'm1', enrolledAt: '2025-01-01T00:00:00Z', leftAt: null }],
    payoutAccounts: [{ memberId: 'm1', provider: 'stripe', accountRef: 'acct_1', status: 'verified', taxStatus: 'verified' }],
    follows: [{ id: 'f1', followerId: 'm2', followeeId: 'm1', followedAt: '2026-10-02T00:00:00Z', unfollowedAt: null }],
    referrals: [{ id: 'r1', referrerId: 'm1', referredMemberId: 'm2', referredAt: '2023-08-31T23:59:59Z', pageSlug: 'ref-ada' }],
    sessions: [
      { id: 'v1', storyId: 's1', readerId: 'm2', startedAt: '2026-10-04T12:00:00+02:00', activeSeconds: 45, mode: 'read' },
      { id: 'v2', storyId: 's1', readerId: null, startedAt: '2026-10-04T05:00:00-05:00', activeSeconds: 0, mode: 'listen' },
      { id: 'v3', storyId: 's2', readerId: 'M4', startedAt: '2026-10-31T23:59:59.999999Z', activeSeconds: 1800, mode: 'read' },
    ],
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
