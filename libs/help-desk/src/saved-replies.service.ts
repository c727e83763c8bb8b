import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AuditService,
  badInput,
  conflict,
  formatCents,
  shownDifferenceCents,
  formatDollars,
  notFound,
  parseListQuery,
  toPage,
  type Actor,
  type ApiError,
} from '../../core/src/index.js';
import { PayoutProjectionService } from '../../payouts/src/index.js';
import { ExplanationsService, type Explanation } from './explanations.service.js';
import { periodName } from './explanation-format.js';
import type { CreateSavedReplyDto, UpdateSavedReplyDto } from './help-desk.dto.js';
import { SAVED_REPLY_LIST, SavedRepliesRepository, type SavedReplyView } from './saved-replies.repository.js';
import {
  EXPLANATION_PLACEHOLDERS,
  PLACEHOLDERS,
  placeholdersIn,
  renderTemplate,
  unknownPlaceholders,
  type Placeholder,
} from './saved-reply-template.js';
import { TicketsService } from './tickets.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUniqueViolation = (e: unknown) =>
  (e as { code?: string })?.code === '23505' || (e as { driverError?: { code?: string } })?.driverError?.code === '23505';
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (s: string) => (/[.!?]$/.test(s) ? capital(s) : `${capital(s)}.`);

export type SavedReplyDetail = SavedReplyView & { placeholders: string[] };

export interface RenderedReply {
  savedReplyId: string;
  ticketId: string;
  /** The period whose explanation filled the money placeholders (null when none was needed or available). */
  period: string | null;
  text: string;
  /** Placeholders left as they were: no value (e.g. no computed payout run, or the ticket has no story). */
  missing: string[];
}

/** Saved replies (canned responses) and their rendering for a ticket. */
@Injectable()
export class SavedRepliesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replies: SavedRepliesRepository,
    private readonly tickets: TicketsService,
    private readonly explanations: ExplanationsService,
    private readonly projections: PayoutProjectionService,
    private readonly audit: AuditService,
  ) {}

  placeholders() {
    return Object.entries(PLACEHOLDERS).map(([name, description]) => ({
      name,
      token: `{{${name}}}`,
      description,
      needsComputedRun: EXPLANATION_PLACEHOLDERS.has(name as Placeholder),
    }));
  }

  private static detail(r: SavedReplyView): SavedReplyDetail {
    return { ...r, placeholders: placeholdersIn(r.body) };
  }

  private static checkBody(body: string): void {
    const unknown = unknownPlaceholders(body);
    if (unknown.length) {
      throw badInput(`unknown placeholders: ${unknown.map((n) => `{{${n}}}`).join(', ')}`, [
        { field: 'body', message: `unknown placeholders ${unknown.join(', ')}; known: ${Object.keys(PLACEHOLDERS).join(', ')}` },
      ]);
    }
  }

  async list(query: Record<string, unknown>) {
    const q = parseListQuery(query, SAVED_REPLY_LIST);
    const page = await toPage(SAVED_REPLY_LIST.resource, q.offset, await this.replies.list(q), () => this.replies.count(q));
    return Object.assign(page, { rows: page.rows.map(SavedRepliesService.detail) });
  }

  async get(id: string): Promise<SavedReplyDetail> {
    const row = UUID.test(id) ? await this.replies.get(this.dataSource, id) : undefined;
    if (!row) throw notFound('saved reply', id);
    return SavedRepliesService.detail(row);
  }

  private titleTaken(title: string): ApiError {
    return conflict(`a saved reply titled "${title}" exists`, { field: 'title' });
  }

  async create(actor: Actor, dto: CreateSavedReplyDto): Promise<SavedReplyDetail> {
    SavedRepliesService.checkBody(dto.body);
    return this.dataSource.transaction(async (m) => {
      const row = await this.replies.insert(m, { title: dto.title, category: dto.category ?? null, body: dto.body, actorId: actor.id });
      if (!row) throw this.titleTaken(dto.title);
      await this.audit.record(m, actor, { action: 'saved-reply.create', entityType: 'saved-reply', entityId: row.id, after: row });
      return SavedRepliesService.detail(row);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateSavedReplyDto): Promise<SavedReplyDetail> {
    if (dto.body !== undefined) SavedRepliesService.checkBody(dto.body);
    if (!UUID.test(id)) throw notFound('saved reply', id);
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.replies.get(m, id, true);
        if (!before) throw notFound('saved reply', id);
        const next = {
          title: dto.title ?? before.title,
          category: dto.category === undefined ? before.category : dto.category,
          body: dto.body ?? before.body,
          actorId: actor.id,
        };
        if (next.title === before.title && next.category === before.category && next.body === before.body)
          return SavedRepliesService.detail(before);
        if (next.title !== before.title && (await this.replies.titleTaken(m, next.title, id))) throw this.titleTaken(next.title);
        const after = (await this.replies.update(m, id, next))!;
        await this.audit.record(m, actor, { action: 'saved-reply.update', entityType: 'saved-reply', entityId: id, before, after });
        return SavedRepliesService.detail(after);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw this.titleTaken(dto.title ?? '');
      throw e;
    }
  }

  async delete(actor: Actor, id: string): Promise<{ id: string }> {
    if (!UUID.test(id)) throw notFound('saved reply', id);
    return this.dataSource.transaction(async (m) => {
      const before = await this.replies.get(m, id, true);
      if (!before) throw notFound('saved reply', id);
      await this.replies.delete(m, id);
      await this.audit.record(m, actor, { action: 'saved-reply.delete', entityType: 'saved-reply', entityId: id, before });
      return { id };
    });
  }

  /** The reply filled for a ticket: writer, ticket, story, and the period's earnings explanation. */
  async render(actor: Actor, id: string, ticketId: string): Promise<RenderedReply> {
    const reply = await this.get(id);
    const { ticket, memberKey } = await this.tickets.forExplanation(ticketId);
    const used = placeholdersIn(reply.body);
    const values: Partial<Record<Placeholder, string>> = {
      writerName: ticket.memberName,
      writerFirstName: ticket.memberName.trim().split(/\s+/)[0] || ticket.memberName,
      writerUsername: ticket.memberUsername,
      agentName: actor.name,
      ticketId: ticket.id,
      ticketSubject: ticket.subject,
      ...(ticket.storyTitle === null ? {} : { storyTitle: ticket.storyTitle }),
    };
    let period: string | null = ticket.period;
    if (used.some((n) => EXPLANATION_PLACEHOLDERS.has(n as Placeholder))) {
      const explanation = await this.explanationFor(memberKey, ticket.period);
      if (explanation) {
        period = explanation.period;
        Object.assign(values, SavedRepliesService.explanationValues(explanation));
      }
    }
    if (period !== null) Object.assign(values, { period, periodName: periodName(period) });
    if (used.includes('nextPayout')) values.nextPayout = (await this.projections.forAuthor(ticket.memberId)).text;
    const { text, missing } = renderTemplate(reply.body, values);
    return { savedReplyId: reply.id, ticketId: ticket.id, period, text, missing };
  }

  /** The explanation, or null when there is no computed run for it (the placeholders stay for support to fill). */
  private async explanationFor(memberKey: number, period: string | null): Promise<Explanation | null> {
    try {
      return await this.explanations.forMemberKey(memberKey, period ?? (await this.explanations.defaultPeriod()));
    } catch (e) {
      if ((e as ApiError).code === 'rule_violation') return null;
      throw e;
    }
  }

  private static explanationValues(e: Explanation): Partial<Record<Placeholder, string>> {
    const c = e.comparison;
    const s = e.statement;
    const money = c.causes.filter((x) => x.amountMicros !== 0n);
    return {
      previousPeriodName: periodName(e.previousPeriod),
      earnings: formatDollars(c.earningsMicros),
      previousEarnings: formatDollars(c.previousEarningsMicros),
      change: formatCents(shownDifferenceCents(c.earningsMicros, c.previousEarningsMicros), { signed: true }),
      storyEarnings: formatDollars(s?.storyEarningsMicros ?? 0n),
      referralEarnings: formatDollars(s?.referralEarningsMicros ?? 0n),
      adjustments: formatDollars(s?.adjustmentsMicros ?? 0n, { signed: true }),
      balance: formatDollars(s?.balanceMicros ?? 0n),
      payout: formatCents(s?.payoutCents ?? 0n),
      carried: formatDollars(s?.carriedMicros ?? 0n),
      minimumPayout: formatCents(BigInt(e.run.minPayoutCents)),
      topCause: money[0] ? sentence(money[0].text) : 'Your earnings did not change.',
      causes: money.length ? money.map((x) => `- ${sentence(x.text)}`).join('\n') : '- No change.',
      explanation: e.writerText,
    };
  }
}
