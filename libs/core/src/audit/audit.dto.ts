import { ApiProperty } from '@nestjs/swagger';
import { ApiTimestamp } from '../http/api-docs.js';

/** An audit log entry as the audit-log list answers. */
export class AuditEntryRecord {
  @ApiProperty() id!: string;
  @ApiTimestamp() at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the system' }) actorId!: string | null;
  @ApiProperty() actorEmail!: string;
  @ApiProperty({ example: 'nomination.boost' }) action!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the entity before the change' }) before!: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the entity after the change' }) after!: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}
