import { ApiProperty } from '@nestjs/swagger';
import { ApiTimestamp } from '../http/api-docs.js';

/** A review queue item's claim as the API shows it (ClaimView): null fields when nobody holds an unexpired claim. */
export class ClaimRecord {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) claimedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) claimedByEmail!: string | null;
  @ApiTimestamp({ nullable: true }) claimedUntil!: string | null;
}
