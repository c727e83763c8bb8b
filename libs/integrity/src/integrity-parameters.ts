import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiTimestamp } from '../../core/src/http/api-docs.js';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../../core/src/http/validation.js';
import { INTEGRITY_PARAMETER_BOUNDS, type IntegrityParameters } from './integrity-parameter-fields.js';

export * from './integrity-parameter-fields.js';

const int =
  (field: keyof IntegrityParameters): PropertyDecorator =>
  (target, key) => {
    const [min, max] = INTEGRITY_PARAMETER_BOUNDS[field];
    for (const d of [ApiPropertyOptional({ minimum: min, maximum: max }), OptionalNotNull(), IsInt(), Min(min), Max(max)]) d(target, key);
  };

/** A change of thresholds for future detections (admin); omitted fields keep their value. */
export class UpdateIntegrityParametersDto implements Partial<IntegrityParameters> {
  @int('ringMinReads') ringMinReads?: number;
  @int('ringMinLift') ringMinLift?: number;
  @int('ringMinSize') ringMinSize?: number;
  @int('ringMinDensityBps') ringMinDensityBps?: number;
  @int('farmMinMembers') farmMinMembers?: number;
  @int('farmFocusBps') farmFocusBps?: number;
  @int('farmNearSeconds') farmNearSeconds?: number;
  @int('farmNearBps') farmNearBps?: number;
  @int('farmBurstHours') farmBurstHours?: number;
  @int('farmShareBps') farmShareBps?: number;
  @int('concentrationMinSessions') concentrationMinSessions?: number;
  @int('concentrationShareBps') concentrationShareBps?: number;
  @int('approvalWarningCents') approvalWarningCents?: number;
}

const intView =
  (field: keyof IntegrityParameters): PropertyDecorator =>
  (target, key) => {
    const [minimum, maximum] = INTEGRITY_PARAMETER_BOUNDS[field];
    ApiProperty({ type: 'integer', minimum, maximum })(target, key);
  };

/** A version of the thresholds as the API answers it (list, show, current, create). */
export class IntegrityParameterSetView implements IntegrityParameters {
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ['current'] }], description: 'the version, or "current"' })
  id!: number | 'current';
  @ApiProperty({ type: 'integer', description: '0: the defaults, never changed' }) version!: number;
  @ApiTimestamp({ nullable: true }) createdAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) createdByEmail!: string | null;
  @intView('ringMinReads') ringMinReads!: number;
  @intView('ringMinLift') ringMinLift!: number;
  @intView('ringMinSize') ringMinSize!: number;
  @intView('ringMinDensityBps') ringMinDensityBps!: number;
  @intView('farmMinMembers') farmMinMembers!: number;
  @intView('farmFocusBps') farmFocusBps!: number;
  @intView('farmNearSeconds') farmNearSeconds!: number;
  @intView('farmNearBps') farmNearBps!: number;
  @intView('farmBurstHours') farmBurstHours!: number;
  @intView('farmShareBps') farmShareBps!: number;
  @intView('concentrationMinSessions') concentrationMinSessions!: number;
  @intView('concentrationShareBps') concentrationShareBps!: number;
  @intView('approvalWarningCents') approvalWarningCents!: number;
}
