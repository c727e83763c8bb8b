import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What an ended boost moved, as boost impact last computed it (run − simulation without it,
 * summed over the months with an approved run). Kept so calibration reads it set-based
 * instead of running the engine; `complete` is false while a month of the window has no run.
 */
@Entity('boost_impacts')
export class BoostImpact {
  @PrimaryColumn({ type: 'text', name: 'boost_id', collation: 'C' }) boostId!: string;
  @Column({ type: 'bigint', name: 'realised_micros' }) realisedMicros!: string;
  @Column({ type: 'boolean' }) complete!: boolean;
  @Column({ type: 'timestamptz', name: 'measured_at', default: () => 'now()' }) measuredAt!: Date;
}
