import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AuditService,
  MAX_PAGE,
  badInput,
  claimedByOther,
  conflict,
  notFound,
  parseListQuery,
  ruleViolation,
  toPage,
  type Actor,
} from '../../core/src/index.js';
import { CHECK_REJECT_REASON, type CheckName } from './application.entity.js';
import { ApplicationClaimsRepository } from './application-claims.repository.js';
import { APPLICATION_LIST, ApplicationsRepository, type ApplicationView, type Evaluated } from './applications.repository.js';
import type { BulkApproveDto, CreateApplicationDto, RejectApplicationDto } from './eligibility.dto.js';

/** Why a bulk approval skipped an application. */
export const BULK_APPROVE_SKIP_REASONS = ['not_pending', 'failing_checks', 'already_enrolled', 'claimed'] as const;

export interface SkippedApplication {
  id: string;
  reason: (typeof BULK_APPROVE_SKIP_REASONS)[number];
  status: string;
  failingChecks?: CheckName[];
  /** For `claimed`: who is reviewing it. */
  claimedByEmail?: string | null;
}

export interface BulkApproveResult {
  /** Present on a preview only: nothing was written (what approving now would do). */
  dryRun?: true;
  matched: number;
  approvedCount: number;
  skippedCount: number;
  approved: Array<{ id: string; memberId: string; enrollmentId: string }>;
  skipped: SkippedApplication[];
}

const describeFailing = (checks: Record<string, unknown>, failing: CheckName[]) =>
  failing.map((name) => `${name} (${(checks[name] as { detail?: string } | undefined)?.detail ?? 'failed'})`).join('; ');

/** Partner Program applications: the four checks and the reviewers' decisions. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ApplicationsRepository,
    private readonly claims: ApplicationClaimsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Locks the application; 404 when missing, 409 when another reviewer holds an unexpired claim on it. */
  private async assertNotClaimedByOther(m: EntityManager, id: string, actor: Actor): Promise<void> {
    const holder = await this.claims.holder(m, id, true);
    if (!holder) throw notFound('application', id);
    if (holder.status === 'pending' && holder.claimedBy && holder.claimedBy !== actor.id) throw claimedByOther('application', id, holder);
  }

  async list(query: Record<string, unknown>) {
    const q = parseListQuery(query, APPLICATION_LIST);
    return toPage(APPLICATION_LIST.resource, q.offset, await this.repo.list(q), () => this.repo.count(q));
  }

  async get(id: string): Promise<ApplicationView> {
    const row = await this.repo.get(this.dataSource, id);
    if (!row) throw notFound('application', id);
    return row;
  }

  /**
   * Evaluates the four checks of the pending applications among `ids` and stores each
   * result with its evidence: one statement whatever the number of ids. `asOf` is the
   * clock (default: the transaction's now()). The intake hook calls this.
   */
  evaluate(manager: EntityManager | DataSource, ids: string[], asOf: Date | null = null): Promise<Evaluated[]> {
    return this.repo.evaluate(manager, ids, asOf);
  }

  async create(actor: Actor, dto: CreateApplicationDto): Promise<ApplicationView> {
    return this.dataSource.transaction(async (m) => {
      const memberKey = await this.repo.memberKeyOf(m, dto.memberId);
      if (memberKey === undefined)
        throw badInput(`memberId: no member ${dto.memberId}`, [{ field: 'memberId', message: `No member has the id ${dto.memberId}` }]);
      // A partner cannot apply again: approval would be refused anyway, so say it now.
      const enrollment = await this.repo.openEnrollment(m, memberKey);
      if (enrollment)
        throw ruleViolation('not_already_enrolled', `memberId: ${dto.memberId} is already a partner (enrollment ${enrollment})`, {
          field: 'memberId',
          enrollmentId: enrollment,
        });
      const id = await this.repo.insertStaffEntry(m, {
        memberKey,
        country: dto.country.toUpperCase(),
        birthDate: dto.birthDate ?? null,
        enteredBy: actor.id,
      });
      if (!id)
        throw conflict(`memberId: ${dto.memberId} already has a pending application`, {
          field: 'memberId',
          message: `${dto.memberId} already has a pending application: decide that one first`,
        });
      await this.repo.evaluate(m, [id]);
      const after = (await this.repo.get(m, id))!;
      await this.audit.record(m, actor, { action: 'application.create', entityType: 'application', entityId: id, after });
      return after;
    });
  }

  /** 404 when the application does not exist, 409 when it is no longer pending (decided, maybe concurrently). */
  private async notPending(m: EntityManager, id: string): Promise<never> {
    const status = await this.repo.status(m, id);
    if (!status) throw notFound('application', id);
    throw conflict(`application ${id} is ${status}, not pending`, { status });
  }

  async recheck(actor: Actor, id: string): Promise<ApplicationView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(m, id);
      const [evaluated] = await this.repo.evaluate(m, [id]);
      if (!evaluated) return this.notPending(m, id);
      const after = (await this.repo.get(m, id))!;
      await this.audit.record(m, actor, {
        action: 'application.recheck',
        entityType: 'application',
        entityId: id,
        before: { failingChecks: before?.failingChecks ?? null, checks: before?.checks ?? null },
        after: { failingChecks: after.failingChecks, checks: after.checks },
      });
      return after;
    });
  }

  /**
   * Approves when all four checks pass right now (they are re-evaluated first, which also
   * locks the row: a concurrent decision waits, then finds it decided and gets a 409).
   */
  async approve(actor: Actor, id: string): Promise<ApplicationView> {
    return this.dataSource.transaction(async (m) => {
      await this.assertNotClaimedByOther(m, id, actor);
      const [evaluated] = await this.repo.evaluate(m, [id]);
      if (!evaluated) return this.notPending(m, id);
      if (evaluated.failingChecks.length > 0) {
        throw ruleViolation('all_checks_pass', `application ${id} fails ${describeFailing(evaluated.checks, evaluated.failingChecks)}`, {
          failedChecks: evaluated.failingChecks,
          suggestedRejectReasons: evaluated.failingChecks.map((c) => CHECK_REJECT_REASON[c]),
        });
      }
      const enrollment = await this.repo.openEnrollment(m, evaluated.memberKey);
      if (enrollment)
        throw ruleViolation('not_already_enrolled', `the applicant is already a partner (enrollment ${enrollment})`, {
          enrollmentId: enrollment,
        });
      const approved = await this.repo.approve(m, id, actor.id);
      if (!approved) return this.notPending(m, id);
      const after = (await this.repo.get(m, id))!;
      await this.audit.record(m, actor, {
        action: 'application.approve',
        entityType: 'application',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'approved', enrollmentId: approved.enrollmentId, memberId: after.memberId, checks: after.checks },
      });
      return after;
    });
  }

  async reject(actor: Actor, id: string, dto: RejectApplicationDto): Promise<ApplicationView> {
    return this.dataSource.transaction(async (m) => {
      await this.assertNotClaimedByOther(m, id, actor);
      const rejected = await this.repo.reject(m, id, actor.id, dto.reason, dto.note);
      if (!rejected) return this.notPending(m, id);
      const after = (await this.repo.get(m, id))!;
      await this.audit.record(m, actor, {
        action: 'application.reject',
        entityType: 'application',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'rejected', rejectReason: dto.reason, note: dto.note },
        reason: dto.reason,
      });
      return after;
    });
  }

  /**
   * Approves every passing application the filter matches, set-based: select the matching
   * ids, re-evaluate their checks (one UPDATE), approve + enroll + activate (one statement),
   * read why the others were skipped, audit (one INSERT). A filter without `status` means
   * the pending ones; at most MAX_PAGE applications at a time. Applications another
   * reviewer has claimed are skipped. `dryRun`: the same statements, rolled back: the
   * preview says exactly what approving now would do.
   */
  async bulkApprove(actor: Actor, dto: BulkApproveDto): Promise<BulkApproveResult> {
    const preview = new PreviewRollback();
    try {
      return await this.bulkApproveIn(actor, dto, preview);
    } catch (e) {
      if (e === preview) return preview.result!;
      throw e;
    }
  }

  private async bulkApproveIn(actor: Actor, dto: BulkApproveDto, preview: PreviewRollback): Promise<BulkApproveResult> {
    const dryRun = dto.dryRun === true ? (true as const) : undefined;
    // The list's strict filter: bad or unknown fields (prototype keys included) are a 400 naming `filter.<field>`.
    const asked = parseListQuery({ filter: JSON.stringify(dto.filter) }, APPLICATION_LIST);
    if (!asked.where) {
      throw badInput('filter must name at least one condition: bulk approval never means every application', [
        { field: 'filter', message: 'must name at least one condition' },
      ]);
    }
    const filter = { ...dto.filter };
    if (filter.status === undefined || filter.status === null || filter.status === '') filter.status = 'pending';
    const q = parseListQuery({ filter: JSON.stringify(filter) }, APPLICATION_LIST);
    return this.dataSource.transaction(async (m) => {
      const ids = await this.repo.matchingIds(m, q, MAX_PAGE);
      if (ids.length > MAX_PAGE) {
        throw ruleViolation('bulk_limit', `the filter matches more than ${MAX_PAGE} applications; narrow it (e.g. by submittedAt)`);
      }
      await this.repo.evaluate(m, ids);
      const approved = await this.repo.approveMany(m, ids, actor.id);
      const approvedIds = new Set(approved.map((a) => a.id));
      const others = await this.repo.skippedReasons(
        m,
        ids.filter((id) => !approvedIds.has(id)),
      );
      const skipped: SkippedApplication[] = others.map((o) =>
        o.status !== 'pending'
          ? { id: o.id, reason: 'not_pending', status: o.status }
          : o.failingChecks?.length
            ? { id: o.id, reason: 'failing_checks', status: o.status, failingChecks: o.failingChecks }
            : o.claimedBy && o.claimedBy !== actor.id
              ? { id: o.id, reason: 'claimed', status: o.status, claimedByEmail: o.claimedByEmail }
              : { id: o.id, reason: 'already_enrolled', status: o.status },
      );
      const result: BulkApproveResult = {
        ...(dryRun ? { dryRun } : {}),
        matched: ids.length,
        approvedCount: approved.length,
        skippedCount: skipped.length,
        approved,
        skipped,
      };
      if (dryRun) {
        preview.result = result;
        throw preview;
      }
      // Nothing approved, nothing written: no audit entry for a no-op.
      if (approved.length === 0) return result;
      await this.audit.recordMany(m, actor, [
        {
          action: 'application.bulk-approve',
          entityType: 'application',
          entityId: '*',
          after: { filter, matched: ids.length, approved: approved.length, skipped: skipped.length },
        },
        ...approved.map((a) => ({
          action: 'application.approve',
          entityType: 'application',
          entityId: a.id,
          before: { status: 'pending' },
          after: { status: 'approved', enrollmentId: a.enrollmentId, memberId: a.memberId },
          reason: 'bulk approve',
        })),
      ]);
      return result;
    });
  }
}

/** Thrown to roll a preview's transaction back, carrying what it would have done. */
class PreviewRollback extends Error {
  result?: BulkApproveResult;
}
