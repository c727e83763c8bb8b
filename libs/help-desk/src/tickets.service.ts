import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, badInput, conflict, notFound, parseListQuery, ruleViolation, toPage, type Actor } from '../../core/src/index.js';
import { PayoutProjectionService, type PayoutProjectionWithText } from '../../payouts/src/index.js';
import { ExplanationsService, type Explanation } from './explanations.service.js';
import type { AddNoteDto, CreateTicketDto, ReopenTicketDto, ResolveTicketDto, UpdateTicketDto } from './help-desk.dto.js';
import { TICKET_LIST, TicketsRepository, type NoteView, type TicketChange, type TicketView } from './tickets.repository.js';

/** Staff who can work tickets (be assigned one). */
const SUPPORT_ROLES = ['support', 'admin'];

export interface TicketExplanationRef {
  id: string;
  storyId: string | null;
  period: string | null;
  /** The ticket names no period: the explanation is of the last computed one. */
  periodIsDefault: boolean;
}

export type TicketDetail = TicketView & { notes: NoteView[]; explanationPath: string };

/**
 * Tickets: support's queue (oldest open first), their states (open → pending → resolved,
 * reopen allowed), assignees, internal notes and resolutions. Every change is one
 * transaction with its audit entry, on the locked ticket row (two agents acting at once:
 * the second sees the first's result, e.g. a 409 when resolving a resolved ticket).
 */
@Injectable()
export class TicketsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketsRepository,
    private readonly explanations: ExplanationsService,
    private readonly projections: PayoutProjectionService,
    private readonly audit: AuditService,
  ) {}

  async list(query: Record<string, unknown>) {
    const q = parseListQuery(query, TICKET_LIST);
    return toPage(TICKET_LIST.resource, q.offset, await this.tickets.list(q), () => this.tickets.count(q));
  }

  async get(id: string): Promise<TicketDetail> {
    const ticket = await this.tickets.get(this.dataSource, id);
    if (!ticket) throw notFound('ticket', id);
    return this.detail(this.dataSource.manager, ticket);
  }

  private async detail(m: EntityManager, ticket: TicketView): Promise<TicketDetail> {
    return {
      ...ticket,
      notes: await this.tickets.notes(m, ticket.id),
      explanationPath: `/api/tickets/${encodeURIComponent(ticket.id)}/explanation`,
    };
  }

  /** The writer's story, or a 400 naming `storyId` when unknown or by someone else. */
  private async storyKeyOf(m: EntityManager, storyId: string, memberKey: number): Promise<number> {
    const story = await this.tickets.story(m, storyId);
    if (!story) throw badInput(`unknown story ${storyId}`, [{ field: 'storyId', message: 'unknown story' }]);
    if (story.authorKey !== memberKey)
      throw badInput(`story ${storyId} is not by this writer`, [{ field: 'storyId', message: "not one of the writer's stories" }]);
    return story.key;
  }

  private async checkAssignee(m: EntityManager, assigneeId: string): Promise<void> {
    const staff = await this.tickets.staff(m, assigneeId);
    if (!staff)
      throw badInput(`unknown or disabled staff account ${assigneeId}`, [
        { field: 'assigneeId', message: 'unknown or disabled staff account' },
      ]);
    if (!staff.roles.some((r) => SUPPORT_ROLES.includes(r))) {
      throw ruleViolation('assignee_not_support', 'tickets are assigned to support staff (role support or admin)', { assigneeId });
    }
  }

  async create(actor: Actor, dto: CreateTicketDto): Promise<TicketDetail> {
    const id = `tkt_${randomUUID()}`;
    return this.dataSource.transaction(async (m) => {
      const memberKey = await this.tickets.memberKey(m, dto.memberId);
      if (memberKey === undefined) throw badInput(`unknown member ${dto.memberId}`, [{ field: 'memberId', message: 'unknown member' }]);
      const storyKey = dto.storyId ? await this.storyKeyOf(m, dto.storyId, memberKey) : null;
      if (dto.assigneeId) await this.checkAssignee(m, dto.assigneeId);
      await this.tickets.insert(m, {
        id,
        memberKey,
        category: dto.category,
        subject: dto.subject,
        body: dto.body,
        storyKey,
        period: dto.period ?? null,
        assigneeId: dto.assigneeId ?? null,
        openedBy: actor.id,
      });
      const after = (await this.tickets.get(m, id))!;
      await this.audit.record(m, actor, { action: 'ticket.create', entityType: 'ticket', entityId: id, after });
      return this.detail(m, after);
    });
  }

  /** Locks the ticket (404 when unknown) and returns its current view. */
  private async locked(m: EntityManager, id: string) {
    const row = await this.tickets.lock(m, id);
    if (!row) throw notFound('ticket', id);
    return { row, before: (await this.tickets.get(m, id))! };
  }

  async update(actor: Actor, id: string, dto: UpdateTicketDto): Promise<TicketDetail> {
    return this.dataSource.transaction(async (m) => {
      const { row, before } = await this.locked(m, id);
      const change: TicketChange = {};
      if (dto.assigneeId !== undefined && dto.assigneeId !== before.assigneeId) {
        if (dto.assigneeId !== null) await this.checkAssignee(m, dto.assigneeId);
        change.assigneeId = dto.assigneeId;
      }
      if (dto.period !== undefined && dto.period !== before.period) change.period = dto.period;
      if (dto.category !== undefined && dto.category !== before.category) change.category = dto.category;
      if (dto.storyId !== undefined && dto.storyId !== before.storyId) {
        change.storyKey = dto.storyId === null ? null : await this.storyKeyOf(m, dto.storyId, row.memberKey);
      }
      const status = dto.status ?? before.status;
      const resolution = dto.resolution === undefined ? undefined : dto.resolution;
      if (status !== before.status) {
        change.status = status;
        if (status === 'resolved') {
          if (!resolution)
            throw ruleViolation('resolution_required', 'resolving a ticket needs a resolution text', { field: 'resolution' });
          change.resolution = resolution;
          change.resolved = true;
        } else if (before.status === 'resolved') {
          change.resolution = null; // reopened: the old resolution stays in the audit log
          change.resolved = false;
        }
      } else if (resolution !== undefined && resolution !== before.resolution) {
        if (before.status !== 'resolved') {
          throw ruleViolation('not_resolved', 'a resolution is given when resolving (status resolved or POST /resolve)', {
            field: 'resolution',
          });
        }
        if (resolution === null)
          throw ruleViolation('resolution_required', 'a resolved ticket keeps a resolution text', { field: 'resolution' });
        change.resolution = resolution;
      }
      if (Object.keys(change).length === 0) return this.detail(m, before);
      await this.tickets.update(m, id, change);
      const after = (await this.tickets.get(m, id))!;
      const action = change.status === 'resolved' ? 'ticket.resolve' : change.resolved === false ? 'ticket.reopen' : 'ticket.update';
      await this.audit.record(m, actor, { action, entityType: 'ticket', entityId: id, before, after });
      return this.detail(m, after);
    });
  }

  /** 409 when it is already resolved. */
  async resolve(actor: Actor, id: string, dto: ResolveTicketDto): Promise<TicketDetail> {
    return this.dataSource.transaction(async (m) => {
      const { before } = await this.locked(m, id);
      if (before.status === 'resolved')
        throw conflict(`ticket ${id} is already resolved`, { status: before.status, resolvedAt: before.resolvedAt });
      await this.tickets.update(m, id, { status: 'resolved', resolution: dto.resolution, resolved: true });
      const after = (await this.tickets.get(m, id))!;
      await this.audit.record(m, actor, { action: 'ticket.resolve', entityType: 'ticket', entityId: id, before, after });
      return this.detail(m, after);
    });
  }

  /** Back to open; 409 when it is not resolved. */
  async reopen(actor: Actor, id: string, dto: ReopenTicketDto): Promise<TicketDetail> {
    return this.dataSource.transaction(async (m) => {
      const { before } = await this.locked(m, id);
      if (before.status !== 'resolved') throw conflict(`ticket ${id} is ${before.status}, not resolved`, { status: before.status });
      await this.tickets.update(m, id, { status: 'open', resolution: null, resolved: false });
      const after = (await this.tickets.get(m, id))!;
      await this.audit.record(m, actor, {
        action: 'ticket.reopen',
        entityType: 'ticket',
        entityId: id,
        before,
        after,
        reason: dto.reason ?? null,
      });
      return this.detail(m, after);
    });
  }

  async addNote(actor: Actor, id: string, dto: AddNoteDto): Promise<NoteView> {
    return this.dataSource.transaction(async (m) => {
      await this.locked(m, id);
      const note = (await this.tickets.addNote(m, id, actor.id, dto.body))!;
      await this.tickets.touch(m, id);
      await this.audit.record(m, actor, { action: 'ticket.note', entityType: 'ticket', entityId: id, after: note });
      return note;
    });
  }

  /** The ticket's writer's explanation for the ticket's period, else the last computed one. */
  async explanation(id: string): Promise<Explanation & { ticket: TicketExplanationRef }> {
    const { ticket, memberKey } = await this.forExplanation(id);
    const period = ticket.period ?? (await this.explanations.defaultPeriod());
    const explanation = await this.explanations.forMemberKey(memberKey, period);
    return {
      ticket: { id: ticket.id, storyId: ticket.storyId, period: ticket.period, periodIsDefault: ticket.period === null },
      ...explanation,
    };
  }

  /** The ticket and its writer's key (for the explanation and saved replies). */
  async forExplanation(id: string): Promise<{ ticket: TicketView; memberKey: number }> {
    const ticket = await this.tickets.get(this.dataSource, id);
    if (!ticket) throw notFound('ticket', id);
    const memberKey = (await this.tickets.memberKey(this.dataSource, ticket.memberId))!;
    return { ticket, memberKey };
  }

  /** The writer's next payout, projected ("when will I be paid?"), for the ticket's writer context. */
  async payoutProjection(id: string): Promise<PayoutProjectionWithText> {
    const ticket = await this.tickets.get(this.dataSource, id);
    if (!ticket) throw notFound('ticket', id);
    return this.projections.forAuthor(ticket.memberId);
  }
}
