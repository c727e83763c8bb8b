import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { CreateSavedReplyDto, RenderSavedReplyDto, UpdateSavedReplyDto } from './help-desk.dto.js';
import { SavedRepliesService } from './saved-replies.service.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { SAVED_REPLY_LIST } from './saved-replies.repository.js';
import { RenderedReplyRecord, SavedReplyDetailRecord, SavedReplyPlaceholderRecord, SavedReplyRecord } from './help-desk-views.dto.js';

@ApiTags('saved-replies')
@ApiBearerAuth()
@Controller('saved-replies')
export class SavedRepliesController {
  constructor(private readonly replies: SavedRepliesService) {}

  /** Filters: category, q (title and text). */
  @Get()
  @Roles('support')
  @ApiList(SAVED_REPLY_LIST, SavedReplyRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.replies.list(query);
  }

  /** The placeholders a saved reply may use. */
  @Get('placeholders')
  @Roles('support')
  @ApiOkResponse({ type: [SavedReplyPlaceholderRecord] })
  placeholders() {
    return this.replies.placeholders();
  }

  @Get(':id')
  @Roles('support')
  @ApiOkResponse({ type: SavedReplyDetailRecord })
  get(@Param('id') id: string) {
    return this.replies.get(id);
  }

  /** 400 for unknown placeholders, 409 when the title is taken. */
  @Post()
  @Roles('support')
  create(@CurrentStaff() actor: Actor, @Body() dto: CreateSavedReplyDto) {
    return this.replies.create(actor, dto);
  }

  @Put(':id')
  @Roles('support')
  @ApiOkResponse({ type: SavedReplyDetailRecord })
  update(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: UpdateSavedReplyDto) {
    return this.replies.update(actor, id, dto);
  }

  @Delete(':id')
  @Roles('support')
  delete(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.replies.delete(actor, id);
  }

  /** The reply filled for a ticket, for support to edit before sending (nothing is stored). */
  @Post(':id/render')
  @HttpCode(200)
  @Roles('support')
  @ApiOkResponse({ type: RenderedReplyRecord })
  render(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: RenderSavedReplyDto) {
    return this.replies.render(actor, id, dto.ticketId);
  }
}
