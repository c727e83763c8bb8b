import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { OptionalNotNull } from '../../../core/src/http/validation.js';
import { IsPeriod } from '../../../core/src/period/is-period.decorator.js';
import { MAX_REASON_LENGTH } from '../../../core/src/text-limits.js';
import { UpdateEarningsParametersDto } from '../earnings-parameters.js';

/**
 * A what-if run: the period (closed, with an approved or paid run) and the parameters that
 * differ from the run's (the same fields and bounds as the earnings-parameters endpoint;
 * omitted fields keep the run's value).
 */
export class CreateSimulationDto {
  @IsPeriod() period!: string;
  @ApiPropertyOptional({ type: UpdateEarningsParametersDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateEarningsParametersDto)
  parameters?: UpdateEarningsParametersDto;
  /** What the simulation is for, in a few words (shown in the list). */
  @ApiPropertyOptional({ maxLength: MAX_REASON_LENGTH })
  @OptionalNotNull()
  @IsString()
  @Length(1, MAX_REASON_LENGTH)
  label?: string;
}
