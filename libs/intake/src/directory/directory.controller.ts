import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyStaff, Roles } from '../../../core/src/auth/access.decorators.js';
import { MemberDetail, MemberView, PublicationDetail, PublicationView } from './directory.dto.js';
import { ApiList } from '../../../core/src/http/api-docs.js';
import { DirectoryService } from './directory.service.js';
import { MEMBER_LIST } from './members.repository.js';
import { PUBLICATION_LIST } from './publications.repository.js';
import { MEMBER_READERS } from './member-readers.js';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Roles(...MEMBER_READERS)
  @ApiList(MEMBER_LIST, MemberView)
  list(@Query() query: Record<string, unknown>) {
    return this.directory.listMembers(query);
  }

  @Get(':id')
  @Roles(...MEMBER_READERS)
  @ApiOkResponse({ type: MemberDetail })
  get(@Param('id') id: string) {
    return this.directory.member(id);
  }
}

@ApiTags('publications')
@ApiBearerAuth()
@Controller('publications')
export class PublicationsController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @AnyStaff()
  @ApiList(PUBLICATION_LIST, PublicationView)
  list(@Query() query: Record<string, unknown>) {
    return this.directory.listPublications(query);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOkResponse({ type: PublicationDetail })
  get(@Param('id') id: string) {
    return this.directory.publication(id);
  }
}
