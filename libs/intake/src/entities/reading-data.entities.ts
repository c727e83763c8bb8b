import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { referralCutoffCheck } from '../../../referral-legacy/src/referral-rules.js';

/*
 * The reading data the platform sends (spec/import-format.md). External ids are kept as
 * given (text, compared with COLLATE "C"); members and stories also get an integer key,
 * which the big tables (sessions, engagements, follows) reference so that the payout
 * run joins and groups on 4-byte integers instead of strings.
 */

// Sort indexes of the members and publications lists (migration DirectorySortIndexes): not generated from columns.
@Index('members_name_idx', { synchronize: false })
@Index('members_joined_at_idx', { synchronize: false })
// The search's trigram indexes (migration ListSearchTrigrams).
@Index('members_id_trgm_idx', { synchronize: false })
@Index('members_username_trgm_idx', { synchronize: false })
@Index('members_name_trgm_idx', { synchronize: false })
@Index('members_email_trgm_idx', { synchronize: false })
@Entity('members')
@Index('members_id_key', ['id'], { unique: true })
export class Member {
  @PrimaryGeneratedColumn({ type: 'integer' }) key!: number;
  @Column({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'text' }) username!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'char', length: 2 }) country!: string;
  @Column({ type: 'date', name: 'birth_date', nullable: true }) birthDate!: string | null;
  @Column({ type: 'timestamptz', name: 'joined_at' }) joinedAt!: Date;
  @Column({ type: 'boolean', name: 'earnings_excluded', default: false }) earningsExcluded!: boolean;
}

@Entity('memberships')
@Index('memberships_member_idx', ['memberKey'])
@Check('memberships_plan_check', `plan IN ('monthly','annual')`)
@Check('memberships_tier_check', `tier IN ('member','friend')`)
export class Membership {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @Column({ type: 'text' }) plan!: string;
  @Column({ type: 'text' }) tier!: string;
  @Column({ type: 'timestamptz', name: 'started_at' }) startedAt!: Date;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
}

@Entity('charges')
@Index('charges_member_idx', ['memberKey'])
@Check('charges_plan_check', `plan IN ('monthly','annual')`)
@Check('charges_status_check', `status IN ('paid','refunded')`)
@Check('charges_amounts_check', `gross_cents >= 0 AND fee_cents >= 0 AND net_cents >= 0`)
export class Charge {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @Column({ type: 'text' }) plan!: string;
  /** First day of the first month the charge covers. */
  @Column({ type: 'date', name: 'covers_from' }) coversFrom!: string;
  @Column({ type: 'timestamptz', name: 'charged_at' }) chargedAt!: Date;
  @Column({ type: 'bigint', name: 'gross_cents' }) grossCents!: string;
  @Column({ type: 'bigint', name: 'fee_cents' }) feeCents!: string;
  @Column({ type: 'bigint', name: 'net_cents' }) netCents!: string;
  @Column({ type: 'text' }) status!: string;
}

@Index('publications_name_idx', { synchronize: false })
@Entity('publications')
@Index('publications_id_key', ['id'], { unique: true })
export class Publication {
  @PrimaryGeneratedColumn({ type: 'integer' }) key!: number;
  @Column({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'text' }) name!: string;
}

// Sort indexes of the console's list (migration ListSortIndexes): not generated from columns.
@Index('stories_title_idx', { synchronize: false })
@Index('stories_status_idx', { synchronize: false })
@Index('stories_published_asc_idx', { synchronize: false })
@Index('stories_published_desc_idx', { synchronize: false })
@Index('stories_title_trgm_idx', { synchronize: false }) // the search's (migration ListSearchTrigrams)
@Entity('stories')
@Index('stories_id_key', ['id'], { unique: true })
@Index('stories_author_idx', ['authorKey'])
@Index('stories_publication_idx', ['publicationKey'])
@Check('stories_status_check', `status IN ('draft','published','unlisted','deleted')`)
export class Story {
  @PrimaryGeneratedColumn({ type: 'integer' }) key!: number;
  @Column({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'author_key' }) authorKey!: number;
  @Column({ type: 'integer', name: 'publication_key', nullable: true }) publicationKey!: number | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'timestamptz', name: 'published_at', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'boolean', name: 'members_only' }) membersOnly!: boolean;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'boolean', name: 'ai_disclosed', default: false }) aiDisclosed!: boolean;
  @Column({ type: 'text', default: 'en' }) language!: string;
}

@Entity('enrollments')
@Index('enrollments_member_idx', ['memberKey'])
export class Enrollment {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @Column({ type: 'timestamptz', name: 'enrolled_at' }) enrolledAt!: Date;
  @Column({ type: 'timestamptz', name: 'left_at', nullable: true }) leftAt!: Date | null;
}

@Entity('payout_accounts')
@Check('payout_accounts_status_check', `status IN ('verified','pending','restricted')`)
@Check('payout_accounts_tax_check', `tax_status IN ('verified','missing')`)
export class PayoutAccount {
  @PrimaryColumn({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @Column({ type: 'text' }) provider!: string;
  @Column({ type: 'text', name: 'account_ref' }) accountRef!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text', name: 'tax_status' }) taxStatus!: string;
}

@Entity('boosts')
@Index('boosts_story_idx', ['storyKey'])
@Check('boosts_source_check', `source IN ('nomination','curator')`)
@Check('boosts_window_check', `ends_at > starts_at`)
export class Boost {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'timestamptz', name: 'starts_at' }) startsAt!: Date;
  /** Exclusive end; ending a boost early moves it to the moment it was ended. */
  @Column({ type: 'timestamptz', name: 'ends_at' }) endsAt!: Date;
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'text', name: 'end_reason', nullable: true }) endReason!: string | null;
}

/** Tens of millions of rows a month: integer keys only, no foreign-key triggers. */
@Entity('sessions')
@Index('sessions_started_at_idx', ['startedAt'])
@Check('sessions_mode_check', `mode IN ('read','listen')`)
@Check('sessions_seconds_check', `active_seconds >= 0`)
export class ReadingSession {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'integer', name: 'reader_key', nullable: true }) readerKey!: number | null;
  @Column({ type: 'timestamptz', name: 'started_at' }) startedAt!: Date;
  @Column({ type: 'integer', name: 'active_seconds' }) activeSeconds!: number;
  @Column({ type: 'text' }) mode!: string;
}

@Entity('engagements')
@Index('engagements_occurred_at_idx', ['occurredAt'])
@Check('engagements_kind_check', `kind IN ('clap','highlight','reply')`)
@Check('engagements_count_check', `count BETWEEN 1 AND 50`)
export class Engagement {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt!: Date;
  @Column({ type: 'integer' }) count!: number;
}

@Entity('follows')
@Index('follows_pair_idx', ['followerKey', 'followeeKey'])
export class Follow {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'follower_key' }) followerKey!: number;
  @Column({ type: 'integer', name: 'followee_key' }) followeeKey!: number;
  @Column({ type: 'timestamptz', name: 'followed_at' }) followedAt!: Date;
  @Column({ type: 'timestamptz', name: 'unfollowed_at', nullable: true }) unfollowedAt!: Date | null;
}

@Entity('referrals')
@Index('referrals_referrer_idx', ['referrerKey'])
@Index('referrals_referred_idx', ['referredMemberKey'])
@Index('referrals_page_slug_idx', ['pageSlug'])
@Check('referrals_cutoff_check', referralCutoffCheck('referred_at'))
export class Referral {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'referrer_key' }) referrerKey!: number;
  @Column({ type: 'integer', name: 'referred_member_key' }) referredMemberKey!: number;
  @Column({ type: 'timestamptz', name: 'referred_at' }) referredAt!: Date;
  @Column({ type: 'text', name: 'page_slug' }) pageSlug!: string;
}

export const READING_DATA_ENTITIES = [
  Member,
  Membership,
  Charge,
  Publication,
  Story,
  Enrollment,
  PayoutAccount,
  Boost,
  ReadingSession,
  Engagement,
  Follow,
  Referral,
];
