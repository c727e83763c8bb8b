import { col, money, type CsvColumn } from '../../components/csv';
import { formatBpsPercent } from '../../numbers';
import type { CalibrationEffect, CuratorCalibration, NominatorCalibration } from '../../api';

/** The realised-effect columns both calibrations share. */
const effectCsv = <R extends CalibrationEffect>(): CsvColumn<R>[] => [
  col('Ended boosts', (r) => r.endedBoosts),
  col('Measured', (r) => r.measuredBoosts),
  col('Awaiting a run', (r) => r.awaitingRunBoosts),
  col('Awaiting a simulation', (r) => r.awaitingSimulationBoosts),
  money('Realised effect', (r) => r.realisedMicros),
  money('Median effect', (r) => r.medianRealisedMicros),
];

const rate = (bps: number | null) => (bps === null ? '' : formatBpsPercent(bps));

export const nominatorCalibrationCsv: CsvColumn<NominatorCalibration>[] = [
  col('Member id', (r) => r.id),
  col('Name', (r) => r.name),
  col('Nominations', (r) => r.nominations),
  col('Boosted', (r) => r.boosted),
  col('Declined', (r) => r.declined),
  col('Refused', (r) => r.refused),
  col('Pending', (r) => r.pending),
  col('Acceptance rate (boosted / decided)', (r) => rate(r.acceptanceRateBps)),
  ...effectCsv<NominatorCalibration>(),
];

export const curatorCalibrationCsv: CsvColumn<CuratorCalibration>[] = [
  col('Staff id', (r) => r.id),
  col('Name', (r) => r.name),
  col('Email', (r) => r.email),
  col('Decisions', (r) => r.decisions),
  col('Boosted', (r) => r.boosted),
  col('Declined', (r) => r.declined),
  col('Acceptance rate (boosted / decided)', (r) => rate(r.acceptanceRateBps)),
  col('Stories boosted unprompted', (r) => r.storyBoosts),
  col('Boosts chosen', (r) => r.boostsChosen),
  ...effectCsv<CuratorCalibration>(),
];
