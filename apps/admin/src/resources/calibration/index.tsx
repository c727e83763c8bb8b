import BalanceIcon from '@mui/icons-material/Balance';
import TrackChangesIcon from '@mui/icons-material/TrackChanges';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { DataTable, List, SearchInput, TextInput } from 'react-admin';
import { exporterOf } from '../../components/exporter';
import { ListActions } from '../../components/lists';
import { formatMicros } from '../../money';
import { formatBpsPercent, formatCount } from '../../numbers';
import type { CalibrationEffect, CuratorCalibration, NominatorCalibration } from '../../api';
import { curatorCalibrationCsv, nominatorCalibrationCsv } from './csv';

/*
 * Calibration (issue 19): how often a nominator's nominations or a curator's choices were
 * boosted, and what the ended boosts among them moved (boost impact's measurements).
 */

const monthInput = (source: string, label: string) => (
  <TextInput key={source} source={source} label={label} type="month" alwaysOn slotProps={{ inputLabel: { shrink: true } }} />
);

const filters = (placeholder: string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={placeholder} />,
  monthInput('period_gte', 'From month'),
  monthInput('period_lte', 'To month'),
];

const TwoLines = ({ top, bottom }: { top: ReactNode; bottom: ReactNode }) => (
  <Box>
    <Typography variant="body2">{top}</Typography>
    <Typography variant="caption" color="text.secondary">
      {bottom}
    </Typography>
  </Box>
);

/** "3 of 6", and under it what the others wait for. */
const Measured = ({ r }: { r: CalibrationEffect }) => (
  <TwoLines
    top={`${formatCount(r.measuredBoosts)} of ${formatCount(r.endedBoosts)}`}
    bottom={
      r.awaitingRunBoosts || r.awaitingSimulationBoosts
        ? `${formatCount(r.awaitingRunBoosts)} await a run · ${formatCount(r.awaitingSimulationBoosts)} a simulation`
        : null
    }
  />
);

/** The rate, and under it what it is made of. */
const Acceptance = ({ r }: { r: { acceptanceRateBps: number | null; boosted: number; declined: number } }) => (
  <TwoLines
    top={r.acceptanceRateBps === null ? '—' : formatBpsPercent(r.acceptanceRateBps)}
    bottom={r.boosted + r.declined ? `${formatCount(r.boosted)} of ${formatCount(r.boosted + r.declined)} boosted` : 'none decided'}
  />
);

/** The realised-effect columns both lists end with (DataTable takes an array of columns as children). */
const effectColumns = [
  <DataTable.Col key="measured" source="measuredBoosts" label="Boosts measured" render={(r: CalibrationEffect) => <Measured r={r} />} />,
  <DataTable.Col
    key="realised"
    source="realisedMicros"
    label="Realised effect"
    align="right"
    render={(r: CalibrationEffect) => formatMicros(r.realisedMicros)}
  />,
  <DataTable.Col
    key="median"
    source="medianRealisedMicros"
    label="Median effect"
    align="right"
    render={(r: CalibrationEffect) => formatMicros(r.medianRealisedMicros)}
  />,
];

const NominatorCalibrationList = () => (
  <List
    filters={filters('Name or username')}
    sort={{ field: 'nominations', order: 'DESC' }}
    actions={<ListActions />}
    exporter={exporterOf(nominatorCalibrationCsv)}
    title="Nominator calibration"
  >
    <DataTable rowClick={(id) => `/nominators/${id}/show`} bulkActionButtons={false}>
      <DataTable.Col source="name" label="Nominator" render={(r: NominatorCalibration) => <TwoLines top={r.name} bottom={r.id} />} />
      <DataTable.Col source="nominations" align="right" render={(r: NominatorCalibration) => formatCount(r.nominations)} />
      <DataTable.Col
        source="acceptanceRateBps"
        label="Acceptance rate"
        align="right"
        render={(r: NominatorCalibration) => <Acceptance r={r} />}
      />
      {effectColumns}
    </DataTable>
  </List>
);

const CuratorCalibrationList = () => (
  <List
    filters={filters('Name or email')}
    sort={{ field: 'decisions', order: 'DESC' }}
    actions={<ListActions />}
    exporter={exporterOf(curatorCalibrationCsv)}
    title="Curator calibration"
  >
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="name" label="Curator" render={(r: CuratorCalibration) => <TwoLines top={r.name} bottom={r.email} />} />
      <DataTable.Col source="decisions" align="right" render={(r: CuratorCalibration) => formatCount(r.decisions)} />
      <DataTable.Col
        source="acceptanceRateBps"
        label="Acceptance rate"
        align="right"
        render={(r: CuratorCalibration) => <Acceptance r={r} />}
      />
      <DataTable.Col
        source="boostsChosen"
        label="Boosts chosen"
        align="right"
        render={(r: CuratorCalibration) => (
          <TwoLines top={formatCount(r.boostsChosen)} bottom={r.storyBoosts ? `${formatCount(r.storyBoosts)} unprompted` : null} />
        )}
      />
      {effectColumns}
    </DataTable>
  </List>
);

export const nominatorCalibration = { list: NominatorCalibrationList, icon: TrackChangesIcon };
export const curatorCalibration = { list: CuratorCalibrationList, icon: BalanceIcon };
