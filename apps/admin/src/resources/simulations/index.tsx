import DownloadIcon from '@mui/icons-material/Download';
import ScienceIcon from '@mui/icons-material/Science';
import { Button, Card, CardContent, Typography } from '@mui/material';
import { DataTable, DeleteButton, List, SelectInput, Show, TextInput, TopToolbar, useGetOne, useRecordContext } from 'react-admin';
import { parameterLabel, formatParameter } from '@libs/payouts/src/earnings-parameter-fields';
import { SIMULATION_STATUSES } from '@libs/payouts/src/simulation/simulation-rules';
import type { Simulation } from '../../api';
import { IfCan } from '../../components/actions';
import { Fact, Facts, Progress, StatusChip } from '../../components/fields';
import { ListActions, choices } from '../../components/lists';
import { dataProvider } from '../../dataProvider';
import { formatUtc } from '../../dates';
import { formatMicros } from '../../money';
import { Comparison } from './Comparison';

const filters = [
  <TextInput key="period" source="period" label="Period (YYYY-MM)" alwaysOn />,
  <SelectInput key="status" source="status" choices={choices(SIMULATION_STATUSES)} alwaysOn />,
];

/** "Boost bonus ×2.00 → ×1.50; …" */
export const changesText = (changes: Simulation['changes'] | undefined) => {
  const entries = Object.entries(changes ?? {});
  return entries.length
    ? entries.map(([f, c]) => `${parameterLabel(f)} ${formatParameter(f, c.from)} → ${formatParameter(f, c.to)}`).join('; ')
    : "the run's own parameters";
};

const SimulationList = () => (
  <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} actions={<ListActions />} exporter={false} title="Simulations">
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt" label="Created" render={(r: Simulation) => formatUtc(r.createdAt)} />
      <DataTable.Col source="period" />
      <DataTable.Col source="label" disableSort />
      <DataTable.Col source="changes" label="What changes" disableSort render={(r: Simulation) => changesText(r.changes)} />
      <DataTable.Col source="status" render={(r: Simulation) => <StatusChip value={r.status} />} />
      <DataTable.Col source="createdByEmail" label="By" disableSort />
    </DataTable>
  </List>
);

const CsvButton = () => {
  const r = useRecordContext<Simulation>();
  if (!r || r.status !== 'done') return null;
  return (
    <IfCan resource="simulations" action="authors.csv">
      <Button startIcon={<DownloadIcon />} onClick={() => dataProvider.downloadSimulationCsv(r.id, r.period)}>
        Authors CSV
      </Button>
    </IfCan>
  );
};

/** The record, polled while the job works on it; the comparison once it is done. */
const SimulationDetail = () => {
  const shown = useRecordContext<Simulation>();
  const { data } = useGetOne<Simulation>(
    'simulations',
    { id: shown?.id ?? '' },
    { enabled: !!shown, refetchInterval: (q) => (['queued', 'running'].includes(q.state.data?.status ?? 'queued') ? 1000 : false) },
  );
  const r = data ?? shown;
  if (!r) return null;
  return (
    <>
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            What if, for {r.period}: {changesText(r.changes)}
          </Typography>
          <Facts>
            <Fact label="Status">
              <span data-testid="simulation-status">
                <StatusChip value={r.status} />
              </span>
            </Fact>
            {r.status === 'running' || r.status === 'queued' ? (
              <Fact label="Progress">
                <Progress value={r.progress} />
              </Fact>
            ) : null}
            <Fact label="Label">{r.label ?? '—'}</Fact>
            <Fact label="Compared with run">{r.runId}</Fact>
            <Fact label="Pool">{formatMicros(r.poolMicros)}</Fact>
            <Fact label="Allocated (simulation / run)">
              {formatMicros(r.allocatedMicros)} / {formatMicros(r.runAllocatedMicros)}
            </Fact>
            {r.withoutBoostIds.length ? <Fact label="Without boosts">{r.withoutBoostIds.join(', ')}</Fact> : null}
            {r.excludedPairs ? <Fact label="Excluded reader–story pairs">{r.excludedPairs}</Fact> : null}
            <Fact label="Engine time">{r.seconds === null ? '—' : `${r.seconds.toFixed(1)} s`}</Fact>
            <Fact label="Created">
              {formatUtc(r.createdAt)} {r.createdByEmail ? `by ${r.createdByEmail}` : ''}
            </Fact>
            {r.error ? <Fact label="Error">{r.error}</Fact> : null}
          </Facts>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            A simulation moves no money: the run, its statements and the ledger stay as they are.
          </Typography>
        </CardContent>
      </Card>
      {r.status === 'done' ? <Comparison id={r.id} /> : null}
    </>
  );
};

const SimulationShow = () => (
  <Show
    component="div"
    title="Simulation"
    actions={
      <TopToolbar>
        <CsvButton />
        <IfCan resource="simulations" action="delete">
          <DeleteButton mutationMode="pessimistic" />
        </IfCan>
      </TopToolbar>
    }
  >
    <SimulationDetail />
  </Show>
);

export default { list: SimulationList, show: SimulationShow, icon: ScienceIcon };
