import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Actor } from '../../../core/src/auth/access.decorators.js';
import { AuditService } from '../../../core/src/audit/audit.service.js';
import { conflict, notFound } from '../../../core/src/http/errors.js';
import { TransactionScope } from '../../../core/src/idempotency/transaction-scope.js';
import { sum, toJson, type Micros } from '../../../core/src/money/money.js';
import { failureCodeInfo } from '../payout-failure-codes.js';
import { isFinalRun } from '../payout-rules.js';
import { PayoutRunsRepository } from '../payout-runs.repository.js';
import { PayoutTransitions } from '../payout-transitions.js';
import { MAX_PREVIEW_ITEMS } from '../settlement-rules.js';
import { classifySettlement, classTotals, type Classification, type ClassifiedLine } from './settlement-classify.js';
import { parseSettlementCsv } from './settlement-csv.js';
import { SettlementRepository, type StoredSettlementFile } from './settlement.repository.js';

const money = (m: Micros) => toJson(m);

/** Problems first (the lines finance must look at), then by line. */
const PROBLEM_FIRST = (a: ClassifiedLine, b: ClassifiedLine) =>
  Number(a.class === 'matched' || a.class === 'already_applied') - Number(b.class === 'matched' || b.class === 'already_applied') ||
  a.line - b.line;

/** The preview's JSON: counts and amounts per class, what applying would change, the lines and the missing payouts. */
function previewJson(run: { id: string; period: string }, sha256: string, c: Classification, applied: StoredSettlementFile | null) {
  const totals = classTotals(c.lines);
  const matched = c.lines.filter((l) => l.class === 'matched');
  const newStates = [...new Set(matched.map((l) => l.newState!))];
  const changes = Object.fromEntries(
    newStates.map((state) => {
      const moved = matched.filter((l) => l.newState === state);
      return [state, { payouts: moved.length, amountMicros: money(sum(moved.map((l) => l.amountMicros))) }];
    }),
  );
  const lines = [...c.lines].sort(PROBLEM_FIRST).slice(0, MAX_PREVIEW_ITEMS);
  return {
    runId: run.id,
    period: run.period,
    sha256,
    lineCount: c.lines.length,
    alreadyApplied: applied ? { fileId: applied.id, appliedAt: applied.appliedAt, appliedByEmail: applied.appliedByEmail } : null,
    classes: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, { lines: v.lines, amountMicros: money(v.amountMicros) }])),
    missing: {
      payouts: c.missing.length,
      pending: c.missing.filter((p) => p.state === 'pending').length,
      amountMicros: money(sum(c.missing.map((p) => p.amountMicros))),
    },
    changes,
    lines: lines.map((l) => ({
      line: l.line,
      reference: l.reference,
      status: l.status,
      amountMicros: money(l.amountMicros),
      date: l.date,
      failureCode: l.failureCode,
      failure: l.failureCode ? failureCodeInfo(l.failureCode) : null,
      class: l.class,
      statementId: l.statementId,
      authorId: l.authorId,
      expectedMicros: l.expectedMicros === null ? null : money(l.expectedMicros),
      currentState: l.currentState,
      newState: l.newState,
      reason: l.reason,
    })),
    linesTruncated: c.lines.length > lines.length,
    missingPayouts: c.missing
      .slice(0, MAX_PREVIEW_ITEMS)
      .map((p) => ({ statementId: p.id, authorId: p.authorId, state: p.state, amountMicros: money(p.amountMicros) })),
    missingTruncated: c.missing.length > MAX_PREVIEW_ITEMS,
  };
}

export const sha256Of = (content: string) => createHash('sha256').update(content, 'utf8').digest('hex');

/**
 * Reconciliation with the processor (issue 17): finance previews the settlement file of a
 * payout run (nothing written), then applies it. Applying moves the matched lines'
 * payouts (mark-paid's transitions, the ledger with them) and stores the file once per run
 * and content: the same file applied again, under any idempotency key, changes nothing.
 */
@Injectable()
export class SettlementService {
  constructor(
    private readonly scope: TransactionScope,
    private readonly audit: AuditService,
    private readonly repo: SettlementRepository,
    private readonly runs: PayoutRunsRepository,
    private readonly transitions: PayoutTransitions,
  ) {}

  private static final(run: { status: string } | undefined, id: string) {
    if (!run) throw notFound('payout run', id);
    if (!isFinalRun(run.status)) throw conflict(`the run is ${run.status}; a settlement file applies to an approved run`);
  }

  async preview(runId: string, content: string) {
    const lines = parseSettlementCsv(content);
    const db = this.scope.db;
    const run = await this.repo.run(db, runId);
    SettlementService.final(run, runId);
    const sha256 = sha256Of(content);
    const applied = (await this.repo.findFile(db, runId, sha256)) ?? null;
    return previewJson(run!, sha256, classifySettlement(lines, await this.repo.payouts(db, runId, false)), applied);
  }

  async apply(actor: Actor, runId: string, content: string, fileName: string | null) {
    const lines = parseSettlementCsv(content);
    const sha256 = sha256Of(content);
    return this.scope.run(async (m) => {
      const run = await this.runs.findForUpdate(m, runId);
      SettlementService.final(run, runId);
      const before = await this.repo.findFile(m, runId, sha256);
      const c = classifySettlement(lines, await this.repo.payouts(m, runId, true));
      // The same file again: the stored one answers, and nothing is written.
      if (before) return { ...previewJson(run!, sha256, c, before), applied: null, runStatus: run!.status };
      const matched = c.lines.filter((l) => l.class === 'matched');
      const changes = matched.map((l) => ({ id: l.statementId!, before: l.currentState!, after: l.newState!, failureCode: l.failureCode }));
      await this.transitions.apply(m, changes, 'settlement');
      const appliedMicros = sum(matched.map((l) => l.amountMicros));
      const preview = previewJson(run!, sha256, c, null);
      const counts = { classes: preview.classes, missing: preview.missing };
      const fileId = await this.repo.insertFile(
        m,
        { runId, sha256, fileName, appliedBy: actor.id, counts, appliedCount: matched.length, appliedMicros },
        c.lines,
      );
      // The run is paid once no payout waits for an outcome any more.
      let runStatus = run!.status;
      if (runStatus === 'approved' && changes.length && (await this.repo.pendingCount(m, runId)) === 0) {
        await this.runs.markPaid(m, runId, actor.id);
        runStatus = 'paid';
      }
      await this.audit.record(m, actor, {
        action: 'payout-run.settlement',
        entityType: 'payout-run',
        entityId: runId,
        before: { status: run!.status },
        after: {
          status: runStatus,
          settlementFileId: fileId,
          sha256,
          fileName,
          counts,
          changes: changes.map(({ id, before: from, after, failureCode }) => ({ id, before: from, after, failureCode })),
        },
      });
      return { ...preview, applied: { fileId, payouts: matched.length, amountMicros: money(appliedMicros) }, runStatus };
    });
  }

  /** An applied file with its lines as classified then (the first MAX_PREVIEW_ITEMS). */
  async file(runId: string, fileId: string) {
    const db = this.scope.db;
    const file = await this.repo.fileOfRun(db, runId, fileId);
    if (!file) throw notFound('settlement file', fileId);
    const lines = await this.repo.fileLines(db, fileId, MAX_PREVIEW_ITEMS);
    return { ...file, lines, linesTruncated: file.lineCount > lines.length };
  }

  async files(runId: string) {
    const run = await this.repo.run(this.scope.db, runId);
    if (!run) throw notFound('payout run', runId);
    return this.repo.listFiles(runId);
  }
}
