import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/*
 * Month-to-date estimates (issue 19): per UTC day aggregates of the reading data, written only
 * by the daily job (estimate-days-sql.ts), one day replaced at a time. Keys are the reading
 * data's integer keys.
 */

/** A day that has been aggregated, with the session parameters it was built with. */
@Entity('estimate_days')
@Index('estimate_days_period_idx', ['period', 'day'])
export class EstimateDay {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @Column({ type: 'text' }) period!: string;
  @Column({ type: 'timestamptz', name: 'aggregated_at' }) aggregatedAt!: Date;
  @Column({ type: 'integer', name: 'qualified_read_seconds' }) qualifiedReadSeconds!: number;
  @Column({ type: 'integer', name: 'session_cap_seconds' }) sessionCapSeconds!: number;
  /** The day's views of every story (step 3's count). */
  @Column({ type: 'integer' }) views!: number;
}

/** Per (day, logged-in reader, story): the reader's views and reads, and the pair's facts when eligible (null otherwise). */
@Entity('estimate_pair_days')
// secondary indexes lead with the day: writing a day touches one region of each (1796350000001-EstimateDayIndexes)
@Index('estimate_pair_days_day_author_idx', ['day', 'authorKey'])
export class EstimatePairDay {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @PrimaryColumn({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'integer', name: 'author_key' }) authorKey!: number;
  @Column({ type: 'integer' }) views!: number;
  @Column({ type: 'integer' }) reads!: number;
  @Column({ type: 'bigint', name: 'time_points', nullable: true }) timePoints!: string | null;
  @Column({ type: 'integer', name: 'member_reads' }) memberReads!: number;
  @Column({ type: 'timestamptz', nullable: true }) t0!: Date | null;
  @Column({ type: 'timestamptz', name: 't_last', nullable: true }) tLast!: Date | null;
}

/** Per (day, story): views and reads by anyone but the author. */
@Entity('estimate_story_days')
export class EstimateStoryDay {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'integer' }) views!: number;
  @Column({ type: 'integer' }) reads!: number;
}

/** Per (day, member, story): the engagement kinds that day. */
@Entity('estimate_engagement_days')
export class EstimateEngagementDay {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @PrimaryColumn({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'boolean' }) clap!: boolean;
  @Column({ type: 'boolean' }) highlight!: boolean;
  @Column({ type: 'boolean' }) reply!: boolean;
}

/** A first follow lying in the day and, per story of the author, the day's latest eligible session at or before it. */
@Entity('estimate_follow_days')
export class EstimateFollowDay {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @PrimaryColumn({ type: 'integer', name: 'author_key' }) authorKey!: number;
  @PrimaryColumn({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'timestamptz', name: 'followed_at' }) followedAt!: Date;
  @Column({ type: 'timestamptz', name: 'started_at' }) startedAt!: Date;
}

/** A day whose reading data changed since it was aggregated (intake marks it; its aggregation clears it). */
@Entity('estimate_dirty_days')
export class EstimateDirtyDay {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @Column({ type: 'timestamptz', name: 'marked_at', default: () => 'now()' }) markedAt!: Date;
}

export const ESTIMATE_ENTITIES = [
  EstimateDay,
  EstimatePairDay,
  EstimateStoryDay,
  EstimateEngagementDay,
  EstimateFollowDay,
  EstimateDirtyDay,
];
