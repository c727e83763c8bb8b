import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { BoostStoryDto, EndBoostDto } from './boost-curation.dto.js';
import { BoostRecord, StoryDetailRecord, StoryRecord } from './boost-curation-views.dto.js';
import { BoostsService } from './boosts.service.js';
import { StoriesService } from './stories.service.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { BOOST_LIST } from './boosts.service.js';
import { STORY_LIST } from './stories.service.js';

@ApiTags('boosts')
@ApiBearerAuth()
@Controller('boosts')
export class BoostsController {
  constructor(private readonly boosts: BoostsService) {}

  /** Boost windows (filter `state`: active, ended, upcoming; `storyId` for a story's history). */
  @Get()
  @AnyStaff()
  @ApiList(BOOST_LIST, BoostRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.boosts.list(query);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOkResponse({ type: BoostRecord })
  get(@Param('id') id: string) {
    return this.boosts.get(id);
  }

  /** Ends an active boost now, with a reason; the payout run then sees the shortened window. */
  @Post(':id/end')
  @HttpCode(200)
  @Roles('curator')
  @ApiOkResponse({ type: BoostRecord })
  end(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: EndBoostDto) {
    return this.boosts.end(actor, id, dto);
  }
}

@ApiTags('stories')
@ApiBearerAuth()
@Controller('stories')
export class StoriesController {
  constructor(
    private readonly stories: StoriesService,
    private readonly boosts: BoostsService,
  ) {}

  @Get()
  @AnyStaff()
  @ApiList(STORY_LIST, StoryRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.stories.list(query);
  }

  /** One story with its Boost history (windows and nominations). */
  @Get(':id')
  @AnyStaff()
  @ApiOkResponse({ type: StoryDetailRecord })
  get(@Param('id') id: string) {
    return this.stories.get(id);
  }

  /** A curator boosts a story nobody nominated (same story rules; 422 names the rule). Creates a boost. */
  @Post(':id/boost')
  @Roles('curator')
  boost(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: BoostStoryDto) {
    return this.boosts.boostStory(actor, id, dto);
  }
}
