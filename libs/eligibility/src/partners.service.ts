import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, notFound, parseListQuery, ruleViolation, toPage, type Actor } from '../../core/src/index.js';
import { TransactionScope } from '../../core/src/idempotency/transaction-scope.js';
import type { PartnerStatus } from './partner-status-change.entity.js';
import { PARTNER_LIST, PartnersRepository, type PartnerView } from './partners.repository.js';

export type PartnerAction = 'suspend' | 'reinstate' | 'remove' | 'leave';

/** Each action: the statuses it may start from, where it goes, and whether it ends the enrollment. */
const TRANSITIONS: Record<PartnerAction, { from: PartnerStatus[]; to: PartnerStatus; endsEnrollment: boolean }> = {
  suspend: { from: ['active'], to: 'suspended', endsEnrollment: false },
  reinstate: { from: ['suspended'], to: 'active', endsEnrollment: false },
  remove: { from: ['active', 'suspended'], to: 'removed', endsEnrollment: true },
  leave: { from: ['active', 'suspended'], to: 'left', endsEnrollment: true },
};

/** Partners (enrolled writers): status history and the reviewers' status changes. */
@Injectable()
export class PartnersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: PartnersRepository,
    private readonly audit: AuditService,
    private readonly scope: TransactionScope,
  ) {}

  async list(query: Record<string, unknown>) {
    const q = parseListQuery(query, PARTNER_LIST);
    return toPage(PARTNER_LIST.resource, q.offset, await this.repo.list(q), () => this.repo.count(q));
  }

  async get(memberId: string) {
    const partner = await this.repo.get(this.dataSource, memberId);
    if (!partner) throw notFound('partner', memberId);
    const [history, enrollments] = await Promise.all([
      this.repo.history(this.dataSource, memberId),
      this.repo.enrollments(this.dataSource, memberId),
    ]);
    return { ...partner, history, enrollments };
  }

  /**
   * suspend / reinstate / remove / leave, with a reason. The open enrollment is locked
   * first, so concurrent changes to one partner apply one after the other (the second
   * sees the first's result). Removal and leaving end the enrollment; the writer may
   * apply again afterwards. Joins the caller's transaction when there is one (an integrity
   * decision suspends a ring's writers all or none).
   */
  async change(actor: Actor, memberId: string, action: PartnerAction, reason: string): Promise<PartnerView> {
    const t = TRANSITIONS[action];
    return this.scope.run(async (m) => {
      const open = await this.repo.lockOpenEnrollment(m, memberId);
      if (!open) {
        const partner = await this.repo.get(m, memberId);
        if (!partner) throw notFound('partner', memberId);
        throw ruleViolation(
          'enrolled_partner',
          `${memberId} is not enrolled (status ${partner.status} since ${new Date(partner.statusChangedAt).toISOString()})`,
          {
            status: partner.status,
          },
        );
      }
      if (!t.from.includes(open.status)) {
        throw ruleViolation(
          'partner_status_transition',
          `cannot ${action} a partner who is ${open.status} (allowed from: ${t.from.join(', ')})`,
          {
            status: open.status,
          },
        );
      }
      await this.repo.recordStatus(m, open, t.to, reason, actor.id);
      if (t.endsEnrollment) await this.repo.endEnrollment(m, open.enrollmentId);
      const after = (await this.repo.get(m, memberId))!;
      await this.audit.record(m, actor, {
        action: `partner.${action}`,
        entityType: 'partner',
        entityId: memberId,
        before: { status: open.status, enrollmentId: open.enrollmentId },
        after: { status: after.status, enrollmentId: after.enrollmentId, leftAt: after.leftAt },
        reason,
      });
      return after;
    });
  }
}
