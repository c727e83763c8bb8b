import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { jsonable } from './explanations.service.js';
import { AddNoteDto, CreateTicketDto, ReopenTicketDto, ResolveTicketDto, UpdateTicketDto } from './help-desk.dto.js';
import { TicketDetailRecord, TicketExplanationRecord, TicketRecord } from './help-desk-views.dto.js';
import { TicketsService } from './tickets.service.js';
import { PayoutProjectionView } from '../../payouts/src/index.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { TICKET_LIST } from './tickets.repository.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  /**
   * Default order: open first, then pending, then resolved, oldest first (`sort=["queue","ASC"]`).
   * Filters: status, category, source, assigneeId, assigned, memberId, storyId, period,
   * createdAt_gte/_lte, ageDays (and _gte/_lte: whole days since it arrived), q.
   */
  @Get()
  @Roles('support', 'finance')
  @ApiList(TICKET_LIST, TicketRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.tickets.list(query);
  }

  /** The ticket with its internal notes (staff only) and the path of its earnings explanation. */
  @Get(':id')
  @Roles('support', 'finance')
  @ApiOkResponse({ type: TicketDetailRecord })
  get(@Param('id') id: string) {
    return this.tickets.get(id);
  }

  /** The writer's earnings explanation for the ticket's period (default: the last computed one). */
  @Get(':id/explanation')
  @Roles('support', 'finance')
  @ApiOkResponse({ type: TicketExplanationRecord })
  async explanation(@Param('id') id: string) {
    return jsonable(await this.tickets.explanation(id));
  }

  /** The writer's next payout, projected ("when will I be paid?"): amount, date, threshold, holds, payout account, in words too. */
  @Get(':id/payout-projection')
  @Roles('support', 'finance')
  @ApiOkResponse({ type: PayoutProjectionView })
  async payoutProjection(@Param('id') id: string) {
    return jsonable(await this.tickets.payoutProjection(id));
  }

  /** Support opens a ticket for a writer (id `tkt_<uuid>`). */
  @Post()
  @Roles('support')
  create(@CurrentStaff() actor: Actor, @Body() dto: CreateTicketDto) {
    return this.tickets.create(actor, dto);
  }

  @Put(':id')
  @Roles('support')
  update(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: UpdateTicketDto) {
    return this.tickets.update(actor, id, dto);
  }

  /** 409 when already resolved. */
  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('support')
  resolve(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: ResolveTicketDto) {
    return this.tickets.resolve(actor, id, dto);
  }

  /** 409 when not resolved. */
  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('support')
  reopen(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: ReopenTicketDto) {
    return this.tickets.reopen(actor, id, dto);
  }

  /** An internal note (never shown to the writer). */
  @Post(':id/notes')
  @Roles('support')
  addNote(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: AddNoteDto) {
    return this.tickets.addNote(actor, id, dto);
  }
}
