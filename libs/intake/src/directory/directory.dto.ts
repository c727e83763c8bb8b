import { ApiProperty } from '@nestjs/swagger';

/** A member as the reading platform sent it (`GET /api/members`). */
export class MemberView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2' }) country!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) birthDate!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) joinedAt!: string;
  @ApiProperty() earningsExcluded!: boolean;
}

export class MembershipView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['monthly', 'annual'] }) plan!: string;
  @ApiProperty({ enum: ['member', 'friend'] }) tier!: string;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
}

export class ChargeView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['monthly', 'annual'] }) plan!: string;
  @ApiProperty({ type: String, format: 'date', description: 'First day of the first month the charge covers' }) coversFrom!: string;
  @ApiProperty({ type: String, format: 'date-time' }) chargedAt!: string;
  @ApiProperty({ type: 'integer' }) grossCents!: number;
  @ApiProperty({ type: 'integer' }) feeCents!: number;
  @ApiProperty({ type: 'integer' }) netCents!: number;
  @ApiProperty({ enum: ['paid', 'refunded'] }) status!: string;
}

/** The member's own reading in one month (as a reader, every session, before any payout rule). */
export class ReadingMonth {
  @ApiProperty({ example: '2026-10' }) period!: string;
  @ApiProperty({ type: 'integer' }) sessions!: number;
  @ApiProperty({ type: 'integer' }) activeSeconds!: number;
  @ApiProperty({ type: 'integer' }) stories!: number;
  @ApiProperty({ type: 'integer' }) authors!: number;
}

/** `GET /api/members/:id`: the member, their memberships and charges (newest first), their reading. */
export class MemberDetail extends MemberView {
  @ApiProperty({ type: [MembershipView] }) memberships!: MembershipView[];
  @ApiProperty({ type: [ChargeView] }) charges!: ChargeView[];
  @ApiProperty({
    type: [ReadingMonth],
    description: 'The current month and the months before it (READING_MONTHS), newest first; months without reading are left out',
  })
  reading!: ReadingMonth[];
}

export class PublicationView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) storyCount!: number;
}

export class PublicationStory {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ enum: ['draft', 'published', 'unlisted', 'deleted'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty() membersOnly!: boolean;
}

/** `GET /api/publications/:id`: the publication and its latest stories (at most PUBLICATION_STORIES). */
export class PublicationDetail extends PublicationView {
  @ApiProperty({ type: [PublicationStory] }) stories!: PublicationStory[];
}
