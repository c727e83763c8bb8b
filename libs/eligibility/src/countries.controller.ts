import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { CountriesService } from './countries.service.js';
import { CreateCountryDto, UpdateCountryDto } from './eligibility.dto.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { COUNTRY_LIST } from './countries.repository.js';
import { CountryRecord } from './eligibility-views.dto.js';

/** The supported-country list; id = ISO 3166-1 alpha-2 code. */
@ApiTags('countries')
@ApiBearerAuth()
@Controller('countries')
export class CountriesController {
  constructor(private readonly countries: CountriesService) {}

  @Get()
  @AnyStaff()
  @ApiList(COUNTRY_LIST, CountryRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.countries.list(query);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOkResponse({ type: CountryRecord })
  get(@Param('id') id: string) {
    return this.countries.get(id);
  }

  @Post()
  @Roles('admin')
  create(@CurrentStaff() actor: Actor, @Body() dto: CreateCountryDto) {
    return this.countries.create(actor, dto);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOkResponse({ type: CountryRecord })
  update(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: UpdateCountryDto) {
    return this.countries.update(actor, id, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOkResponse({ type: CountryRecord })
  remove(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.countries.remove(actor, id);
  }
}
